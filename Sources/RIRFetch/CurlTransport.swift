import CCurl

/// libcurl's process-wide set-up, done once before the first handle.
private let curlGlobalSetUp: CURLcode = rir_curl_global_init()

/// Why libcurl cannot be used: it could not be loaded (the loader's message), or its set-up failed.
private var curlSetUpFailure: String {
    rir_curl_load_error().map { "libcurl could not be loaded: \(String(cString: $0)) (apt-get install libcurl4)" }
        ?? "libcurl failed to initialise"
}

/// The real network transport: one libcurl easy handle per request.
///
/// TLS peer and host verification are always on; redirects are never followed here
/// (the ``Fetcher`` checks each hop); the body cap is enforced in the write callback
/// as the body streams, so an oversized body is never held in memory.
public struct CurlTransport: FetchTransport {
    /// A transport over the system libcurl.
    public init() {}

    /// Performs one GET; returns the whole response, or the error that stopped it.
    public func perform(_ request: TransportRequest) -> Result<TransportResponse, FetchError> {
        let url = request.url.string
        guard curlGlobalSetUp == CURLE_OK else {
            return .failure(.transport(url: url, cause: curlSetUpFailure))
        }
        guard let handle = rir_curl_easy_init() else {
            return .failure(.transport(url: url, cause: "libcurl could not create a handle"))
        }
        defer { rir_curl_easy_cleanup(handle) }

        var headerList: UnsafeMutablePointer<curl_slist>?
        for header in request.headers {
            headerList = rir_curl_slist_append(headerList, "\(header.name): \(header.value)")
        }
        defer { rir_curl_slist_free_all(headerList) }

        let transfer = Transfer(limit: request.settings.maxBodyBytes, cancellation: request.cancellation)
        var errorText = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        let code: CURLcode = errorText.withUnsafeMutableBufferPointer { errorBuffer in
            withExtendedLifetime(transfer) {
                let context = Unmanaged.passUnretained(transfer).toOpaque()
                if let failed = configure(handle, request: request, headers: headerList,
                                          context: context, errorBuffer: errorBuffer.baseAddress) {
                    return failed
                }
                let code = rir_curl_easy_perform(handle)
                // The buffer dies with this closure: libcurl must not keep a pointer to it.
                _ = rir_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, nil)
                return code
            }
        }
        let message = String(decoding: errorText.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) },
                             as: UTF8.self)
        guard code == CURLE_OK else {
            return .failure(error(for: code, message: message, request: request, transfer: transfer,
                                  handle: handle))
        }
        var status = 0
        _ = rir_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        var response = TransportResponse(status: status, headers: transfer.headers, body: transfer.body)
        response.statusLine = transfer.statusLine
        response.headerLines = transfer.headerLines
        if let shortfall = Self.contentLengthShortfall(of: response) {
            return .failure(.truncatedBody(url: url, received: shortfall.received, expected: shortfall.expected,
                                           attempts: 1))
        }
        return .success(response)
    }

    // MARK: - Options

    /// Sets every option of the transfer; returns the code of the first option libcurl refused.
    private func configure(_ handle: UnsafeMutableRawPointer, request: TransportRequest,
                           headers: UnsafeMutablePointer<curl_slist>?, context: UnsafeMutableRawPointer,
                           errorBuffer: UnsafeMutablePointer<CChar>?) -> CURLcode? {
        let settings = request.settings
        var codes: [CURLcode] = [
            rir_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer),
            rir_curl_setopt_string(handle, CURLOPT_URL, request.url.string),
            rir_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1),
            rir_curl_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "https,http"),
            rir_curl_setopt_string(handle, CURLOPT_REDIR_PROTOCOLS_STR, "https,http"),
            rir_curl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0),
            rir_curl_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1),
            rir_curl_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2),
            rir_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(settings.connectTimeout)),
            rir_curl_setopt_long(handle, CURLOPT_TIMEOUT_MS, Self.milliseconds(settings.totalTimeout)),
            rir_curl_setopt_string(handle, CURLOPT_ACCEPT_ENCODING, ""),
            rir_curl_setopt_string(handle, CURLOPT_USERAGENT, settings.userAgent),
            rir_curl_setopt_slist(handle, CURLOPT_HTTPHEADER, headers),
            // Refuses up front a body whose Content-Length is over the cap; the write callback
            // enforces the cap for bodies without one.
            rir_curl_setopt_off_t(handle, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(settings.maxBodyBytes)),
            rir_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, context),
            rir_curl_setopt_pointer(handle, CURLOPT_HEADERDATA, context),
            rir_curl_setopt_write_callback(handle, CURLOPT_WRITEFUNCTION) { data, size, count, context in
                guard let data, let context else { return 0 }
                let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
                return transfer.receiveBody(UnsafeRawBufferPointer(start: data, count: size * count))
            },
            rir_curl_setopt_write_callback(handle, CURLOPT_HEADERFUNCTION) { data, size, count, context in
                guard let data, let context else { return 0 }
                let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
                return transfer.receiveHeader(UnsafeRawBufferPointer(start: data, count: size * count))
            },
        ]
        if request.cancellation != nil {
            // The progress callback runs at least once a second even when no byte arrives, so a
            // stalled transfer notices a cancellation within a second.
            codes += [
                rir_curl_setopt_long(handle, CURLOPT_NOPROGRESS, 0),
                rir_curl_setopt_pointer(handle, CURLOPT_XFERINFODATA, context),
                rir_curl_setopt_xferinfo_callback(handle) { context, _, _, _, _ in
                    guard let context else { return 0 }
                    let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
                    return transfer.isCancelled ? 1 : 0
                },
            ]
        }
        if settings.lowSpeedLimit > 0, settings.lowSpeedTime > 0 {
            codes.append(rir_curl_setopt_long(handle, CURLOPT_LOW_SPEED_LIMIT, settings.lowSpeedLimit))
            codes.append(rir_curl_setopt_long(handle, CURLOPT_LOW_SPEED_TIME,
                                              max(1, Int(settings.lowSpeedTime.rounded(.up)))))
        }
        if request.url.isLoopback {
            // A loopback address is never reached through a proxy.
            codes.append(rir_curl_setopt_string(handle, CURLOPT_NOPROXY, "*"))
        }
        return codes.first { $0 != CURLE_OK }
    }

    private static func milliseconds(_ seconds: Double) -> Int {
        max(1, Int((seconds * 1000).rounded()))
    }

    // MARK: - Errors

    private func error(for code: CURLcode, message: String, request: TransportRequest, transfer: Transfer,
                       handle: UnsafeMutableRawPointer) -> FetchError {
        let url = request.url.string
        let settings = request.settings
        let cause = message.isEmpty ? String(cString: rir_curl_easy_strerror(code)) : message
        switch code {
        case CURLE_ABORTED_BY_CALLBACK:
            return .cancelled(url: url)
        case CURLE_WRITE_ERROR where transfer.exceededLimit, CURLE_FILESIZE_EXCEEDED:
            return .bodyTooLarge(url: url, limit: settings.maxBodyBytes)
        case CURLE_PARTIAL_FILE:
            var downloaded: curl_off_t = 0
            _ = rir_curl_getinfo_off_t(handle, CURLINFO_SIZE_DOWNLOAD_T, &downloaded)
            let expected = transfer.headers["content-length"].flatMap { Int($0) } ?? -1
            return .truncatedBody(url: url, received: Int(downloaded), expected: expected, attempts: 1)
        case CURLE_OPERATION_TIMEDOUT:
            if cause.contains("too slow") {
                return .stalled(url: url, bytesPerSecond: settings.lowSpeedLimit, seconds: settings.lowSpeedTime,
                                attempts: 1)
            }
            if cause.hasPrefix("Connection time") || cause.contains("onnection timed out")
                || cause.contains("SSL connection timeout") {
                return .connectionFailed(url: url, cause: "connection timed out after "
                                         + "\(Self.secondsText(settings.connectTimeout)) s", attempts: 1)
            }
            return .timedOut(url: url, seconds: settings.totalTimeout, attempts: 1)
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_CONNECT, CURLE_GOT_NOTHING,
             CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_HTTP2, CURLE_HTTP2_STREAM:
            return .connectionFailed(url: url, cause: cause, attempts: 1)
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE,
             CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_INVALIDCERTSTATUS:
            return .tls(url: url, cause: cause)
        default:
            return .transport(url: url, cause: cause)
        }
    }

    private static func secondsText(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    /// A body shorter than its `Content-Length`, checked when no content-encoding changed its size.
    static func contentLengthShortfall(of response: TransportResponse) -> (received: Int, expected: Int)? {
        guard response.status >= 200, response.status != 204, response.status != 304,
              let declared = response.header("content-length").flatMap({ Int($0.trimmingBlanks) }) else { return nil }
        let encoding = response.header("content-encoding")?.trimmingBlanks.lowercased() ?? "identity"
        guard encoding == "identity" || encoding.isEmpty, response.body.count < declared else { return nil }
        return (response.body.count, declared)
    }
}

