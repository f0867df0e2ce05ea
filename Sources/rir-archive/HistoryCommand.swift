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
