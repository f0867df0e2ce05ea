import RIRModel
import Yams

// MARK: - The notify section

extension ArchiveConfig {
    /// Notifications (design §12): webhooks and e-mail, and how the daemon delivers them.
    public struct Notify: Sendable, Hashable {
        /// JSON POST targets.
        public var webhooks: [Webhook]
        /// The mail channel; off while its ``Email/url`` is nil.
        public var email: Email
        /// Attempts per delivery before it is recorded as failed for good (default 8).
        public var maxAttempts: Int
        /// Delay before the first retry; it doubles at each retry, with jitter (default 1m).
        public var retryDelay: ConfigDuration
        /// How often the daemon looks for due deliveries (default 10s).
        public var interval: ConfigDuration
        /// Base URL of the web interface, for links in messages (`notify.base_url`, used while there
        /// is no `web.base_url`); nil links nothing.
        public var baseURL: String?

        /// Creates the section; arguments default to the built-in values.
        public init(webhooks: [Webhook] = [], email: Email = Email(), maxAttempts: Int = 8,
                    retryDelay: ConfigDuration = .minutes(1), interval: ConfigDuration = .seconds(10),
                    baseURL: String? = nil) {
            self.webhooks = webhooks
            self.email = email
            self.maxAttempts = maxAttempts
            self.retryDelay = retryDelay
            self.interval = interval
            self.baseURL = baseURL
        }

        /// Whether any channel is configured.
        public var hasChannels: Bool { !webhooks.isEmpty || email.url != nil }
    }

    /// One webhook: a JSON POST of each event it wants.
    public struct Webhook: Sendable, Hashable {
        /// `https://…`, or `http://` to a loopback host only.
        public var url: String
        /// File holding the HMAC-SHA256 key; the signature goes in `X-RIR-Signature`. Nil signs nothing.
        public var secretFile: String?
        /// The kinds it hears of; nil means all.
        public var events: [NotificationKind]?

        /// Creates a webhook.
        public init(url: String, secretFile: String? = nil, events: [NotificationKind]? = nil) {
            self.url = url
            self.secretFile = secretFile
            self.events = events
        }
    }

    /// The mail channel, sent over SMTP.
    public struct Email: Sendable, Hashable {
        /// `smtp://HOST:PORT` (STARTTLS required, except to a loopback host) or `smtps://HOST:PORT`.
        public var url: String?
        /// The sender address.
        public var from: String?
        /// The recipients.
        public var to: [String]
        /// File holding `user:password` for SMTP authentication (never in the config text).
        public var credentialsFile: String?
        /// The kinds it hears of; nil means all.
        public var events: [NotificationKind]?

        /// Creates the channel; it is off without a `url`.
        public init(url: String? = nil, from: String? = nil, to: [String] = [], credentialsFile: String? = nil,
                    events: [NotificationKind]? = nil) {
            self.url = url
            self.from = from
            self.to = to
            self.credentialsFile = credentialsFile
            self.events = events
        }
    }
}

// MARK: - Keys

extension ConfigSetting {
    /// The scalar keys of the notify section, in the order of the shipped file.
    static let notify: [ConfigSetting] = [
        ConfigSetting("notify.base_url", \.notify.baseURL, parse: ValueParser.optionalURL, render: YAMLText.optional),
        ConfigSetting("notify.max_attempts", \.notify.maxAttempts, parse: ValueParser.whole(atLeast: 1),
                      render: { "\($0)" }),
        ConfigSetting("notify.retry_delay", \.notify.retryDelay, parse: ValueParser.duration(positive: true),
                      render: { YAMLText.quoted($0.description) }),
        ConfigSetting("notify.interval", \.notify.interval, parse: ValueParser.duration(positive: true),
                      render: { YAMLText.quoted($0.description) }),
        ConfigSetting("notify.email.url", \.notify.email.url, parse: ValueParser.mailURL, render: YAMLText.optional),
        ConfigSetting("notify.email.from", \.notify.email.from, parse: ValueParser.optionalAddress,
                      render: YAMLText.optional),
        ConfigSetting("notify.email.credentials_file", \.notify.email.credentialsFile,
                      parse: ValueParser.optionalPath, render: YAMLText.optional),
    ]

