/// How the fetcher behaves toward a site: identity, patience, limits and manners.
public struct FetchSettings: Sendable, Equatable {
    /// The product token every User-Agent starts with.
    public static let productToken = "rir-archive/0.1.0"

    /// Sent as `User-Agent`.
    public var userAgent: String
    /// Seconds allowed to establish the connection (TCP and TLS).
    public var connectTimeout: Double
    /// Seconds allowed for one whole request, body included.
    public var totalTimeout: Double
    /// A body larger than this is aborted while it streams.
    public var maxBodyBytes: Int
    /// Further attempts after the first, on server errors, timeouts and dropped connections.
    public var retries: Int
    /// Seconds between two requests to one site (aliases of a host count as one site).
    public var minHostDelay: Double
    /// Hosts a redirect may lead to, besides the requested URL's own site; empty means only that site.
    public var allowedHosts: Set<String>
    /// The first backoff wait in seconds; it doubles with each retry, with jitter.
    public var retryBaseDelay: Double
    /// The longest wait before a retry, whatever `Retry-After` asks for.
    public var maxRetryWait: Double
    /// Redirect hops followed before giving up.
    public var maxRedirects: Int
    /// A transfer slower than this many bytes per second for ``lowSpeedTime`` seconds is a stall.
    public var lowSpeedLimit: Int
    /// Seconds below ``lowSpeedLimit`` before the transfer is abandoned.
    public var lowSpeedTime: Double
    /// Seconds one URL may take in all (attempts, backoff, `Retry-After`, politeness waits):
    /// each attempt's timeout is cut to what is left, and no retry starts past it.
    public var maxTimePerURL: Double

    /// Settings with the defaults: 10 s connect, 60 s total, 16 MiB, 3 retries, 2 s between requests to a site,
    /// no bound on one URL's total time (the configuration always sets one: `fetch.max_time_per_url`).
    public init(
        contactURL: String? = nil,
        userAgent: String? = nil,
        connectTimeout: Double = 10,
        totalTimeout: Double = 60,
        maxBodyBytes: Int = 16 * 1024 * 1024,
        retries: Int = 3,
        minHostDelay: Double = 2,
        allowedHosts: Set<String> = [],
        retryBaseDelay: Double = 1,
        maxRetryWait: Double = 300,
        maxRedirects: Int = 5,
        lowSpeedLimit: Int = 64,
        lowSpeedTime: Double = 30,
        maxTimePerURL: Double = .infinity
    ) {
        self.userAgent = userAgent ?? Self.defaultUserAgent(contactURL: contactURL)
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.maxBodyBytes = maxBodyBytes
        self.retries = max(0, retries)
        self.minHostDelay = max(0, minHostDelay)
        self.allowedHosts = Set(allowedHosts.map(SourceURL.site(ofHost:)))
        self.retryBaseDelay = max(0, retryBaseDelay)
        self.maxRetryWait = max(0, maxRetryWait)
        self.maxRedirects = max(0, maxRedirects)
        self.lowSpeedLimit = max(0, lowSpeedLimit)
        self.lowSpeedTime = max(0, lowSpeedTime)
        self.maxTimePerURL = max(0.001, maxTimePerURL)
    }

    /// `rir-archive/0.1.0`, or `rir-archive/0.1.0 (+https://contact)` when a contact URL is given.
    public static func defaultUserAgent(contactURL: String?) -> String {
        guard let contact = contactURL?.trimmingBlanks, !contact.isEmpty else { return productToken }
        return "\(productToken) (+\(contact))"
    }

    /// Whether a redirect from `origin` may lead to `target`: the same site, or an allowed host.
    public func allowsRedirect(from origin: SourceURL, to target: SourceURL) -> Bool {
        target.site == origin.site || allowedHosts.contains(target.site)
    }

    /// Whether `url` may be requested over its scheme: https always; http for loopback or when the source allows it.
    public static func allowsScheme(of url: SourceURL, allowHTTP: Bool) -> Bool {
        url.scheme == "https" || url.isLoopback || allowHTTP
    }
}

extension String {
    /// The text without leading and trailing spaces, tabs and line breaks.
    var trimmingBlanks: String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !isBlank($0) }), let last = lastIndex(where: { !isBlank($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
