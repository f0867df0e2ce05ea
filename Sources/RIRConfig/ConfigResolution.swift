#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Values given on the command line; each wins over the environment, the file and the default.
public struct ConfigOverrides: Sendable, Hashable {
    /// `--database PATH`.
    public var database: String?
    /// `--inbox DIR`.
    public var inbox: String?

    /// Creates overrides; nil leaves the key to the lower layers.
    public init(database: String? = nil, inbox: String? = nil) {
        self.database = database
        self.inbox = inbox
    }
}

extension ArchiveConfig {
    // MARK: - Layers

    /// The environment variables read by ``resolve(file:environment:overrides:)``: one per scalar key
    /// (`RIR_ARCHIVE_` + the key path in upper case with `_` for `.`, e.g. `RIR_ARCHIVE_RETENTION_WARN_DAYS`)
    /// plus `RIR_ARCHIVE_FETCH_ALLOWED_HOSTS` (comma-separated). Fetch sources can only be set in the file.
    public static var environmentVariables: [String] {
        ConfigSetting.all.map(\.environmentVariable) + [allowedHostsVariable]
    }

    /// The variable naming the configuration file; read by the command line, not by `resolve`.
    public static let configFileVariable = "RIR_ARCHIVE_CONFIG"

    private static let allowedHostsVariable = "RIR_ARCHIVE_FETCH_ALLOWED_HOSTS"

    /// `RIR_ARCHIVE_…` variables in `environment` that set no key (likely typos), sorted.
    public static func unknownEnvironmentVariables(in environment: [String: String]) -> [String] {
        let known = Set(environmentVariables + [configFileVariable])
        return environment.keys.filter { $0.hasPrefix("RIR_ARCHIVE_") && !known.contains($0) }.sorted()
    }

    /// The effective configuration: `overrides` > `environment` > the YAML `file` > built-in defaults.
    ///
    /// - Parameters:
    ///   - file: path of the YAML file; nil reads no file and starts from the defaults.
    ///   - environment: the process environment (passed in, never read here); empty values are ignored.
    ///   - overrides: values from command-line flags.
    public static func resolve(file: String?, environment: [String: String],
                               overrides: ConfigOverrides = ConfigOverrides()) throws(ConfigError) -> ArchiveConfig {
        var config = ArchiveConfig.defaults
        var sourceLines: [Int?] = []
        var keyLines: [String: Int] = [:]
        if let file {
            var document = ConfigDocument(origin: file, base: config)
            try document.apply(yaml: try readFile(file))
            config = document.config
            sourceLines = document.sourceLines
            keyLines = document.keyLines
        }
        try config.applyEnvironment(environment)
        try config.applyOverrides(overrides)
        try config.checkConsistency(origin: file ?? "configuration", sourceLines: sourceLines)
        try config.checkNotify(origin: file ?? "configuration", keyLines: keyLines)
        return config
    }

    /// The configuration in the YAML file at `path` over the defaults (no environment, no flags).
    public static func load(path: String) throws(ConfigError) -> ArchiveConfig {
        try resolve(file: path, environment: [:])
    }

    /// The configuration in `yaml` over the defaults; `origin` names the text in messages.
    public static func parse(yaml: String, origin: String = "config") throws(ConfigError) -> ArchiveConfig {
        var document = ConfigDocument(origin: origin, base: .defaults)
        try document.apply(yaml: yaml)
        try document.config.checkConsistency(origin: origin, sourceLines: document.sourceLines)
        try document.config.checkNotify(origin: origin, keyLines: document.keyLines)
        return document.config
    }

    private mutating func applyEnvironment(_ environment: [String: String]) throws(ConfigError) {
        for setting in ConfigSetting.all {
            let name = setting.environmentVariable
            guard let text = environment[name], !text.isEmpty else { continue }
            do {
                try setting.apply(&self, text)
            } catch {
                throw .invalidValue(origin: "environment \(name)", line: nil, key: setting.path,
                                    problem: error.message)
            }
        }
        if let text = environment[Self.allowedHostsVariable], !text.isEmpty {
            var hosts: [String] = []
            for part in text.split(separator: ",") {
                do {
                    hosts.append(try ValueParser.host(String(part)))
                } catch {
                    throw .invalidValue(origin: "environment \(Self.allowedHostsVariable)", line: nil,
                                        key: ConfigSetting.allowedHostsPath, problem: error.message)
                }
            }
            fetch.allowedHosts = hosts
        }
    }

    private mutating func applyOverrides(_ overrides: ConfigOverrides) throws(ConfigError) {
        let flags: [(flag: String, path: String, value: String?)] = [
            ("--database", "database", overrides.database),
            ("--inbox", "inbox", overrides.inbox),
        ]
        for (flag, path, value) in flags {
            guard let value, let setting = ConfigSetting.named(path) else { continue }
            do {
                try setting.apply(&self, value)
            } catch {
                throw .invalidValue(origin: flag, line: nil, key: path, problem: error.message)
            }
        }
    }

    /// Checks that go across keys: every source's host must be allowed when the hosts are listed.
    private func checkConsistency(origin: String, sourceLines: [Int?]) throws(ConfigError) {
        guard let allowed = fetch.allowedHosts else { return }
        for (index, source) in fetch.sources.enumerated() {
            guard let host = FetchSource.host(of: source.url), !allowed.contains(host) else { continue }
            throw .invalidValue(origin: origin, line: index < sourceLines.count ? sourceLines[index] : nil,
                                key: "fetch.sources[\(index)].url",
                                problem: "host \(host) is not in fetch.allowed_hosts (\(allowed.joined(separator: ", ")))")
        }
    }

    private static func readFile(_ path: String) throws(ConfigError) -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path: path, reason: String(cString: strerror(errno)))
            }
            if count == 0 { break }
            bytes += buffer[..<count]
            guard bytes.count <= 1 << 20 else { throw .unreadable(path: path, reason: "larger than 1 MiB") }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .unreadable(path: path, reason: "not valid UTF-8")
        }
        return text
    }
}