    /// The list of webhooks (a sequence of mappings).
    static let webhooksPath = "notify.webhooks"
    /// Keys of one webhook.
    static let webhookKeys = ["url", "secret_file", "events"]
    /// The mail recipients (a list of addresses).
    static let mailToPath = "notify.email.to"
    /// The kinds the mail channel hears of.
    static let mailEventsPath = "notify.email.events"
}

// MARK: - Values

extension ValueParser {
    /// `smtp://HOST[:PORT]` or `smtps://HOST[:PORT]`, with no credentials in it; nil for no value.
    @Sendable static func mailURL(_ text: String?) throws(ValueProblem) -> String? {
        guard let text, !text.trimmingSpaces.isEmpty else { return nil }
        let trimmed = String(text.trimmingSpaces)
        let lower = trimmed.lowercased()
        let expected = "must be smtp://HOST:PORT (STARTTLS, plain only to a loopback host) or smtps://HOST:PORT"
        guard lower.hasPrefix("smtp://") || lower.hasPrefix("smtps://"),
              !trimmed.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F }) else {
            throw ValueProblem(message: "\(expected), \(got(text))")
        }
        let authority = trimmed.split(separator: "/", omittingEmptySubsequences: true).dropFirst().first ?? ""
        guard !authority.contains("@") else {
            throw ValueProblem(message: "must not hold credentials: put user:password in notify.email.credentials_file")
        }
        guard FetchSource.host(of: trimmed) != nil else { throw ValueProblem(message: "\(expected), \(got(text))") }
        return trimmed
    }

    /// `local@domain` in printable ASCII, without spaces, brackets or separators; nil for no value.
    @Sendable static func optionalAddress(_ text: String?) throws(ValueProblem) -> String? {
        guard let text, !text.trimmingSpaces.isEmpty else { return nil }
        return try address(text)
    }

    static func address(_ text: String?) throws(ValueProblem) -> String {
        let trimmed = text.map { String($0.trimmingSpaces) } ?? ""
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty,
              !trimmed.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value >= 0x7F || "<>,;\"()[]\\".unicodeScalars.contains($0) })
        else {
            throw ValueProblem(message: "must be a mail address such as archive@example.org, \(got(text))")
        }
        return trimmed
    }

    /// An https URL, or http to a loopback host (a receiver on the same machine).
    static func webhookURL(_ text: String?) throws(ValueProblem) -> String {
        let problem = ValueProblem(message: "must be an https URL (http only to a loopback host), \(got(text))")
        guard let text else { throw problem }
        let trimmed = String(text.trimmingSpaces)
        let lower = trimmed.lowercased()
        guard let host = FetchSource.host(of: trimmed),
              lower.hasPrefix("https://") || (lower.hasPrefix("http://") && isLoopback(host)),
              !trimmed.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F }) else { throw problem }
        return trimmed
    }

    /// One event name.
    static func eventKind(_ text: String?) throws(ValueProblem) -> NotificationKind {
        guard let text, let kind = NotificationKind(rawValue: text.trimmingSpaces.lowercased()),
              kind != .test else {
            let names = NotificationKind.recorded.map(\.rawValue).joined(separator: ", ")
            throw ValueProblem(message: "must be one of \(names), \(got(text))")
        }
        return kind
    }
}

// MARK: - Lists in the file

