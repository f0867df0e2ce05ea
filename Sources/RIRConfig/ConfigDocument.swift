import Yams

/// Reads a YAML configuration document into an ``ArchiveConfig`` layered over a base configuration.
struct ConfigDocument {
    /// Where the text came from, as it appears in messages (the file path).
    let origin: String
    /// The configuration being filled in.
    var config: ArchiveConfig
    /// The line of each fetch source's `url`, for later cross-checks.
    var sourceLines: [Int?] = []
    /// The line of each scalar key and list read, for checks across keys.
    var keyLines: [String: Int] = [:]

    init(origin: String, base: ArchiveConfig) {
        self.origin = origin
        self.config = base
    }

    // MARK: - Entry

    /// Applies every key of `yaml` to the configuration.
    mutating func apply(yaml: String) throws(ConfigError) {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw Self.syntaxError(error, origin: origin)
        } catch {
            throw ConfigError.syntax(path: origin, line: nil, problem: "\(error)")
        }
        guard let root, !Self.isNull(root) else { return }
        guard case .mapping(let mapping) = root else {
            throw invalid("(top level)", root, "must be a mapping of keys such as database: and inbox:")
        }
        try applyMapping(mapping, prefix: "")
    }

    // MARK: - Walking

    private mutating func applyMapping(_ mapping: Node.Mapping, prefix: String) throws(ConfigError) {
        for (keyNode, value) in mapping {
            guard case .scalar(let keyScalar) = keyNode else {
                throw invalid(prefix.isEmpty ? "(top level)" : prefix, keyNode, "keys must be plain names")
            }
            let path = prefix.isEmpty ? keyScalar.string : "\(prefix).\(keyScalar.string)"
            if let setting = ConfigSetting.named(path) {
                let text: String?
                switch value {
                case .scalar(let scalar): text = Self.isNull(value) ? nil : scalar.string
                default: throw invalid(path, value, "must be a single value, not a list or mapping")
                }
                do {
                    try setting.apply(&config, text)
                } catch {
                    throw invalid(path, value, error.message)
                }
                noteLine(of: path, value)
            } else if ConfigSetting.sections.contains(path) {
                if Self.isNull(value) { continue }
                guard case .mapping(let inner) = value else {
                    throw invalid(path, value, "must be a mapping of keys")
                }
                try applyMapping(inner, prefix: path)
            } else if path == ConfigSetting.allowedHostsPath {
                try applyAllowedHosts(value, path: path)
            } else if path == ConfigSetting.sourcesPath {
                try applySources(value, path: path)
            } else if path == ConfigSetting.usersPath {
                try applyUsers(value, path: path)
            } else if path == ConfigSetting.webhooksPath {
                try applyWebhooks(value, path: path)
            } else if path == ConfigSetting.mailToPath {
                try applyMailRecipients(value, path: path)
            } else if path == ConfigSetting.mailEventsPath {
                config.notify.email.events = try eventList(value, path: path)
            } else {
                throw ConfigError.unknownKey(origin: origin, line: keyNode.mark?.line, key: path,
                                             suggestion: KeySuggestion.closest(to: path,
                                                                               among: ConfigSetting.knownPaths))
            }
        }
    }

    private mutating func applyAllowedHosts(_ value: Node, path: String) throws(ConfigError) {
        if Self.isNull(value) {
            config.fetch.allowedHosts = nil
            return
        }
        guard case .sequence(let items) = value else {
            throw invalid(path, value, "must be a list of host names")
        }
        var hosts: [String] = []
        for (index, item) in items.enumerated() {
            let itemPath = "\(path)[\(index)]"
            guard case .scalar(let scalar) = item else { throw invalid(itemPath, item, "must be a host name") }
            do {
                hosts.append(try ValueParser.host(scalar.string))
            } catch {
                throw invalid(itemPath, item, error.message)
            }
        }
        config.fetch.allowedHosts = hosts
    }

    private mutating func applySources(_ value: Node, path: String) throws(ConfigError) {
        config.fetch.sources = []
        sourceLines = []
        if Self.isNull(value) { return }
        guard case .sequence(let items) = value else {
            throw invalid(path, value, "must be a list of sources, each with a url:")
        }
        for (index, item) in items.enumerated() {
            let itemPath = "\(path)[\(index)]"
            guard case .mapping(let mapping) = item else {
                throw invalid(itemPath, item, "must be a mapping with at least url:")
            }
            config.fetch.sources.append(try source(mapping, node: item, path: itemPath))
            sourceLines.append(mapping["url"]?.mark?.line ?? item.mark?.line)
        }
    }

    private mutating func applyUsers(_ value: Node, path: String) throws(ConfigError) {
        config.web.users = []
        if Self.isNull(value) { return }
        guard case .sequence(let items) = value else {
            throw invalid(path, value, "must be a list of users, each with name: and bcrypt_hash:")
        }
        for (index, item) in items.enumerated() {
            let itemPath = "\(path)[\(index)]"
            guard case .mapping(let mapping) = item else {
                throw invalid(itemPath, item, "must be a mapping with name: and bcrypt_hash:")
            }
            var fields: [String: (text: String, node: Node)] = [:]
            for (keyNode, field) in mapping {
                let key = keyNode.scalar?.string ?? ""
                let keyPath = "\(itemPath).\(key)"
                guard ConfigSetting.userKeys.contains(key) else {
                    let known = ConfigSetting.userKeys.map { "\(itemPath).\($0)" }
                    throw ConfigError.unknownKey(origin: origin, line: keyNode.mark?.line, key: keyPath,
                                                 suggestion: KeySuggestion.closest(to: keyPath, among: known))
                }
                guard case .scalar(let scalar) = field, !Self.isNull(field) else {
                    throw invalid(keyPath, field, "must be a single value")
                }
                fields[key] = (scalar.string, field)
            }
            guard let name = fields["name"], !name.text.trimmingSpaces.isEmpty, !name.text.contains(":") else {
                throw invalid("\(itemPath).name", fields["name"]?.node ?? item, "is required: a user name without ':'")
            }
            guard let hash = fields["bcrypt_hash"] else {
                throw invalid("\(itemPath).bcrypt_hash", item, "is required (rir-archive web hash-password makes one)")
            }
            do {
                config.web.users.append(WebUser(name: name.text, bcryptHash: try ValueParser.bcryptHash(hash.text)))
            } catch {
                throw invalid("\(itemPath).bcrypt_hash", hash.node, error.message)
            }
        }
    }

    private func source(_ mapping: Node.Mapping, node: Node, path: String) throws(ConfigError) -> FetchSource {
        var fields: [String: (text: String?, node: Node)] = [:]
        for (keyNode, value) in mapping {
            let key = keyNode.scalar?.string ?? ""
            let keyPath = "\(path).\(key)"
            guard ConfigSetting.sourceKeys.contains(key) else {
                let known = ConfigSetting.sourceKeys.map { "\(path).\($0)" }
                throw ConfigError.unknownKey(origin: origin, line: keyNode.mark?.line, key: keyPath,
                                             suggestion: KeySuggestion.closest(to: keyPath, among: known))
            }
            guard case .scalar(let scalar) = value else { throw invalid(keyPath, value, "must be a single value") }
            fields[key] = (Self.isNull(value) ? nil : scalar.string, value)
        }
        func field<T>(_ key: String, _ parse: (String?) throws(ValueProblem) -> T) throws(ConfigError) -> T? {
            guard let entry = fields[key] else { return nil }
            do {
                return try parse(entry.text)
            } catch {
                throw invalid("\(path).\(key)", entry.node, error.message)
            }
        }
        guard fields["url"] != nil else { throw invalid("\(path).url", node, "is required") }
        let allowHTTP = try field("allow_http", ValueParser.bool) ?? false
        let url = try field("url") { (text: String?) throws(ValueProblem) in
            try ValueParser.url(text, allowHTTP: allowHTTP)
        }
        let listing = try field("listing", ValueParser.bool) ?? false
        let pattern = try field("link_pattern") { (text: String?) throws(ValueProblem) -> String? in
            text == nil ? nil : try ValueParser.linkPattern(text)
        } ?? nil
        if let entry = fields["link_pattern"], pattern != nil, !listing {
            throw invalid("\(path).link_pattern", entry.node, "is only allowed with listing: true")
        }
        if listing, pattern == nil {
            throw invalid("\(path).link_pattern", fields["listing"]?.node ?? node,
                          "is required with listing: true (a regular expression selecting the report links)")
        }
        let interval = try field("interval", ValueParser.duration(positive: true)) ?? .hours(24)
        return FetchSource(url: url ?? "", interval: interval, listing: listing, linkPattern: pattern,
                           allowHTTP: allowHTTP)
    }

    // MARK: - Errors

    func invalid(_ path: String, _ node: Node, _ problem: String) -> ConfigError {
        .invalidValue(origin: origin, line: node.mark?.line, key: path, problem: problem)
    }

    static func isNull(_ node: Node) -> Bool {
        guard case .scalar = node else { return false }
        return node.null != nil
    }

    private static func syntaxError(_ error: YamlError, origin: String) -> ConfigError {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let text = [context.map { "\($0.text)" }, problem].compactMap { $0 }.joined(separator: ": ")
            return .syntax(path: origin, line: mark.line, problem: text)
        case let .duplicatedKeysInMapping(duplicates, context):
            return .syntax(path: origin, line: context.mark.line,
                           problem: "a key is given twice in the mapping starting here: "
                               + duplicates.joined(separator: ", "))
        default:
            return .syntax(path: origin, line: nil, problem: "\(error)")
        }
    }
}

// MARK: - Suggestions

/// The known key closest to a misspelt one.
enum KeySuggestion {
    /// The candidate within a small edit distance of `key`, if any.
    static func closest(to key: String, among candidates: [String]) -> String? {
        let scored = candidates.map { ($0, distance(Array(key), Array($0))) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(2, key.count / 4) else { return nil }
        return best.0
    }

    private static func distance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, ca) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, cb) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (ca == cb ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
