import RIRModel

/// The effective configuration of rir-archive: every key has a built-in default.
///
/// Values come, in order of precedence, from a command-line flag, the environment
/// (`RIR_ARCHIVE_…`), the YAML file and the defaults below; see ``resolve(file:environment:overrides:)``.
public struct ArchiveConfig: Sendable, Hashable {
    /// Path of the SQLite archive (relative paths are relative to the working directory).
    public var database: String
    /// Folder watched for dropped captures.
    public var inbox: String
    /// Limits applied when ingesting a capture.
    public var ingest: Ingest
    /// The archive window and the sweep that enforces it.
    public var retention: Retention
    /// Thresholds of the `stale` report.
    public var reports: Reports
    /// HTTP fetching of the configured sources.
    public var fetch: Fetch
    /// Online backups of the archive (`rir-archive backup`, and the daemon's schedule).
    public var backup: Backup
    /// Logging.
    public var log: Log
    /// The read-only web interface (`rir-archive serve`).
    public var web: Web
    /// Notifications by webhook and e-mail.
    public var notify: Notify

    /// Creates a configuration; every argument defaults to its built-in value.
    public init(database: String = "rir-archive.db", inbox: String = "inbox", ingest: Ingest = Ingest(),
                retention: Retention = Retention(), reports: Reports = Reports(), fetch: Fetch = Fetch(),
                log: Log = Log(), backup: Backup = Backup(), web: Web = Web(), notify: Notify = Notify()) {
        self.database = database
        self.inbox = inbox
        self.ingest = ingest
        self.retention = retention
        self.reports = reports
        self.fetch = fetch
        self.backup = backup
        self.log = log
        self.web = web
        self.notify = notify
    }

    /// The built-in defaults.
    public static let defaults = ArchiveConfig()

    // MARK: - Sections

    /// Limits applied when ingesting a capture.
    public struct Ingest: Sendable, Hashable {
        /// Largest capture accepted, in bytes (default 16 MiB).
        public var maxBytes: Int
        /// Creates the section; arguments default to the built-in values.
        public init(maxBytes: Int = 16 << 20) { self.maxBytes = maxBytes }
    }

    /// The archive window and the sweep that enforces it.
    public struct Retention: Sendable, Hashable {
        /// Calendar years a report is kept after its publication date (default 7).
        public var years: Int
        /// A report is `expiring` this many days before its expiry (default 90).
        public var warnDays: Int
        /// A sweep refuses to purge more than this fraction of the archive at once (default 0.10).
        public var maxPurgeFraction: Double
        /// Time between two retention sweeps of the daemon (default 24h).
        public var sweepInterval: ConfigDuration
        /// Folder that purged reports are exported to first; nil exports nothing.
        public var exportDir: String?
        /// Creates the section; arguments default to the built-in values.
        public init(years: Int = 7, warnDays: Int = 90, maxPurgeFraction: Double = 0.10,
                    sweepInterval: ConfigDuration = .hours(24), exportDir: String? = nil) {
            self.years = years
            self.warnDays = warnDays
            self.maxPurgeFraction = maxPurgeFraction
            self.sweepInterval = sweepInterval
            self.exportDir = exportDir
        }
    }

    /// Thresholds of the `stale` report.
    public struct Reports: Sendable, Hashable {
        /// A report older than this many days since publication is stale (default 1095).
        public var staleAfterDays: Int
        /// A report not seen at its source for this many days is stale (default 60).
        public var unseenAfterDays: Int
        /// Creates the section; arguments default to the built-in values.
        public init(staleAfterDays: Int = 1095, unseenAfterDays: Int = 60) {
            self.staleAfterDays = staleAfterDays
            self.unseenAfterDays = unseenAfterDays
        }
    }

    /// HTTP fetching of the configured sources.
    public struct Fetch: Sendable, Hashable {
        /// Product part of the User-Agent header (default `rir-archive/0.1.0`).
        public var userAgent: String
        /// Contact URL appended to the User-Agent as `(+URL)`; nil appends nothing.
        public var contactURL: String?
        /// Minimum delay between two requests to the same host (default 2s).
        public var minHostDelay: ConfigDuration
        /// Connection timeout (default 10s).
        public var connectTimeout: ConfigDuration
        /// Timeout of a whole request (default 60s).
        public var totalTimeout: ConfigDuration
        /// The longest one URL may take, every attempt, retry wait and `Retry-After` included
        /// (default 5m): past it the URL is given up until the next interval.
        public var maxTimePerURL: ConfigDuration
        /// Largest response body accepted, in bytes (default 16 MiB).
        public var maxBodyBytes: Int
        /// Retries on 5xx and 429 (default 3).
        public var retries: Int
        /// Hosts requests and redirects may go to; nil means the hosts of ``sources``.
        public var allowedHosts: [String]?
        /// The pages fetched on a schedule.
        public var sources: [FetchSource]
        /// Creates the section; arguments default to the built-in values.
        public init(userAgent: String = "rir-archive/0.1.0", contactURL: String? = nil,
                    minHostDelay: ConfigDuration = .seconds(2), connectTimeout: ConfigDuration = .seconds(10),
                    totalTimeout: ConfigDuration = .seconds(60), maxBodyBytes: Int = 16 << 20,
                    retries: Int = 3, allowedHosts: [String]? = nil, sources: [FetchSource] = [],
                    maxTimePerURL: ConfigDuration = .minutes(5)) {
            self.userAgent = userAgent
            self.contactURL = contactURL
            self.minHostDelay = minHostDelay
            self.connectTimeout = connectTimeout
            self.totalTimeout = totalTimeout
            self.maxTimePerURL = maxTimePerURL
            self.maxBodyBytes = maxBodyBytes
            self.retries = retries
            self.allowedHosts = allowedHosts
            self.sources = sources
        }

