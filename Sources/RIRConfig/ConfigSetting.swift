import RIRModel

// MARK: - One scalar key

/// What is wrong with one value, without saying where it came from.
struct ValueProblem: Error {
    let message: String
}

/// A scalar configuration key: its dotted path, how its text is parsed into the config, and how it is rendered.
struct ConfigSetting: Sendable {
    /// Dotted key path as written in YAML, e.g. `retention.warn_days`.
    let path: String
    /// Applies the text of a value (nil for a YAML null) to a configuration.
    let apply: @Sendable (inout ArchiveConfig, String?) throws(ValueProblem) -> Void
    /// The value of the key in a configuration as YAML text.
    let render: @Sendable (ArchiveConfig) -> String

    init<T>(_ path: String, _ keyPath: any WritableKeyPath<ArchiveConfig, T> & Sendable,
            parse: @escaping @Sendable (String?) throws(ValueProblem) -> T,
            render: @escaping @Sendable (T) -> String) {
        self.path = path
        self.apply = { (config: inout ArchiveConfig, text: String?) throws(ValueProblem) in
            config[keyPath: keyPath] = try parse(text)
        }
        self.render = { render($0[keyPath: keyPath]) }
    }

    /// The environment variable that sets this key: `RIR_ARCHIVE_` + the path in upper case, dots as `_`.
    var environmentVariable: String {
        "RIR_ARCHIVE_" + String(path.uppercased().map { $0 == "." ? "_" : $0 })
    }

    /// Every scalar key, in the order of the shipped file.
    static let all: [ConfigSetting] = [
        ConfigSetting("database", \.database, parse: ValueParser.path, render: YAMLText.quoted),
        ConfigSetting("inbox", \.inbox, parse: ValueParser.path, render: YAMLText.quoted),
        ConfigSetting("ingest.max_bytes", \.ingest.maxBytes, parse: ValueParser.whole(atLeast: 1),
                      render: { "\($0)" }),
        ConfigSetting("retention.years", \.retention.years, parse: ValueParser.whole(atLeast: 1),
                      render: { "\($0)" }),
        ConfigSetting("retention.warn_days", \.retention.warnDays, parse: ValueParser.whole(atLeast: 0),
                      render: { "\($0)" }),
        ConfigSetting("retention.max_purge_fraction", \.retention.maxPurgeFraction,
                      parse: ValueParser.fraction, render: { "\($0)" }),
        ConfigSetting("retention.sweep_interval", \.retention.sweepInterval,
                      parse: ValueParser.duration(positive: true), render: { YAMLText.quoted($0.description) }),
        ConfigSetting("retention.export_dir", \.retention.exportDir, parse: ValueParser.optionalPath,
                      render: YAMLText.optional),
        ConfigSetting("reports.stale_after_days", \.reports.staleAfterDays, parse: ValueParser.whole(atLeast: 1),
                      render: { "\($0)" }),
        ConfigSetting("reports.unseen_after_days", \.reports.unseenAfterDays,
                      parse: ValueParser.whole(atLeast: 1), render: { "\($0)" }),
        ConfigSetting("fetch.user_agent", \.fetch.userAgent, parse: ValueParser.userAgent,
                      render: YAMLText.quoted),
        ConfigSetting("fetch.contact_url", \.fetch.contactURL, parse: ValueParser.optionalURL,
                      render: YAMLText.optional),
        ConfigSetting("fetch.min_host_delay", \.fetch.minHostDelay, parse: ValueParser.duration(positive: false),
                      render: { YAMLText.quoted($0.description) }),
        ConfigSetting("fetch.connect_timeout", \.fetch.connectTimeout, parse: ValueParser.duration(positive: true),
                      render: { YAMLText.quoted($0.description) }),
        ConfigSetting("fetch.total_timeout", \.fetch.totalTimeout, parse: ValueParser.duration(positive: true),
                      render: { YAMLText.quoted($0.description) }),
        ConfigSetting("fetch.max_time_per_url", \.fetch.maxTimePerURL, parse: ValueParser.duration(positive: true),
                      render: { YAMLText.quoted($0.description) }),
        ConfigSetting("fetch.max_body_bytes", \.fetch.maxBodyBytes, parse: ValueParser.whole(atLeast: 1),
                      render: { "\($0)" }),
        ConfigSetting("fetch.retries", \.fetch.retries, parse: ValueParser.whole(atLeast: 0),
                      render: { "\($0)" }),
        ConfigSetting("backup.dir", \.backup.dir, parse: ValueParser.optionalPath, render: YAMLText.optional),
        ConfigSetting("backup.keep", \.backup.keep, parse: ValueParser.whole(atLeast: 1), render: { "\($0)" }),
        ConfigSetting("backup.interval", \.backup.interval, parse: ValueParser.duration(positive: true),
                      render: { YAMLText.quoted($0.description) }),
    ] + notify + [
        ConfigSetting("log.level", \.log.level, parse: ValueParser.logLevel, render: { $0.rawValue }),
        ConfigSetting("web.listen", \.web.listen, parse: ValueParser.listenAddress, render: YAMLText.quoted),
        ConfigSetting("web.base_url", \.web.baseURL, parse: ValueParser.optionalBaseURL, render: YAMLText.optional),
    ]

