/// Why a configuration could not be read or is not valid.
///
/// Messages name where the value came from (the file and line, the environment variable or the flag),
/// the key path and the problem, e.g.
/// `config/rir-archive.yaml:12: retention.warn_days: must be a whole number ≥ 0, got "ninety"`.
public enum ConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The configuration file could not be read.
    case unreadable(path: String, reason: String)
    /// The file is not well-formed YAML.
    case syntax(path: String, line: Int?, problem: String)
    /// A key that rir-archive does not know (typos are not silently ignored).
    case unknownKey(origin: String, line: Int?, key: String, suggestion: String?)
    /// A value of the wrong type, out of range, or inconsistent with another key.
    case invalidValue(origin: String, line: Int?, key: String, problem: String)

    /// One line (two with a `hint:`) an operator can act on.
    public var description: String {
        switch self {
        case let .unreadable(path, reason):
            return "cannot read config \(path): \(reason)"
        case let .syntax(path, line, problem):
            return "\(Self.place(path, line)): not valid YAML: \(problem)"
        case let .unknownKey(origin, line, key, suggestion):
            var text = "\(Self.place(origin, line)): \(key): unknown key"
            if let suggestion { text += "\nhint: did you mean \(suggestion)?" }
            return text
        case let .invalidValue(origin, line, key, problem):
            return "\(Self.place(origin, line)): \(key): \(problem)"
        }
    }

    private static func place(_ origin: String, _ line: Int?) -> String {
        guard let line else { return origin }
        return "\(origin):\(line)"
    }
}
