import ArgumentParser
import RIRArchive
import RIRModel
import RIRPresentation

/// `rir-archive report …`: what archivists ask about the archive.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Reports on the archive: expiring and stale reports, recent changes.",
        subcommands: [Expiring.self, Stale.self, Changes.self])

    struct Changes: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revisions recorded from --since to --as-of (both days included), each with the summary of its diff against the one before.")

        @OptionGroup var archive: ArchiveOptions
        @Option(help: ArgumentHelp("The first day to include (default: 30 days before --as-of).",
                                   valueName: "YYYY-MM-DD"), transform: AsOfOption.parseDate)
        var since: CalendarDate?
        @OptionGroup var asOf: AsOfOption
        @Option(help: "Output format: table, json or csv.") var format: ReportFormat = .table

        func run() throws {
            let end = asOf.day
            let changes = try archive.open(.readOnly).changes(since: since ?? end.adding(days: -30), until: end)
            Output.raw(TabularReport(changes: changes).bytes(as: format))
        }
    }

    struct Expiring: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Reports whose expiry falls within N days (default retention.warn_days).")

        @OptionGroup var archive: ArchiveOptions
        @OptionGroup var asOf: AsOfOption
        @Option(help: "The window in days.") var within: Int?
        @Option(help: "Output format: table, json or csv.") var format: ReportFormat = .table

        func run() throws {
            let rows = try archive.open(.readOnly).expiring(asOf: asOf.day, within: within)
            Output.raw(TabularReport(retentionRows: rows).bytes(as: format))
        }
    }

    struct Stale: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Reports that are old, superseded by a report that replaces them, or unseen at their source.")

        @OptionGroup var archive: ArchiveOptions
        @OptionGroup var asOf: AsOfOption
        @Option(name: .customLong("older-than"), help: "Age threshold in days (default reports.stale_after_days).")
        var olderThan: Int?
        @Option(name: .customLong("unseen-for"), help: "Unseen threshold in days (default reports.unseen_after_days).")
        var unseenFor: Int?
        @Option(help: "Output format: table, json or csv.") var format: ReportFormat = .table

        func run() throws {
            let rows = try archive.open(.readOnly).stale(asOf: asOf.day, olderThan: olderThan, unseenFor: unseenFor)
            Output.raw(TabularReport(retentionRows: rows).bytes(as: format))
        }
    }
}