    /// Keys whose value is a mapping of further keys.
    static let sections: Set<String> = ["ingest", "retention", "reports", "fetch", "backup", "log", "web", "notify",
                                         "notify.email"]
    /// The list of allowed hosts (a sequence of host names).
    static let allowedHostsPath = "fetch.allowed_hosts"
    /// The list of fetch sources (a sequence of mappings).
    static let sourcesPath = "fetch.sources"
    /// Keys of one fetch source.
    static let sourceKeys = ["url", "interval", "listing", "link_pattern", "allow_http"]
    /// The list of web users (a sequence of mappings).
    static let usersPath = "web.users"
    /// Keys of one web user.
    static let userKeys = ["name", "bcrypt_hash"]

    /// Every key path the file may hold, for suggestions when a key is unknown.
    static var knownPaths: [String] {
        all.map(\.path) + Array(sections) + [allowedHostsPath, sourcesPath, usersPath, webhooksPath, mailToPath,
                                             mailEventsPath]
    }

    /// The setting at `path`, if it is a scalar key.
    static func named(_ path: String) -> ConfigSetting? { all.first { $0.path == path } }
}

// MARK: - Value parsers

/// Parsers from the text of a value to its typed form; messages say what was expected and what was found.
enum ValueParser {
    static func got(_ text: String?) -> String {
        guard let text else { return "got nothing" }
        return "got \(YAMLText.quoted(text))"
    }

    @Sendable static func path(_ text: String?) throws(ValueProblem) -> String {
        guard let text, !text.trimmingSpaces.isEmpty else {
            throw ValueProblem(message: "must be a path, \(got(text))")
        }
        guard !text.contains("\0") else { throw ValueProblem(message: "must not contain a NUL byte") }
        return text
    }

    @Sendable static func optionalPath(_ text: String?) throws(ValueProblem) -> String? {
        guard let text, !text.trimmingSpaces.isEmpty else { return nil }
        return try path(text)
    }

    static func whole(atLeast minimum: Int) -> @Sendable (String?) throws(ValueProblem) -> Int {
        { (text: String?) throws(ValueProblem) -> Int in
            guard let text, let value = Int(String(text.trimmingSpaces.filter { $0 != "_" })),
                  value >= minimum else {
                throw ValueProblem(message: "must be a whole number ≥ \(minimum), \(got(text))")
            }
            return value
        }
    }

    @Sendable static func fraction(_ text: String?) throws(ValueProblem) -> Double {
        guard let text, let value = Double(text.trimmingSpaces), value > 0, value <= 1 else {
            throw ValueProblem(message: "must be a number greater than 0 and at most 1, \(got(text))")
        }
        return value
    }

    static func duration(positive: Bool) -> @Sendable (String?) throws(ValueProblem) -> ConfigDuration {
        { (text: String?) throws(ValueProblem) -> ConfigDuration in
            guard let text, let value = ConfigDuration(parsing: text), !positive || value.milliseconds > 0 else {
                let floor = positive ? "greater than zero" : "zero or more"
                throw ValueProblem(message: "must be a duration \(floor) such as 500ms, 2s, 10m, 24h or 7d, "
                                   + got(text))
            }
            return value
        }
    }

