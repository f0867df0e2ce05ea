/// One HTTP GET as the transport performs it: no redirects followed, no retries.
public struct TransportRequest: Sendable {
    /// The absolute URL to request.
    public var url: SourceURL
    /// Extra request headers as `(name, value)` pairs, in order.
    public var headers: [(name: String, value: String)]
    /// The limits and identity to apply.
    public var settings: FetchSettings
    /// Checked while the transfer runs (at least once a second): once cancelled, the transfer stops.
    public var cancellation: FetchCancellation?

    /// A request for `url` with `headers` under `settings`.
    public init(url: SourceURL, headers: [(name: String, value: String)], settings: FetchSettings,
                cancellation: FetchCancellation? = nil) {
        self.url = url
        self.headers = headers
        self.settings = settings
        self.cancellation = cancellation
    }
}

/// One HTTP response as received: the status line, the headers and the complete body.
public struct TransportResponse: Sendable, Equatable {
    /// The HTTP status code.
    public var status: Int
    /// Header values by lower-case name; repeated headers are joined with `, `.
    public var headers: [String: String]
    /// The body, decoded from its content-encoding, complete.
    public var body: [UInt8]
    /// The status line as received (`HTTP/1.1 200 OK`), when the transport saw one.
    public var statusLine: String?
    /// The header lines as received, in order (`Content-Type: text/html`), when the transport saw them.
    public var headerLines: [String] = []

    /// A response from its parts; header names are lower-cased.
    public init(status: Int, headers: [String: String], body: [UInt8]) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { $0 + ", " + $1 })
        self.body = body
    }

    /// The value of a header, by case-insensitive name.
    public func header(_ name: String) -> String? {
        headers[name.lowercased()]
    }
}

/// The network seam: performs one request and returns the whole response or why there is none.
///
/// ``CurlTransport`` is the real one; tests may put any other in its place.
public protocol FetchTransport: Sendable {
    /// Performs `request` once. A response is returned only when its body arrived complete
    /// and within `request.settings.maxBodyBytes`.
    func perform(_ request: TransportRequest) -> Result<TransportResponse, FetchError>
}
