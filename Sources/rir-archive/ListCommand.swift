import ArgumentParser
import RIRArchive
import RIRModel
import RIRPresentation

/// `rir-archive list`: every report with its retention status.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List every report: ID, language, published, revisions, last seen, status, source.",
        discussion: """
        SOURCE is `file` for a report that only ever arrived as a file, `url` for one captured from a web \
        page, and `gone` when its page answered 404 or 410 (the archive keeps everything it has).
        """)

    @OptionGroup var archive: ArchiveOptions
    @OptionGroup var asOf: AsOfOption
    @Option(help: "Output format: table, json or csv.") var format: ReportFormat = .table

    func run() throws {
        let reports = try archive.open(.readOnly).list(asOf: asOf.day)
        Output.write(TabularReport(listing: reports).rendered(as: format), to: .standardOutput)
    }
}
