import ArgumentParser
import RIRArchive
import RIRDiff
import RIRModel
import RIRPresentation
import RIRStore

/// `rir-archive blame ID`: since when each paragraph has stood.
struct BlameCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "blame",
        abstract: "For each paragraph of a revision, the revision since which it has stood unchanged, and since when.")

    @OptionGroup var archive: ArchiveOptions
    @Argument(help: "A report ID such as MEX201601.E.", completion: ReportIDCompletion.kind) var id: String
    @Option(help: "The revision (default: the latest).") var revision: Int?
    @Option(help: "Only this section, e.g. 3.10.") var section: String?
    @Option(help: "Output format: text or json.") var format: DocumentFormat = .text

    func run() throws {
        let paragraphs = try archive.open(.readOnly).blame(id, revision: revision, section: section)
        switch format {
        case .json:
            Output.json(.array(paragraphs.map(\.jsonValue)))
        case .text:
            for paragraph in paragraphs {
                let place = "\(paragraph.sectionNumber ?? "-")¶\(paragraph.paragraph)"
                let text = paragraph.text.count > 90 ? String(paragraph.text.prefix(89)) + "…" : paragraph.text
                Output.line("rev \(paragraph.sinceRevision)  \(paragraph.since)  \(place.padding(toLength: 8, withPad: " ", startingAt: 0))  \(text)")
            }
        }
    }
}
