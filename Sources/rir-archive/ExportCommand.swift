import ArgumentParser
import RIRArchive

/// `rir-archive export --warc FILE [ID…] [--since DATE]`: write captures as a WARC file.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export captures as a WARC file (ISO 28500, WARC/1.1, one gzip member per record).",
        discussion: """
        Writes a warcinfo record, then per capture a response record (the HTTP status line and \
        headers it came with) or a resource record (captures that came as files), with WARC-Date = \
        its capture time and sha256 block and payload digests, and a metadata record naming its \
        report, revision and content hash. `ingest FILE` reads it back into the same timeline.
        """)

    @OptionGroup var archive: ArchiveOptions

    @Option(help: ArgumentHelp("The WARC file to write (conventionally NAME.warc.gz).", valueName: "file"))
    var warc: String

    @Argument(help: "Reports to export (default: every report).")
    var ids: [String] = []

    @Option(help: ArgumentHelp("Only captures captured on or after this day or moment.",
                               valueName: "YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ"))
    var since: String?

    @Option(help: "Output format: text or json.")
    var format: DocumentFormat = .text

    func validate() throws {
        if let since, Archive.captureTime(since) == nil {
            throw ValidationError("--since: \(since) is not YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (UTC)")
        }
    }

    func run() throws {
        let archive = try archive.open(.readOnly)
        let summary = try archive.exportWARC(to: warc, ids: ids, since: since.flatMap(Archive.captureTime))
        switch format {
        case .json: Output.jsonLine(summary.jsonValue)
        case .text:
            Output.line("wrote \(summary.path): \(summary.captures) captures of \(summary.reports) reports, "
                        + "\(summary.records) records")
        }
    }
}
