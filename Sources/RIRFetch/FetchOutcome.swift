/// The cache validators of one response, kept per URL and sent back as conditional headers.
public struct Validators: Sendable, Hashable, Codable {
    /// The `ETag` header, quotes and `W/` included, as the server sent it.
    public var etag: String?
    /// The `Last-Modified` header as the server sent it (an HTTP-date).
    public var lastModified: String?

    /// Validators from the two headers; either may be missing.
    public init(etag: String? = nil, lastModified: String? = nil) {
        self.etag = etag
        self.lastModified = lastModified
    }

    /// Whether neither validator is present (a conditional request is then impossible).
    public var isEmpty: Bool { etag == nil && lastModified == nil }

    /// These validators, with the missing ones taken from `older` (a 304 may repeat only some).
    public func filling(from older: Validators?) -> Validators {
        Validators(etag: etag ?? older?.etag, lastModified: lastModified ?? older?.lastModified)
    }
}

/// A complete response with content: the whole body, never a part of one.
public struct FetchResponse: Sendable, Equatable {
    /// The URL that answered, after redirects.
    public var finalURL: String
    /// The HTTP status (2xx).
    public var status: Int
    /// The body, decoded from any content-encoding.
    public var body: [UInt8]
    /// The validators to keep for the next conditional request.
    public var validators: Validators
    /// The `Content-Type` header, when present (`text/html; charset=utf-8`).
    public var contentType: String?
    /// The status line of the response (`HTTP/1.1 200 OK`), kept with the capture.
    public var statusLine: String?
    /// The response's header lines, CRLF-separated, as received (the body is already decoded
    /// from any `Content-Encoding` they name).
    public var headerText: String?

    /// A response from its parts.
    public init(finalURL: String, status: Int, body: [UInt8], validators: Validators, contentType: String?) {
        self.finalURL = finalURL
        self.status = status
        self.body = body
        self.validators = validators
        self.contentType = contentType
    }
}

/// What became of one fetch.
public enum FetchOutcome: Sendable, Equatable {
    /// New content arrived in full.
    case fetched(FetchResponse)
    /// 304: the page is unchanged since the validators were issued; carries the validators to keep.
    case notModified(Validators)
    /// 404 or 410: the page is gone from its source.
    case gone(status: Int)
    /// The fetch failed; nothing was received that may be stored.
    case failed(FetchError)
}

extension FetchOutcome {
    /// The HTTP status the outcome rests on, when a server gave one (nil for network failures).
    public var httpStatus: Int? {
        switch self {
        case .fetched(let response): return response.status
        case .notModified: return 304
        case .gone(let status): return status
        case .failed(.httpStatus(_, let status, _)): return status
        case .failed: return nil
        }
    }
}
