import ArgumentParser
import RIRArchive
import RIRDiff

/// `rir-archive diff`: what changed between two revisions, or between two reports.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Diff two revisions of a report section by section, or the latest revisions of two reports.",
        discussion: """
        rir-archive diff MEX201601.E                 the previous revision against the latest
        rir-archive diff MEX201601.E --from 1 --to 3
        rir-archive diff MEX201603.E MEX201601.E     a report against the one that replaces it
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, unified, json, html }

    @OptionGroup var archive: ArchiveOptions
    @Argument(help: "One report ID, or two to compare their latest revisions.", completion: ReportIDCompletion.kind) var ids: [String]
    @Option(help: "The old revision (default: the one before --to).") var from: Int?
    @Option(help: "The new revision (default: the latest).") var to: Int?
    @Option(help: "Output format: text, unified, json or html.") var format: Format = .text
    @Option(help: ArgumentHelp("Diff the revisions in force at two moments (give it twice): YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ.",
                               valueName: "date"))
    var at: [String] = []
    @Option(help: "Only this section (its number on either side), e.g. 3.10.") var section: String?
    @Option(help: "Unchanged paragraphs (lines in unified) shown around each change.") var context: Int = 1

    func validate() throws {
        guard (1...2).contains(ids.count) else { throw ValidationError("give one report ID, or two to compare") }
        if ids.count == 2, from != nil || to != nil {
            throw ValidationError("--from and --to apply to one report; with two IDs their latest revisions are compared")
        }
        if context < 0 { throw ValidationError("--context must be 0 or more") }
        if !at.isEmpty {
            guard at.count == 2 else { throw ValidationError("--at takes two moments: --at D1 --at D2") }
            guard ids.count == 1, from == nil, to == nil else {
                throw ValidationError("--at compares two moments of one report; it takes no --from, --to or second ID")
            }
        }
    }

    func run() throws {
        let archive = try archive.open(.readOnly)
        let diff = if at.count == 2 {
            try archive.diff(ids[0], at: try Archive.moment(at[0]), try Archive.moment(at[1]))
        } else if ids.count == 2 {
            try archive.diff(report: ids[0], against: ids[1])
        } else {
            try archive.diff(revisionsOf: ids[0], from: from, to: to)
        }
        if let section, !diff.hasSection(numbered: section) {
            throw ArchiveError.request("neither side of the diff has a section \(section)")
        }
        let options = DiffRenderOptions(colour: format == .text && Output.colourAllowed, context: context,
                                        section: section)
        switch format {
        case .text: Output.write(diff.text(options), to: .standardOutput)
        case .unified: Output.write(diff.unified(options), to: .standardOutput)
        case .json: Output.line(diff.json())
        case .html: Output.write(diff.html(options), to: .standardOutput)
        }
    }
}