extension ConfigDocument {
    /// `notify.webhooks`: a list of mappings with `url`, `secret_file`, `events`.
    mutating func applyWebhooks(_ value: Node, path: String) throws(ConfigError) {
        config.notify.webhooks = []
        if Self.isNull(value) { return }
        guard case .sequence(let items) = value else {
            throw invalid(path, value, "must be a list of webhooks, each with a url:")
        }
        for (index, item) in items.enumerated() {
            let itemPath = "\(path)[\(index)]"
            guard case .mapping(let mapping) = item else {
                throw invalid(itemPath, item, "must be a mapping with at least url:")
            }
            var webhook = ArchiveConfig.Webhook(url: "")
            var hasURL = false
            for (keyNode, field) in mapping {
                let key = keyNode.scalar?.string ?? ""
                let keyPath = "\(itemPath).\(key)"
                switch key {
                case "events":
                    webhook.events = try eventList(field, path: keyPath)
                case "url", "secret_file":
                    guard case .scalar(let scalar) = field else { throw invalid(keyPath, field, "must be a single value") }
                    let text = Self.isNull(field) ? nil : scalar.string
                    do {
                        if key == "url" {
                            webhook.url = try ValueParser.webhookURL(text)
                            hasURL = true
                        } else {
                            webhook.secretFile = try ValueParser.optionalPath(text)
                        }
                    } catch {
                        throw invalid(keyPath, field, error.message)
                    }
                default:
                    let known = ConfigSetting.webhookKeys.map { "\(itemPath).\($0)" }
                    throw ConfigError.unknownKey(origin: origin, line: keyNode.mark?.line, key: keyPath,
                                                 suggestion: KeySuggestion.closest(to: keyPath, among: known))
                }
            }
            guard hasURL else { throw invalid("\(itemPath).url", item, "is required") }
            config.notify.webhooks.append(webhook)
        }
    }

    /// `notify.email.to`: a list of addresses (a single address is taken as a list of one).
    mutating func applyMailRecipients(_ value: Node, path: String) throws(ConfigError) {
        config.notify.email.to = []
        noteLine(of: path, value)
        if Self.isNull(value) { return }
        let items: [Node]
        switch value {
        case .sequence(let sequence): items = Array(sequence)
        case .scalar: items = [value]
        default: throw invalid(path, value, "must be a list of mail addresses")
        }
        for (index, item) in items.enumerated() {
            guard case .scalar(let scalar) = item else { throw invalid("\(path)[\(index)]", item, "must be an address") }
            do {
                config.notify.email.to.append(try ValueParser.address(scalar.string))
            } catch {
                throw invalid("\(path)[\(index)]", item, error.message)
            }
        }
    }

    /// `events:` of a channel: `~` (all) or a list of event names.
    func eventList(_ value: Node, path: String) throws(ConfigError) -> [NotificationKind]? {
        if Self.isNull(value) { return nil }
        guard case .sequence(let items) = value else {
            throw invalid(path, value, "must be ~ (every event) or a list of event names")
        }
        var kinds: [NotificationKind] = []
        for (index, item) in items.enumerated() {
            do {
                kinds.append(try ValueParser.eventKind(item.scalar?.string))
            } catch {
                throw invalid("\(path)[\(index)]", item, error.message)
            }
        }
        return kinds
    }

    /// Remembers the line of a key, for checks across keys made after the whole file is read.
    mutating func noteLine(of path: String, _ node: Node) {
        if let line = node.mark?.line { keyLines[path] = line }
    }
}

// MARK: - Checks across keys

extension ArchiveConfig {
    /// A mail channel needs a sender and recipients, and its sender and recipients need a server.
    func checkNotify(origin: String, keyLines: [String: Int]) throws(ConfigError) {
        let email = notify.email
        func problem(_ key: String, _ text: String) -> ConfigError {
            .invalidValue(origin: origin, line: keyLines[key] ?? keyLines["notify.email.url"], key: key, problem: text)
        }
        if email.url != nil {
            if email.from == nil { throw problem("notify.email.from", "is required when notify.email.url is set") }
            if email.to.isEmpty {
                throw problem("notify.email.to", "must list at least one address when notify.email.url is set")
            }
        } else if email.from != nil || !email.to.isEmpty || email.credentialsFile != nil {
            throw problem("notify.email.url", "is required when notify.email.from, to or credentials_file is set")
        }
    }
}
