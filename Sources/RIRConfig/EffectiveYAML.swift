import RIRModel

extension ArchiveConfig {
    /// The configuration as YAML with every key, for `rir-archive config check`; parsing it gives this
    /// configuration back.
    public var effectiveYAML: String {
        var lines: [String] = []
        var open: [String] = []
        for setting in ConfigSetting.all {
            let parts = setting.path.split(separator: ".").map(String.init)
            let sections = Array(parts.dropLast())
            var common = 0
            while common < min(open.count, sections.count), open[common] == sections[common] { common += 1 }
            for depth in common..<sections.count {
                lines.append(String(repeating: "  ", count: depth) + "\(sections[depth]):")
            }
            open = sections
            lines.append(String(repeating: "  ", count: sections.count) + "\(parts[parts.count - 1]): \(setting.render(self))")
            switch setting.path {
            case "fetch.retries": lines += fetchListLines
            case "web.base_url": lines += webUserLines
            case "notify.interval": lines += webhookLines
            case "notify.email.from": lines.append("    to: [\(notify.email.to.map(YAMLText.quoted).joined(separator: ", "))]")
            case "notify.email.credentials_file": lines.append("    events: \(Self.events(notify.email.events))")
            default: break
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private var webUserLines: [String] {
        guard !web.users.isEmpty else { return ["  users: []"] }
        return ["  users:"] + web.users.flatMap { user in
            ["    - name: \(YAMLText.quoted(user.name))", "      bcrypt_hash: \(YAMLText.quoted(user.bcryptHash))"]
        }
    }

    private var webhookLines: [String] {
        guard !notify.webhooks.isEmpty else { return ["  webhooks: []"] }
        return ["  webhooks:"] + notify.webhooks.flatMap { webhook in
            ["    - url: \(YAMLText.quoted(webhook.url))",
             "      secret_file: \(YAMLText.optional(webhook.secretFile))",
             "      events: \(Self.events(webhook.events))"]
        }
    }

    /// `~` (every event) or a flow list of event names.
    private static func events(_ kinds: [NotificationKind]?) -> String {
        guard let kinds else { return "~" }
        return "[\(kinds.map { YAMLText.quoted($0.rawValue) }.joined(separator: ", "))]"
    }

    private var fetchListLines: [String] {
        var lines: [String] = []
        if let hosts = fetch.allowedHosts {
            lines.append("  allowed_hosts: [\(hosts.map(YAMLText.quoted).joined(separator: ", "))]")
        } else {
            let derived = fetch.effectiveAllowedHosts.joined(separator: ", ")
            lines.append("  allowed_hosts: ~  # the hosts of the sources\(derived.isEmpty ? "" : ": \(derived)")")
        }
        guard !fetch.sources.isEmpty else {
            lines.append("  sources: []")
            return lines
        }
        lines.append("  sources:")
        for source in fetch.sources {
            lines.append("    - url: \(YAMLText.quoted(source.url))")
            lines.append("      interval: \(YAMLText.quoted(source.interval.description))")
            lines.append("      listing: \(source.listing)")
            if let pattern = source.linkPattern { lines.append("      link_pattern: \(YAMLText.quoted(pattern))") }
            lines.append("      allow_http: \(source.allowHTTP)")
        }
        return lines
    }
}
