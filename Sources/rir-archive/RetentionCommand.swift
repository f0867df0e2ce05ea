import ArgumentParser
import Foundation
import RIRArchive
import RIRModel
import RIRPresentation
import RIRStore

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
        @Argument(help: "A report ID such as MEX201601.E.", completion: ReportIDCompletion.kind) var id: String
        @Option(help: "Output format: text or json.") var format: DocumentFormat = .text

        func run() throws {
            switch try archive.open(.readOnly).retentionStatus(of: id, asOf: asOf.day) {
            case .awaited(let holds):
                let waiting = holds.filter { $0.releasedAt == nil }.count
                Output.line("\(id) is not in the archive; \(count(waiting, "hold")) \(waiting == 1 ? "waits" : "wait") for it")
                printHolds(holds)
            case .archived(let standing, let holds):
                switch format {
                case .json: Output.json(standing.jsonValue)
                case .text:
                    Output.line(standing.text)
                    printHolds(holds)
                }
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
        @Argument(help: "A report ID such as MEX201601.E.", completion: ReportIDCompletion.kind) var id: String
        @Option(help: "Why the report must be kept (a case, a request).") var reason: String

        func validate() throws {
            guard ReportID(id) != nil else { throw ValidationError("\(id) is not an RIR identifier such as MEX201601.E") }
            guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw ValidationError("--reason must say why the report is held")
            }
        }

        func run() throws {
            guard let reportID = ReportID(id) else { return }
            let (hold, archived) = try archive.open(.readWrite).placeHold(on: reportID, reason: reason)
            Output.line(archived ? "hold \(hold) placed on \(id)"
                : "hold \(hold) placed on \(id); it is not in the archive yet, and the hold will apply when it arrives")
        }
    }

    struct Release: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Release one hold (--hold N) or every hold of a report.")

        @OptionGroup var archive: ArchiveOptions
        @Argument(help: "A report ID such as MEX201601.E.", completion: ReportIDCompletion.kind) var id: String
        @Option(name: .customLong("hold"), help: "The hold to release (default: all of the report's holds).")
        var holdID: Int64?

        func run() throws {
            let (released, remaining) = try archive.open(.readWriteExisting).releaseHolds(on: id, hold: holdID)
            for hold in released { Output.line("hold \(hold.id) on \(id) released") }
            Output.line(remaining == 0 ? "\(id) is no longer held" : "\(id) is still under \(count(remaining, "hold"))")
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
            // Decided before anything is opened for writing: a dry run, a refusal or nothing to purge
            // leaves the file byte-identical.
            let planned = try archive.open(.readOnly).sweep(asOf: asOf.day, dryRun: true, force: force)
            let outcome = dryRun || !planned.wouldPurge
                ? planned
                : try archive.open(.readWriteExisting).sweep(asOf: asOf.day, dryRun: false, force: force)
            switch format {
            case .json: Output.json(outcome.plan.jsonValue(exported: outcome.exported))
            case .text: Output.write(outcome.plan.text(dryRun: dryRun), to: .standardOutput)
            }
            if outcome.plan.refused { throw ExitCode(ExitStatus.refused) }
        }
    }
}

/// `1 hold`, `2 holds`.
func count(_ n: Int, _ noun: String) -> String { n == 1 ? "1 \(noun)" : "\(n) \(noun)s" }