// MARK: - Transfer state

/// What the callbacks of one transfer collect; lives on the performing thread only.
private final class Transfer {
    let limit: Int
    let cancellation: FetchCancellation?
    private(set) var body: [UInt8] = []
    private(set) var headers: [String: String] = [:]
    /// The status line and header lines of the last response, as received (CRLF removed).
    private(set) var statusLine: String?
    private(set) var headerLines: [String] = []
    private(set) var exceededLimit = false

    init(limit: Int, cancellation: FetchCancellation?) {
        self.limit = limit
        self.cancellation = cancellation
    }

    /// Whether the transfer should stop now.
    var isCancelled: Bool { cancellation?.isCancelled == true }

    /// Appends body bytes; returns a short count (which aborts the transfer) once the cap would be passed.
    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Int {
        guard body.count + bytes.count <= limit else {
            exceededLimit = true
            return 0
        }
        body.append(contentsOf: bytes)
        return bytes.count
    }

    /// Records one header line; a status line (a new response, after `100 Continue`) starts afresh.
    func receiveHeader(_ bytes: UnsafeRawBufferPointer) -> Int {
        // Header bytes are ISO-8859-1 at worst: map each byte to one scalar so nothing is lost.
        let line = String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
        if line.hasPrefix("HTTP/") {
            headers = [:]
            body = []
            statusLine = line.trimmingBlanks
            headerLines = []
        } else if let colon = line.firstIndex(of: ":") {
            headerLines.append(line.trimmingBlanks)
            let name = line[..<colon].trimmingBlanksLowercased
            let value = String(line[line.index(after: colon)...]).trimmingBlanks
            if !name.isEmpty {
                if let existing = headers[name] {
                    headers[name] = existing + ", " + value
                } else {
                    headers[name] = value
                }
            }
        }
        return bytes.count
    }
}

extension Substring {
    fileprivate var trimmingBlanksLowercased: String {
        String(self).trimmingBlanks.lowercased()
    }
}
