import ArgumentParser
import RIRModel
import RIRParser

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
        case .json: Output.line(Output.json(ParsedReportJSON(parsed)))
        }
    }
}

/// The JSON shape of `parse --format json`.
struct ParsedReportJSON: Encodable {
    struct SectionJSON: Encodable {
        var number: String?
        var level: Int
        var heading: String?
        var text: String

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(number, forKey: .number)
            try container.encode(level, forKey: .level)
            try container.encode(heading, forKey: .heading)
            try container.encode(text, forKey: .text)
        }

        enum CodingKeys: String, CodingKey { case number, level, heading, text }
    }

    var id: String
    var baseID: String
    var country: String
    var language: String
    var published: String
    var title: String
    var author: String
    var replaces: [String]
    var crossReferences: [String]
    var sections: [SectionJSON]
    var closing: String?
    var notes: [String]
    var references: [String]
    var additionalSources: [String]
    var contentHash: String
    var format: String
    var encoding: String

    init(_ parsed: ParsedCapture) {
        let report = parsed.report
        id = report.id.description
        baseID = report.id.baseID
        country = report.id.country
        language = report.id.language.rawValue
        published = report.published.iso
        title = report.title
        author = report.author
        replaces = report.replaces
        crossReferences = report.crossReferences
        sections = report.sections.map {
            SectionJSON(number: $0.number, level: $0.level, heading: $0.heading, text: $0.text)
        }
        closing = report.closing
        notes = report.notes
        references = report.references
        additionalSources = report.additionalSources
        contentHash = report.contentHash
        format = parsed.format.rawValue
        encoding = parsed.encoding
    }

    enum CodingKeys: String, CodingKey {
        case id, baseID = "base_id", country, language, published, title, author, replaces
        case crossReferences = "cross_references", sections, closing, notes, references
        case additionalSources = "additional_sources", contentHash = "content_hash", format, encoding
    }
}
