import ArgumentParser
import RIRArchive
import RIRParser
import RIRPresentation

/// `rir-archive parse FILE`: read one capture and print what it says; store nothing.
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse one capture (plain text or HTML) and print the normalized report; store nothing.")

    @Argument(help: "A capture file: an RIR as plain text or an IRB HTML page.")
    var file: String

    @Option(help: "Output format: text (a readable outline) or json.")
    var format: DocumentFormat = .text

    @Option(name: .customLong("max-bytes"), help: "Refuse inputs larger than this many bytes.")
    var maxBytes: Int = ParserLimits().maxBytes

    func run() throws {
        let limits = ParserLimits(maxBytes: maxBytes)
        let bytes = try CaptureFile.read(file, maxBytes: limits.maxBytes)
        let parsed = try CaptureParser.parse(bytes, name: file, limits: limits)
        switch format {
        case .text: Output.line(parsed.outline)
        case .json:
            Output.json(.object(parsed.report.jsonMembers + [
                JSONMember("format", .string(parsed.format.rawValue)),
                JSONMember("encoding", .string(parsed.encoding)),
            ]))
        }
    }
}
