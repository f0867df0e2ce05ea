#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Logging
import RIRConfig

/// A swift-log handler writing one line per message to stderr, unbuffered (one `write(2)` per line).
///
/// Under systemd (`JOURNAL_STREAM` set) each line starts with a `<N>` syslog priority that journald
/// understands (`<3>` error, `<4>` warning, `<6>` info, `<7>` debug); otherwise lines read
/// `LEVEL message key=value`. journald adds its own timestamps, so none is written.
public struct StderrLogHandler: LogHandler {
    /// Whether lines carry `<N>` priority prefixes.
    public let priorityPrefixes: Bool
    /// Lowest level written.
    public var logLevel: Logger.Level
    /// Metadata added to every line of this logger.
    public var metadata: Logger.Metadata = [:]
    /// Metadata provider consulted for every line.
    public var metadataProvider: Logger.MetadataProvider?
    private let fileDescriptor: Int32

    /// Creates a handler; `environment` is only consulted for `JOURNAL_STREAM` (it is passed in, not read).
    public init(label: String, environment: [String: String], logLevel: Logger.Level = .info,
                fileDescriptor: Int32 = STDERR_FILENO) {
        self.init(priorityPrefixes: !(environment["JOURNAL_STREAM"] ?? "").isEmpty, logLevel: logLevel,
                  fileDescriptor: fileDescriptor)
    }

    /// Creates a handler writing to `fileDescriptor`, with or without priority prefixes.
    public init(priorityPrefixes: Bool, logLevel: Logger.Level = .info, fileDescriptor: Int32 = STDERR_FILENO) {
        self.priorityPrefixes = priorityPrefixes
        self.logLevel = logLevel
        self.fileDescriptor = fileDescriptor
    }

    /// Reads and writes one metadata value.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Writes the event as one line.
    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        let line = format(level: event.level, message: event.message.description, metadata: merged)
        POSIX.writeAll(fileDescriptor, Array(line.utf8))
    }

    /// The line written for a message, newline included.
    public func format(level: Logger.Level, message: String, metadata: Logger.Metadata) -> String {
        var line = priorityPrefixes ? "<\(Self.syslogPriority(level))>" : "\(level.rawValue.uppercased()) "
        // Continuation lines (e.g. a `hint:`) stay in the same record.
        // Any other control character (a CR, a TAB, an ANSI escape in a name) is written as an escape,
        // never raw: one event is always one line, and a terminal shows it as it is.
        line += Self.controlsEscaped(
            message.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: " | "))
        for key in metadata.keys.sorted() {
            line += " \(key)=\(Self.controlsEscaped(Self.quoted("\(metadata[key]!)")))"
        }
        return line + "\n"
    }

    /// The text with control characters other than line breaks (already handled) as `\r`, `\t`, `\xNN`.
    static func controlsEscaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            guard isControl(scalar) else {
                out.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                for byte in UTF8.encode(scalar)! {
                    out += "\\x" + String(byte, radix: 16).leftPadded
                }
            }
        }
        return out
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\n") || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
    }

    /// The syslog priority of a level.
    public static func syslogPriority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    private static func quoted(_ value: String) -> String {
        guard value.isEmpty || value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" || $0.isNewline })
        else { return value }
        var out = "\""
        for character in value {
            switch character {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out + "\""
    }
}

extension Logger.Level {
    /// The swift-log level of a configured ``LogLevel``.
    public init(_ level: LogLevel) {
        switch level {
        case .trace: self = .trace
        case .debug: self = .debug
        case .info: self = .info
        case .notice: self = .notice
        case .warning: self = .warning
        case .error: self = .error
        case .critical: self = .critical
        }
    }
}

extension String {
    /// Two hex digits.
    fileprivate var leftPadded: String { count < 2 ? "0" + self : self }
}
