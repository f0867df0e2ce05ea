import ArgumentParser
import RIRArchive
import RIRModel
import RIRPresentation

/// `rir-archive audit`: the append-only trail of ingests, rejections, holds and purges.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Show the audit trail: ingest, reject, hold, release and purge events.")

    @OptionGroup var archive: ArchiveOptions
    @Option(help: ArgumentHelp("Only events on or after this day.", valueName: "YYYY-MM-DD"),
            transform: AsOfOption.parseDate)
    var since: CalendarDate?
    @Option(help: "Output format: table, json or csv.") var format: ReportFormat = .table

    func run() throws {
        let entries = try archive.open(.readOnly).audit(since: since)
        Output.write(TabularReport(audit: entries).rendered(as: format), to: .standardOutput)
    }
}
