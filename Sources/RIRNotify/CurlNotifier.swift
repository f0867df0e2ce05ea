import CCurl
import RIRModel

/// libcurl's process-wide set-up, done once before the first handle.
private let curlGlobalSetUp: CURLcode = rir_curl_global_init()

/// Why libcurl cannot be used: it could not be loaded (the loader's message), or its set-up failed.
private var curlSetUpFailure: String {
    rir_curl_load_error().map { "libcurl could not be loaded: \(String(cString: $0)) (apt-get install libcurl4)" }
        ?? "libcurl failed to initialise"
}

/// Sends notifications with the system libcurl: webhooks as an HTTP POST, mail over SMTP (libcurl's own
/// SMTP client: no second mail library).
///
/// TLS peer and host verification are always on. Mail to a non-loopback server requires TLS
/// (`CURLUSESSL_ALL`: STARTTLS on `smtp://`, implicit TLS on `smtps://`); only a loopback server may be
/// spoken to in the clear.
public struct CurlNotifier: NotificationSending {
    /// Connection timeout, seconds.
    public var connectTimeout: Double
    /// Timeout of one whole delivery, seconds.
    public var totalTimeout: Double
    /// The User-Agent of webhook requests.
    public var userAgent: String

    /// A sender with the given timeouts.
    public init(connectTimeout: Double = 10, totalTimeout: Double = 30, userAgent: String = "rir-archive") {
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.userAgent = userAgent
    }

    /// Sends one message; throws what stopped it.
    public func send(_ message: NotificationMessage, to channel: NotificationChannel, uniqueID: String,
                     secondsSinceEpoch: Int) throws(NotifyError) {
        switch channel {
        case .webhook(let target):
            let body = WebhookBody(message)
            var headers = ["Content-Type: application/json", "X-RIR-Event: \(message.event.kind.rawValue)",
                           "X-RIR-Delivery: \(uniqueID)"]
            if let secret = target.secret { headers.append("X-RIR-Signature: \(body.signature(secret: secret))") }
            try post(body.bytes, to: target.url, headers: headers, channel: channel.name)
        case .email(let target):
            let mail = MailMessage(message, from: target.from, to: target.to, secondsSinceEpoch: secondsSinceEpoch,
                                   uniqueID: uniqueID)
            try sendMail(mail, target: target, channel: channel.name)
        }
    }

    // MARK: - Webhook

