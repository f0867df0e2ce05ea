import ArgumentParser
import Foundation
import RIRConfig
import RIRModel
import RIRRetention
import RIRStore

extension ReportFormat: ExpressibleByArgument {}

extension RetentionPolicy {
    /// The policy the configuration describes.
    init(_ settings: ArchiveConfig.Retention) throws {
        try self.init(years: settings.years, warnDays: settings.warnDays,
                      maxPurgeFraction: settings.maxPurgeFraction)
    }
}

extension RetentionRecord {
    /// The record as the pure report functions take it.
    var archivedReport: ArchivedReport {
        ArchivedReport(id: id, title: title, published: published, lastSeenAtSource: lastSeenAtSource,
                       hasURLSource: hasURLSource, goneFromSource: goneFromSource, holds: holds, replaces: replaces)
    }
}

/// `rir-archive retention …`: the seven-year window, legal holds and sweeps.
struct RetentionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention",
        abstract: "The seven-year window: status, legal holds, and sweeps that purge expired reports.",
        subcommands: [Status.self, HoldCommand.self, Release.self, Sweep.self])

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a report's expiry date, days left, status and holds.")

        @OptionGroup var archive: ArchiveOptions
        @OptionGroup var asOf: AsOfOption
        @Argument(help: "A report ID such as MEX201601.E.") var id: String
        @Option(help: "Output format: text or json.") var format: DocumentFormat = .text

        func run() throws {
            let (store, config) = try archive.open(.readOnly)
            let policy = try RetentionPolicy(config.retention)
            let holds = try store.holds(of: id)
            guard let record = try store.retentionRecord(of: id) else {
                if let stone = try store.tombstone(of: id) {
                    throw StoreError.purged(id: id, at: stone.purgedAt, reason: stone.reason)
                }
                if holds.isEmpty { throw StoreError.unknownReport(id) }
                Output.line("\(id) is not in the archive; \(holds.filter { $0.releasedAt == nil }.count) holds wait for it")
                printHolds(holds)
                return
            }
            let standing = policy.standing(of: record.id, published: record.published, holds: record.holds,
                                           asOf: asOf.day)
            switch format {
            case .json: Output.line(standing.jsonValue.rendered())
            case .text:
                Output.line(standing.text)
                printHolds(holds)
            }
        }

        private func printHolds(_ holds: [Hold]) {
            for hold in holds {
                let state = hold.releasedAt.map { "released \($0)" } ?? "active"
                Output.line("  hold \(hold.id)  placed \(hold.placedAt)  \(state)  \(hold.reason)")
            }
        }
    }

    struct HoldCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "hold",
            abstract: "Place a legal hold on a report (also before it is in the archive); it is never purged while held.")

        @OptionGroup var archive: ArchiveOptions
        @Argument(help: "A report ID such as MEX201601.E.") var id: String
        @Option(help: "Why the report must be kept (a case, a request).") var reason: String

        func validate() throws {
            guard ReportID(id) != nil else { throw ValidationError("\(id) is not an RIR identifier such as MEX201601.E") }
            guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw ValidationError("--reason must say why the report is held")
            }
        }

        func run() throws {
            let (store, _) = try archive.open(.readWrite)
            let holdID = try store.placeHold(on: id, reason: reason, at: Clock.timestamp())
            Output.line("hold \(holdID) placed on \(id)")
        }
    }

    struct Release: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Release one hold (--hold N) or every hold of a report.")

        @OptionGroup var archive: ArchiveOptions
        @Argument(help: "A report ID such as MEX201601.E.") var id: String
        @Option(name: .customLong("hold"), help: "The hold to release (default: all of the report's holds).")
        var holdID: Int64?

        func run() throws {
            let (store, _) = try archive.open(.readWriteExisting)
            for hold in try store.releaseHolds(on: id, holdID: holdID, at: Clock.timestamp()) {
                Output.line("hold \(hold.id) on \(id) released")
            }
            let left = try store.holds(of: id).filter { $0.releasedAt == nil }.count
            Output.line(left == 0 ? "\(id) is no longer held" : "\(id) is still under \(left) holds")
        }
    }

    struct Sweep: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Purge expired, unheld reports (keeping tombstones and an audit trail).",
            discussion: """
            A sweep that would purge more than retention.max_purge_fraction of the archive at once refuses \
            (exit 75) unless --force is given: a wrong clock must not wipe the archive.
            """)

        @OptionGroup var archive: ArchiveOptions
        @OptionGroup var asOf: AsOfOption
        @Flag(help: "Print the plan and change nothing.") var dryRun = false
        @Flag(help: "Purge even above retention.max_purge_fraction.") var force = false
        @Option(help: "Output format: text or json.") var format: DocumentFormat = .text

        func run() throws {
            let (store, config) = try archive.open(dryRun ? .readOnly : .readWriteExisting)
            let outcome = try RetentionSweep(store: store, config: config)
                .run(asOf: asOf.day, dryRun: dryRun, force: force)
            switch format {
            case .json: Output.line(outcome.plan.json(exported: outcome.exported))
            case .text: Output.write(outcome.plan.text(dryRun: dryRun), to: .standardOutput)
            }
            if outcome.plan.refused { throw ExitCode(75) }
        }
    }
}

/// A sweep: plan with the policy, export if configured, purge, checkpoint. Shared by the CLI and the daemon.
struct RetentionSweep {
    let store: ArchiveStore
    let config: ArchiveConfig

    struct Outcome {
        var plan: RetentionPlan
        var exported: [String]
    }

    func run(asOf: CalendarDate, dryRun: Bool, force: Bool) throws -> Outcome {
        let policy = try RetentionPolicy(config.retention)
        let subjects = try store.retentionRecords().map(\.archivedReport.retentionSubject)
        let plan = policy.plan(for: subjects, asOf: asOf, force: force)
        guard !dryRun, !plan.refused, !plan.purge.isEmpty else { return Outcome(plan: plan, exported: []) }
        var exported: [String] = []
        for entry in plan.entries where plan.purge.contains(entry.id) {
            let id = entry.id.description
            if let folder = config.retention.exportDir {
                exported += try ReportExport(store: store, folder: folder).export(id)
            }
            _ = try store.purge(id, reason: "expired on \(entry.expired.iso) (\(policy.years)-year window, swept as of \(asOf.iso))",
                                at: Clock.timestamp())
        }
        try store.checkpoint()
        return Outcome(plan: plan, exported: exported)
    }
}
