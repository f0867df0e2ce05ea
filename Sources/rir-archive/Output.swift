import Foundation

/// Writing to stdout and stderr without buffering surprises.
enum Output {
    static func line(_ text: String) {
        write(text + "\n", to: .standardOutput)
    }

    static func raw(_ bytes: [UInt8]) {
        FileHandle.standardOutput.write(Data(bytes))
    }

    static func error(_ text: String) {
        write(text + "\n", to: .standardError)
    }

    static func write(_ text: String, to handle: FileHandle) {
        handle.write(Data(text.utf8))
    }

    /// Whether stderr is a terminal (for progress lines).
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
    /// Whether stdout is a terminal and colour is allowed (`NO_COLOR` unset).
    static var colourAllowed: Bool {
        isatty(STDOUT_FILENO) == 1 && (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
    }

    /// JSON text of a value: keys sorted (a stable order), slashes unescaped.
    static func json(_ value: some Encodable, pretty: Bool = true) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            preconditionFailure("JSON encoding of a plain record failed: \(error)")
        }
    }

    /// One result line of `ingest` and `fetch` for a person: outcome, ID, a detail
    /// (revision or HTTP status), where it came from, and the reason indented below.
    static func outcomeLine(_ outcome: String, id: String?, detail: String, location: String,
                            reason: String?) -> String {
        var line = outcome.padding(toLength: 13, withPad: " ", startingAt: 0) + " "
        line += (id ?? "-").padding(toLength: 13, withPad: " ", startingAt: 0) + " "
        line += detail.padding(toLength: 9, withPad: " ", startingAt: 0) + " " + location
        if let reason { line += "\n    " + reason.replacingOccurrences(of: "\n", with: "\n    ") }
        return line
    }
}
