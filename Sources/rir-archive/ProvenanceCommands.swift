import ArgumentParser
import RIRArchive
import RIRDiff
import RIRModel
import RIRPresentation
import RIRStore

/// `rir-archive search QUERY`: which stored texts ever said something.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search every revision's titles, headings, sections, notes and references (SQLite FTS5).",
        discussion: """
        Accents and case are folded (apercu finds Aperçu). Phrases: '"new generation cartel"'; prefixes: \
        cartel*; AND, OR, NOT and parentheses. One hit per distinct stored text, naming every revision \
        that holds it.
        """)

    @OptionGroup var archive: ArchiveOptions
    @Argument(help: "An FTS5 query.") var query: String
    @Option(help: ArgumentHelp("Only this report.", valueName: "id"), completion: ReportIDCompletion.kind)
    var report: String?
    @Option(help: ArgumentHelp("Only reports of this country code (MEX, ZZZ…).", valueName: "CCC")) var country: String?
    @Option(help: "Only reports in this language: en or fr.") var language: Language?
    @Flag(help: "Only texts that the latest revision of their report still holds.") var latestOnly = false
    @Option(help: "Output format: table, json or csv.") var format: ReportFormat = .table

    func run() throws {
        let filters = SearchFilters(reportID: report, country: country?.uppercased(), language: language,
                                    latestOnly: latestOnly)
        let hits = try archive.open(.readOnly).search(query, filters: filters)
        switch format {
        case .json: Output.json(.array(hits.map(\.jsonValue)))
        case .csv, .table:
            var table = TabularReport(columns: [
                .init("id"), .init("section_number", title: "SECTION"), .init("heading", maxWidth: 30),
                .init("revisions"), .init("first_seen", title: "FIRST SEEN"), .init("last_seen", title: "LAST SEEN"),
                .init("snippet", maxWidth: 70),
            ])
            for hit in hits {
                table.append([.text(hit.id), hit.sectionNumber.map { .text($0) } ?? .text(hit.part.rawValue),
                              hit.heading.map { .text($0) } ?? .null, .list(hit.revisions.map(String.init)),
                              .text(hit.firstSeen), .text(hit.lastSeen), .text(hit.snippet)])
            }
            Output.write(table.rendered(as: format), to: .standardOutput)
        }
    }
}

extension Language: ExpressibleByArgument {}

/// `rir-archive blame ID`: since when each paragraph has stood.
struct BlameCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "blame",
        abstract: "For each paragraph of a revision, the revision since which it has stood unchanged, and since when.")

    @OptionGroup var archive: ArchiveOptions
    @Argument(help: "A report ID such as MEX201601.E.", completion: ReportIDCompletion.kind) var id: String
    @Option(help: "The revision (default: the latest).") var revision: Int?
    @Option(help: "Only this section, e.g. 3.10.") var section: String?
    @Option(help: "Output format: text or json.") var format: DocumentFormat = .text

    func run() throws {
        let paragraphs = try archive.open(.readOnly).blame(id, revision: revision, section: section)
        switch format {
        case .json:
            Output.json(.array(paragraphs.map(\.jsonValue)))
        case .text:
            for paragraph in paragraphs {
                let place = "\(paragraph.sectionNumber ?? "-")¶\(paragraph.paragraph)"
                let text = paragraph.text.count > 90 ? String(paragraph.text.prefix(89)) + "…" : paragraph.text
                Output.line("rev \(paragraph.sinceRevision)  \(paragraph.since)  \(place.padding(toLength: 8, withPad: " ", startingAt: 0))  \(text)")
            }
        }
    }
}

/// `rir-archive trace "TEXT"`: which reports held a phrase, from when to when.
struct TraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Every report and revision span that held a phrase, where it disappeared, and whether the reports that replace it carry it on.")

    @OptionGroup var archive: ArchiveOptions
    @Argument(help: "The phrase (compared with accents, case and spacing folded).") var phrase: String
    @Option(help: "Output format: text or json.") var format: DocumentFormat = .text

    func run() throws {
        let traces = try archive.open(.readOnly).trace(phrase)
        switch format {
        case .json:
            Output.json(.array(traces.flatMap { trace in
                trace.spans.map { span in
                    .object([
                        JSONMember("id", .string(span.id)),
                        JSONMember("from_revision", .integer(span.fromRevision)),
                        JSONMember("to_revision", .integer(span.toRevision)),
                        JSONMember("first_seen", .string(span.firstSeen)),
                        JSONMember("last_seen", .string(span.lastSeen)),
                        JSONMember("disappeared_in", .optional(span.disappearedIn)),
                        JSONMember("replaced_by", .array(trace.replacedBy.map { successor in
                            .object([
                                JSONMember("id", .string(successor.id)),
                                JSONMember("carries_phrase", successor.carriesPhrase.map { .bool($0) } ?? .null),
                            ])
                        })),
                    ])
                }
            }))
        case .text:
            if traces.isEmpty { Output.line("no report holds \"\(phrase)\"") }
            for trace in traces {
                for span in trace.spans {
                    let end = span.disappearedIn.map { "gone in revision \($0)" } ?? "still there"
                    Output.line("\(span.id)  revisions \(span.fromRevision)–\(span.toRevision)  \(span.firstSeen) to \(span.lastSeen)  \(end)")
                }
                for successor in trace.replacedBy {
                    let carries = successor.carriesPhrase.map { $0 ? "carries it on" : "drops it" } ?? "not in the archive"
                    Output.line("  replaced by \(successor.id): \(carries)")
                }
            }
        }
    }
}
