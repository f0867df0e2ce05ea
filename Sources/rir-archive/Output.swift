import ArgumentParser
import Foundation
import RIRPresentation

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

    /// A JSON document (indented, with a final newline).
    static func json(_ value: JSONValue) {
        write(value.rendered(), to: .standardOutput)
    }

    /// One JSON record on one line.
    static func jsonLine(_ value: JSONValue) {
        line(value.compact())
    }

    /// Whether stderr is a terminal (for progress lines).
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
    /// Whether stdout is a terminal and colour is allowed (`NO_COLOR` unset).
    static var colourAllowed: Bool {
        isatty(STDOUT_FILENO) == 1 && (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
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

extension ReportFormat: ExpressibleByArgument {}
