import ArgumentParser
import RIRArchive
import RIRPresentation

/// `rir-archive history ID`: the revisions of a report and their captures.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "Show the revisions of a report and the captures of each.")

    @OptionGroup var archive: ArchiveOptions
    @Argument(help: "A report ID such as MEX201601.E.", completion: ReportIDCompletion.kind) var id: String
    @Option(help: "Output format: text or json.") var format: DocumentFormat = .text

    func run() throws {
        let revisions = try archive.open(.readOnly).history(of: id)
        switch format {
        case .json:
            Output.json(.array(revisions.map(\.jsonValue)))
        case .text:
            for revision in revisions {
                let earlier = revisions.map(\.revision).filter { $0 < revision.revision }
                let same = revisions.first { earlier.contains($0.revision) && $0.contentHash == revision.contentHash }
                Output.line("revision \(revision.revision)  \(revision.contentHash.prefix(12))  published \(revision.published.iso)  first seen \(revision.firstSeen)  last seen \(revision.lastSeen)"
                            + (same.map { "  (same content as revision \($0.revision))" } ?? ""))
                Output.line("  \(revision.title)")
                for capture in revision.captures {
                    Output.line("  capture \(capture.sha256.prefix(12))  \(capture.capturedAt)  \(capture.format)/\(capture.encoding)  \(capture.source)")
                }
            }
        }
    }
}

/// `rir-archive show ID`: what a report said in one revision.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print one revision of a report (the latest by default), one section of it, or its raw capture.")

    @OptionGroup var archive: ArchiveOptions
    @Argument(help: "A report ID such as MEX201601.E.", completion: ReportIDCompletion.kind) var id: String
    @Option(help: "The revision number (default: the latest).") var revision: Int?
    @Option(help: "Print only the section with this number, e.g. 3.10.") var section: String?
    @Option(help: ArgumentHelp("What the report said at this moment: YYYY-MM-DD (the end of that day, UTC) or YYYY-MM-DDTHH:MM:SSZ.",
                               valueName: "date"))
    var at: String?
    @Flag(help: "Write the revision's first capture to stdout exactly as it was received.") var raw = false
    @Option(help: "Output format: text or json (the parse keys plus revision, first_seen, last_seen, capture_before, capture_after).")
    var format: DocumentFormat = .text

    func validate() throws {
        if raw && section != nil { throw ValidationError("--raw and --section cannot be used together") }
        if raw && format == .json { throw ValidationError("--raw writes bytes; it has no --format json") }
        if at != nil && revision != nil { throw ValidationError("give --revision or --at, not both") }
        if let revision, revision < 1 { throw ValidationError("--revision must be 1 or more") }
    }

    func run() throws {
        let archive = try archive.open(.readOnly)
        var number = revision
        var moment: ReportAtMoment?
        if let at {
            moment = try archive.revision(id, at: try Archive.moment(at))
            number = moment?.inForce.revision
        }
        if raw {
            Output.raw(try archive.rawCapture(id, revision: number))
        } else if format == .json {
            Output.json(try archive.revisionJSON(id, number: number, moment: moment, section: section))
        } else if let section {
            Output.line(ReportText.render(try archive.section(section, of: id, revision: number)))
        } else {
            let (found, report) = try archive.revision(id, number: number)
            if let moment {
                let after = moment.inForce.captureAfter.map { "next capture \($0.capturedAt)" } ?? "no later capture"
                Output.line("[\(id) revision \(found) in force at \(moment.inForce.moment): captured \(moment.inForce.captureBefore.capturedAt), \(after)]\n")
            } else {
                Output.line("[\(id) revision \(found)]\n")
            }
            Output.line(ReportText.render(report))
        }
    }
}

/// `rir-archive verify`: check the whole archive.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the archive: SQLite integrity, foreign keys, and every stored hash recomputed.",
        discussion: "Exit status: 0 when the archive is sound, 1 when any problem was found.")

    @OptionGroup var archive: ArchiveOptions

    func run() throws {
        let result = try archive.open(.readOnly).verify()
        for problem in result.problems { Output.line("problem: \(problem)") }
        let counts = [count(result.reports, "report"), count(result.revisions, "revision"), count(result.captures, "capture"),
                      count(result.blobs, "stored capture"), count(result.contents, "shared text")]
        Output.line(counts.joined(separator: ", ") + ": " + (result.isHealthy ? "ok" : count(result.problems.count, "problem")))
        if !result.isHealthy { throw ExitCode(ExitStatus.failure) }
    }
}
