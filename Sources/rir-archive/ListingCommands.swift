import ArgumentParser
import RIRDiff
import RIRModel
import RIRRetention
import RIRStore

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
        let (store, config) = try archive.open(.readOnly)
        let policy = try RetentionPolicy(config.retention)
        var table = TabularReport(columns: [
            .init("id"), .init("language"), .init("published"), .init("revisions", alignment: .right),
            .init("last_seen", title: "LAST SEEN"), .init("status"), .init("source"),
            .init("title", maxWidth: 50),
        ])
        for record in try store.retentionRecords() {
            let status = record.holds > 0 ? "held"
                : policy.status(published: record.published, asOf: asOf.day).rawValue
            table.append([.text(record.id.description), .text(record.id.language.rawValue), .date(record.published),
                          .integer(record.revisions), .text(record.lastSeen),
                          .text(status), .text(Self.source(of: record)), .text(record.title)])
        }
        Output.write(table.rendered(as: format), to: .standardOutput)
    }

    /// Where the report comes from: `gone` (its page answered 404/410), `url`, or `file`.
    static func source(of record: RetentionRecord) -> String {
        record.goneFromSource ? "gone" : record.hasURLSource ? "url" : "file"
    }
}

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
        let (store, _) = try archive.open(.readOnly)
        var table = TabularReport(columns: [.init("at"), .init("event"), .init("id"), .init("detail", maxWidth: 80)])
        for entry in try store.audit(since: since?.iso) {
            table.append([.text(entry.at), .text(entry.event), entry.id.map { .text($0) } ?? .null, .text(entry.detail)])
        }
        Output.write(table.rendered(as: format), to: .standardOutput)
    }
}

/// `rir-archive report …`: what archivists ask about the archive.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Reports on the archive: expiring and stale reports, recent changes.",
        subcommands: [Expiring.self, Stale.self, Changes.self])

    struct Changes: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revisions recorded since a date, each with the summary of its diff against the one before.")

        @OptionGroup var archive: ArchiveOptions
        @Option(help: ArgumentHelp("The first day to include (default: 30 days before --as-of).",
                                   valueName: "YYYY-MM-DD"), transform: AsOfOption.parseDate)
        var since: CalendarDate?
        @OptionGroup var asOf: AsOfOption
        @Option(help: "Output format: table, json or csv.") var format: ReportFormat = .table

        func run() throws {
            let (store, _) = try archive.open(.readOnly)
            let start = since ?? asOf.day.adding(days: -30)
            var table = TabularReport(columns: [
                .init("id"), .init("revision", alignment: .right), .init("recorded"), .init("change"),
                .init("unchanged", alignment: .right), .init("modified", alignment: .right),
                .init("added", alignment: .right), .init("removed", alignment: .right),
                .init("renumbered", alignment: .right), .init("moved", alignment: .right),
                .init("metadata"), .init("references_added", title: "REFS +", alignment: .right),
                .init("references_removed", title: "REFS -", alignment: .right), .init("title", maxWidth: 40),
            ])
            for recorded in try store.revisions(since: start.iso) {
                guard recorded.revision > 1 else {
                    table.append([.text(recorded.id), .integer(1), .text(recorded.firstSeen), .text("new-document"),
                                  .null, .null, .null, .null, .null, .null, .list([]), .null, .null,
                                  .text(recorded.title)])
                    continue
                }
                let diff = try DiffCommand.diff(ids: [recorded.id], from: recorded.revision - 1,
                                                to: recorded.revision, in: store)
                let s = diff.summary
                table.append([.text(recorded.id), .integer(recorded.revision), .text(recorded.firstSeen),
                              .text("new-revision"), .integer(s.unchanged), .integer(s.modified), .integer(s.added),
                              .integer(s.removed), .integer(s.renumbered), .integer(s.moved),
                              .list(diff.metadata.map(\.field)), .integer(diff.references.added.count),
                              .integer(diff.references.removed.count), .text(recorded.title)])
            }
            Output.write(table.rendered(as: format), to: .standardOutput)
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
            let (store, config) = try archive.open(.readOnly)
            let policy = try RetentionPolicy(config.retention)
            // Only reports whose expiry can fall in (as-of, as-of + window] are read: their
            // publication dates lie `years` earlier, give or take the 29 February rule.
            let window = within ?? policy.warnDays
            let earliest = asOf.day.adding(years: -policy.years).adding(days: -1)
            let latest = asOf.day.adding(days: max(window, 0)).adding(years: -policy.years).adding(days: 1)
            let candidates = try store.retentionRecords(published: earliest...max(earliest, latest))
            let rows = try policy.expiring(in: candidates.map(\.archivedReport), asOf: asOf.day, withinDays: within)
            Output.write(TabularReport(retentionRows: rows).rendered(as: format), to: .standardOutput)
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
            let (store, config) = try archive.open(.readOnly)
            let policy = try RetentionPolicy(config.retention)
            let criteria = try StaleCriteria(olderThanDays: olderThan ?? config.reports.staleAfterDays,
                                             unseenForDays: unseenFor ?? config.reports.unseenAfterDays)
            let rows = policy.stale(in: try store.retentionRecords().map(\.archivedReport), asOf: asOf.day,
                                    criteria: criteria)
            Output.write(TabularReport(retentionRows: rows).rendered(as: format), to: .standardOutput)
        }
    }
}
