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
            Output.raw(table.bytes(as: format))
        }
    }
}

extension Language: ExpressibleByArgument {}