        /// The User-Agent header sent: `userAgent`, then ` (+contactURL)` when a contact is set.
        public var userAgentHeader: String {
            guard let contactURL else { return userAgent }
            return "\(userAgent) (+\(contactURL))"
        }

        /// The hosts requests may go to: ``allowedHosts`` when set, else the hosts of the sources.
        public var effectiveAllowedHosts: [String] {
            if let allowedHosts { return allowedHosts }
            var seen = Set<String>()
            return sources.compactMap { FetchSource.host(of: $0.url) }.filter { seen.insert($0).inserted }
        }
    }

    /// Online backups of the archive.
    public struct Backup: Sendable, Hashable {
        /// Folder the daemon writes its scheduled backups to; nil (the default) makes none.
        public var dir: String?
        /// Scheduled backups kept in ``dir``; older ones are deleted after a verified backup (default 7).
        public var keep: Int
        /// Time between two scheduled backups (default 24h).
        public var interval: ConfigDuration
        /// Creates the section; arguments default to the built-in values.
        public init(dir: String? = nil, keep: Int = 7, interval: ConfigDuration = .hours(24)) {
            self.dir = dir
            self.keep = keep
            self.interval = interval
        }
    }

    /// Logging.
    public struct Log: Sendable, Hashable {
        /// Lowest level written (default `info`).
        public var level: LogLevel
        /// Creates the section; arguments default to the built-in values.
        public init(level: LogLevel = .info) { self.level = level }
    }

    /// The read-only web interface (`rir-archive serve`).
    public struct Web: Sendable, Hashable {
        /// `HOST:PORT` to listen on (default `127.0.0.1:8080`: loopback only).
        public var listen: String
        /// The public URL the pages are reached at (behind a reverse proxy), for absolute links in
        /// feeds and Memento headers; nil uses `http://` + ``listen``.
        public var baseURL: String?
        /// HTTP Basic users; empty means no authentication.
        public var users: [WebUser]
        /// Creates the section; arguments default to the built-in values.
        public init(listen: String = "127.0.0.1:8080", baseURL: String? = nil, users: [WebUser] = []) {
            self.listen = listen
            self.baseURL = baseURL
            self.users = users
        }
    }
}

// MARK: - Web user

/// One HTTP Basic user of the web interface: a name and the bcrypt hash of the password
/// (`rir-archive web hash-password` makes one).
public struct WebUser: Sendable, Hashable {
    /// The user name.
    public var name: String
    /// The bcrypt hash (`$2b$12$…`, 60 characters).
    public var bcryptHash: String
    /// Creates a user.
    public init(name: String, bcryptHash: String) {
        self.name = name
        self.bcryptHash = bcryptHash
    }
}

// MARK: - Fetch source

/// One page fetched on a schedule: an RIR page, or a listing page whose links lead to RIR pages.
public struct FetchSource: Sendable, Hashable {
    /// The page URL (https, or http when ``allowHTTP`` is set).
    public var url: String
    /// Time between two fetches (default 24h).
    public var interval: ConfigDuration
    /// Whether the page is a listing whose links matching ``linkPattern`` are fetched too.
    public var listing: Bool
    /// Regular expression selecting the links of a listing page (only with `listing: true`).
    public var linkPattern: String?
    /// Whether plain http is allowed for this source (default false).
    public var allowHTTP: Bool

    /// Creates a source; arguments default to the built-in values.
    public init(url: String, interval: ConfigDuration = .hours(24), listing: Bool = false,
                linkPattern: String? = nil, allowHTTP: Bool = false) {
        self.url = url
        self.interval = interval
        self.listing = listing
        self.linkPattern = linkPattern
        self.allowHTTP = allowHTTP
    }

    /// The lower-cased host of an http(s) URL, or nil when the text has none.
    public static func host(of url: String) -> String? {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        var rest = url[schemeEnd.upperBound...]
        if let end = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { rest = rest[..<end] }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { return nil }
            let host = rest[...close]
            return host.count > 2 ? host.lowercased() : nil
        }
        if let colon = rest.firstIndex(of: ":") { rest = rest[..<colon] }
        return rest.isEmpty ? nil : rest.lowercased()
    }
}

// MARK: - Log level

/// The lowest severity written to the log (the names of swift-log's levels).
public enum LogLevel: String, Sendable, Hashable, CaseIterable {
    /// Everything, including tracing.
    case trace
    /// Debugging detail.
    case debug
    /// Normal operation (the default).
    case info
    /// Notable but normal events.
    case notice
    /// Problems that do not stop the work.
    case warning
    /// Failures of one item or operation.
    case error
    /// Failures that stop the program.
    case critical
}
