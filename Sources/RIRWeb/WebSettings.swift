import RIRConfig

/// How `serve` runs: where it listens, the public URL, users and limits.
public struct WebSettings: Sendable {
    /// The host to bind (`127.0.0.1` by default).
    public var host: String
    /// The port to bind; 0 picks a free one (tests, benchmarks).
    public var port: Int
    /// The public URL without a trailing `/` (absolute links in feeds and Memento headers).
    public var baseURL: String
    /// HTTP Basic users; empty means no authentication.
    public var users: [WebUser]
    /// Longest request target accepted, in bytes (414 above it).
    public var maxTargetBytes = 4096
    /// Largest request body accepted, in bytes: the interface changes nothing, so a GET needs none (413 above).
    public var maxBodyBytes = 0
    /// A connection that sends or reads nothing for this many seconds is closed (slow clients,
    /// idle keep-alives).
    public var idleTimeoutSeconds: Int64 = 30
    /// Most search hits shown for one query.
    public var maxSearchHits = 200

    /// Settings from the `web` section, with `listen` overridden by `--listen` when given.
    public init(_ web: ArchiveConfig.Web, listen: String? = nil) throws(WebError) {
        let address = listen ?? web.listen
        guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]),
              (0...65535).contains(port), colon > address.startIndex else {
            throw .badListenAddress(address)
        }
        var host = String(address[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        self.init(host: host, port: port, baseURL: web.baseURL, users: web.users)
    }

    /// Settings from their parts; the base URL defaults to `http://HOST:PORT`.
    public init(host: String = "127.0.0.1", port: Int = 8080, baseURL: String? = nil, users: [WebUser] = []) {
        self.host = host
        self.port = port
        let shownHost = host.contains(":") ? "[\(host)]" : host
        let base = baseURL ?? "http://\(shownHost):\(port)"
        self.baseURL = base.hasSuffix("/") ? String(base.dropLast()) : base
        self.users = users
    }

    /// The path part of ``baseURL`` (`/rir` behind a proxy at a sub-path; empty at the root): the
    /// prefix of every link in the pages.
    public var rootPath: String {
        guard let scheme = baseURL.range(of: "://") else { return "" }
        let rest = baseURL[scheme.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else { return "" }
        return String(rest[slash...])
    }
}

/// What can go wrong starting or configuring the web interface.
public enum WebError: Error, Sendable, CustomStringConvertible {
    /// `--listen` or `web.listen` is not `HOST:PORT`.
    case badListenAddress(String)
    /// The server could not start or stopped with an error.
    case server(String)

    public var description: String {
        switch self {
        case .badListenAddress(let text):
            "cannot listen on \(text): not HOST:PORT\nhint: use e.g. 127.0.0.1:8080 or [::1]:8080"
        case .server(let cause): "the web server failed: \(cause)"
        }
    }
}
