extension ArchiveConfig {
    /// The configuration as YAML with every key, for `rir-archive config check`; parsing it gives this
    /// configuration back.
    public var effectiveYAML: String {
        var lines: [String] = []
        var section = ""
        for setting in ConfigSetting.all {
            let parts = setting.path.split(separator: ".", maxSplits: 1).map(String.init)
            if parts.count == 1 {
                lines.append("\(parts[0]): \(setting.render(self))")
                continue
            }
            if parts[0] != section {
                section = parts[0]
                lines.append("\(section):")
            }
            lines.append("  \(parts[1]): \(setting.render(self))")
            if setting.path == "fetch.retries" { lines += fetchListLines }
            if setting.path == "web.base_url" { lines += webUserLines }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private var webUserLines: [String] {
        guard !web.users.isEmpty else { return ["  users: []"] }
        return ["  users:"] + web.users.flatMap { user in
            ["    - name: \(YAMLText.quoted(user.name))", "      bcrypt_hash: \(YAMLText.quoted(user.bcryptHash))"]
        }
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