    @Sendable static func bool(_ text: String?) throws(ValueProblem) -> Bool {
        switch text?.trimmingSpaces.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw ValueProblem(message: "must be true or false, \(got(text))")
        }
    }

    @Sendable static func logLevel(_ text: String?) throws(ValueProblem) -> LogLevel {
        guard let text, let level = LogLevel(rawValue: text.trimmingSpaces.lowercased()) else {
            let names = LogLevel.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValueProblem(message: "must be one of \(names), \(got(text))")
        }
        return level
    }

    @Sendable static func userAgent(_ text: String?) throws(ValueProblem) -> String {
        guard let text, !text.trimmingSpaces.isEmpty,
              !text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value >= 0x7F }) else {
            throw ValueProblem(message: "must be non-empty printable ASCII, \(got(text))")
        }
        return String(text.trimmingSpaces)
    }

    @Sendable static func optionalURL(_ text: String?) throws(ValueProblem) -> String? {
        guard let text, !text.trimmingSpaces.isEmpty else { return nil }
        return try url(text, allowHTTP: true)
    }

    static func url(_ text: String?, allowHTTP: Bool) throws(ValueProblem) -> String {
        let schemes = allowHTTP ? "an https or http URL" : "an https URL (set allow_http: true for http)"
        guard let text else { throw ValueProblem(message: "must be \(schemes), \(got(text))") }
        let trimmed = String(text.trimmingSpaces)
        let lower = trimmed.lowercased()
        // Plain http to a loopback host is always allowed, as `fetch --url` allows it: nothing
        // crosses a network.
        let loopback = FetchSource.host(of: trimmed).map(Self.isLoopback) ?? false
        let schemeOK = lower.hasPrefix("https://") || ((allowHTTP || loopback) && lower.hasPrefix("http://"))
        guard schemeOK, FetchSource.host(of: trimmed) != nil,
              !trimmed.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F }) else {
            throw ValueProblem(message: "must be \(schemes), \(got(text))")
        }
        return trimmed
    }

    /// `localhost`, `127.x.y.z` or `::1`.
    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host.hasPrefix("127.") || host == "::1" || host == "[::1]"
    }

    static func host(_ text: String?) throws(ValueProblem) -> String {
        let host = text.map { $0.trimmingSpaces.lowercased() } ?? ""
        guard !host.isEmpty, !host.contains(where: { $0 == "/" || $0 == " " || $0 == "@" }) else {
            throw ValueProblem(message: "must be a host name such as irb.gc.ca, \(got(text))")
        }
        return host
    }

    /// `HOST:PORT` (`[::1]:8080` for IPv6), port 0–65535.
    @Sendable static func listenAddress(_ text: String?) throws(ValueProblem) -> String {
        let problem = ValueProblem(message: "must be HOST:PORT such as 127.0.0.1:8080, \(got(text))")
        guard let text = text.map({ String($0.trimmingSpaces) }), let colon = text.lastIndex(of: ":") else {
            throw problem
        }
        let host = text[..<colon]
        guard !host.isEmpty, !host.contains(where: { $0 == "/" || $0 == " " || $0 == "@" }),
              let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else { throw problem }
        return text
    }

    /// An http(s) URL without a query or fragment, stored without a trailing `/`.
    @Sendable static func optionalBaseURL(_ text: String?) throws(ValueProblem) -> String? {
        guard let url = try optionalURL(text) else { return nil }
        guard !url.contains("?"), !url.contains("#") else {
            throw ValueProblem(message: "must be a URL without ? or #, \(got(text))")
        }
        return url.hasSuffix("/") ? String(url.dropLast()) : url
    }

    /// A bcrypt hash as `rir-archive web hash-password` prints it: `$2a$`, `$2b$` or `$2y$`, a cost, 60 characters.
    static func bcryptHash(_ text: String?) throws(ValueProblem) -> String {
        let hash = text.map { String($0.trimmingSpaces) } ?? ""
        let prefixes = ["$2a$", "$2b$", "$2y$"]
        guard hash.count == 60, prefixes.contains(where: hash.hasPrefix) else {
            throw ValueProblem(message: "must be a bcrypt hash ($2b$12$… , 60 characters; make one with rir-archive web hash-password), \(got(text))")
        }
        return hash
    }

    static func linkPattern(_ text: String?) throws(ValueProblem) -> String {
        guard let text, !text.isEmpty else {
            throw ValueProblem(message: "must be a regular expression, \(got(text))")
        }
        do {
            _ = try Regex(text)
        } catch {
            throw ValueProblem(message: "is not a valid regular expression (\(error)), \(got(text))")
        }
        return text
    }
}

// MARK: - YAML text

/// Rendering of values as YAML scalars.
enum YAMLText {
    /// A double-quoted YAML scalar (JSON escapes are valid YAML escapes).
    @Sendable static func quoted(_ text: String) -> String {
        JSONText.quoted(text)
    }

    /// A quoted scalar, or `~` (null) when there is no value.
    @Sendable static func optional(_ text: String?) -> String { text.map(quoted) ?? "~" }
}