    private func post(_ body: [UInt8], to url: String, headers: [String], channel: String) throws(NotifyError) {
        let status = try perform(url: url, channel: channel, protocols: "https,http") { handle in
            var list: UnsafeMutablePointer<curl_slist>?
            for header in headers { list = rir_curl_slist_append(list, header) }
            let codes = body.withUnsafeBytes { bytes in
                [
                    rir_curl_setopt_long(handle, CURLOPT_POST, 1),
                    rir_curl_setopt_long(handle, CURLOPT_POSTFIELDSIZE, bytes.count),
                    // COPYPOSTFIELDS copies the bytes: the buffer may go once it is set.
                    rir_curl_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress)),
                    rir_curl_setopt_slist(handle, CURLOPT_HTTPHEADER, list),
                    rir_curl_setopt_string(handle, CURLOPT_USERAGENT, userAgent),
                    rir_curl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0),
                ]
            }
            return (codes, list)
        }
        guard (200..<300).contains(status) else { throw .rejectedByReceiver(channel: channel, status: status) }
    }

    // MARK: - Mail

    private func sendMail(_ mail: MailMessage, target: MailTarget, channel: String) throws(NotifyError) {
        let upload = Upload(mail.bytes)
        try withExtendedLifetime(upload) { () throws(NotifyError) in
            let context = Unmanaged.passUnretained(upload).toOpaque()
            let loopback = isLoopback(target.url)
            _ = try perform(url: target.url, channel: channel, protocols: "smtp,smtps") { handle in
                var recipients: UnsafeMutablePointer<curl_slist>?
                for address in target.to { recipients = rir_curl_slist_append(recipients, "<\(address)>") }
                var codes = [
                    rir_curl_setopt_string(handle, CURLOPT_MAIL_FROM, "<\(target.from)>"),
                    rir_curl_setopt_slist(handle, CURLOPT_MAIL_RCPT, recipients),
                    rir_curl_setopt_long(handle, CURLOPT_USE_SSL,
                                         Int(loopback ? CURLUSESSL_NONE.rawValue : CURLUSESSL_ALL.rawValue)),
                    rir_curl_setopt_long(handle, CURLOPT_UPLOAD, 1),
                    rir_curl_setopt_off_t(handle, CURLOPT_INFILESIZE_LARGE, curl_off_t(mail.bytes.count)),
                    rir_curl_setopt_pointer(handle, CURLOPT_READDATA, context),
                    rir_curl_setopt_read_callback(handle, CURLOPT_READFUNCTION) { buffer, size, count, context in
                        guard let buffer, let context else { return 0 }
                        let upload = Unmanaged<Upload>.fromOpaque(context).takeUnretainedValue()
                        return upload.read(into: UnsafeMutableRawBufferPointer(start: buffer, count: size * count))
                    },
                ]
                if let credentials = target.credentials {
                    codes.append(rir_curl_setopt_string(handle, CURLOPT_USERNAME, credentials.user))
                    codes.append(rir_curl_setopt_string(handle, CURLOPT_PASSWORD, credentials.password))
                }
                return (codes, recipients)
            }
        }
    }

    // MARK: - One transfer

    /// Runs one transfer with the common options and those `configure` sets (it returns their codes
    /// and a list to free afterwards); returns the final response code (HTTP status or SMTP reply).
    private func perform(url: String, channel: String, protocols: String,
                         configure: (UnsafeMutableRawPointer) -> ([CURLcode], UnsafeMutablePointer<curl_slist>?))
        throws(NotifyError) -> Int {
        guard curlGlobalSetUp == CURLE_OK else { throw .transport(channel: channel, cause: curlSetUpFailure) }
        guard let handle = rir_curl_easy_init() else {
            throw .transport(channel: channel, cause: "libcurl could not create a handle")
        }
        defer { rir_curl_easy_cleanup(handle) }
        var errorText = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        var list: UnsafeMutablePointer<curl_slist>?
        defer { rir_curl_slist_free_all(list) }
        let code: CURLcode = errorText.withUnsafeMutableBufferPointer { errorBuffer in
            var codes = [
                rir_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer.baseAddress),
                rir_curl_setopt_string(handle, CURLOPT_URL, url),
                rir_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1),
                rir_curl_setopt_string(handle, CURLOPT_PROTOCOLS_STR, protocols),
                rir_curl_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1),
                rir_curl_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2),
                rir_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(connectTimeout)),
                rir_curl_setopt_long(handle, CURLOPT_TIMEOUT_MS, Self.milliseconds(totalTimeout)),
                // The receiver's answer is not kept (and must not go to stdout, libcurl's default).
                rir_curl_setopt_write_callback(handle, CURLOPT_WRITEFUNCTION) { _, size, count, _ in size * count },
            ]
            if isLoopback(url) { codes.append(rir_curl_setopt_string(handle, CURLOPT_NOPROXY, "*")) }
            let (more, slist) = configure(handle)
            list = slist
            codes += more
            if let refused = codes.first(where: { $0 != CURLE_OK }) { return refused }
            let code = rir_curl_easy_perform(handle)
            _ = rir_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, nil)
            return code
        }
        guard code == CURLE_OK else {
            let message = String(decoding: errorText.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) },
                                 as: UTF8.self)
            throw .transport(channel: channel, cause: message.isEmpty ? String(cString: rir_curl_easy_strerror(code)) : message)
        }
        var status = 0
        _ = rir_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return status
    }

    private func isLoopback(_ url: String) -> Bool {
        guard let start = url.firstRange(of: "://")?.upperBound else { return false }
        var host = url[start...].prefix { $0 != "/" && $0 != "?" }
        if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
        if host.hasPrefix("[") { return host.hasPrefix("[::1]") }
        let name = host.prefix { $0 != ":" }.lowercased()
        return name == "localhost" || name.hasPrefix("127.")
    }

    private static func milliseconds(_ seconds: Double) -> Int { max(1, Int((seconds * 1000).rounded())) }
}

/// The bytes of one upload, handed to libcurl's read callback piece by piece.
private final class Upload {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        let count = min(buffer.count, bytes.count - offset)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { source in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[offset..<offset + count]))
        }
        offset += count
        return count
    }
}
