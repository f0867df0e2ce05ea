import ArgumentParser
import RIRArchive
import RIRPresentation

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
