import ArgumentParser
import RIRArchive

/// `rir-archive ingest PATH…`: store captures as new documents, new revisions or unchanged.
struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Ingest capture files and folders (recursively, in sorted order) into the archive.",
        discussion: """
        WARC files (.warc, .warc.gz; recognised by content) are read record by record: each RIR page \
        in a response, resource or revisit record is a capture at its WARC-Date, from its \
        WARC-Target-URI (--source and --captured-at do not apply to them); one line per WARC file gives \
        its counts (records, captures, skipped, rejected).

        Exit status: 0 when every input was stored, 65 when any was rejected.
        """)

    @OptionGroup var archive: ArchiveOptions
    @OptionGroup var asOf: AsOfOption

    @Argument(help: "Files or folders to ingest.")
    var paths: [String]

    @Option(help: "Output format: text or json (one object per input per line).")
    var format: DocumentFormat = .text

    @Option(help: ArgumentHelp("Record this label as the captures' source instead of the file path.",
                               valueName: "label"))
    var source: String?

    @Option(name: .customLong("captured-at"), help: ArgumentHelp(
        "When these copies were captured (a dated historical copy): YYYY-MM-DD (that day at 00:00:00Z) or YYYY-MM-DDTHH:MM:SSZ; default now.",
        valueName: "timestamp"))
    var capturedAt: String?

    func validate() throws {
        if paths.isEmpty { throw ValidationError("name at least one file or folder to ingest") }
        if let capturedAt, Archive.captureTime(capturedAt) == nil {
            throw ValidationError("--captured-at: \(capturedAt) is not YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (UTC)")
        }
    }

    func run() throws {
        let files = try CaptureFile.expand(paths)
        let archive = try archive.open(.readWrite)
        let showProgress = Output.stderrIsTerminal && files.count > 1
        var rejected = 0
        var inputs = 0
        try archive.ingest(files: files, source: source, capturedAt: capturedAt.flatMap(Archive.captureTime),
                           asOf: asOf.day, progress: { index, file in
            if showProgress { Output.write("\r\u{1B}[K[\(index + 1)/\(files.count)] \(file)", to: .standardError) }
        }, warcFile: { summary in
            if showProgress { Output.write("\r\u{1B}[K", to: .standardError) }
            switch format {
            case .json: Output.jsonLine(summary.jsonValue)
            case .text: Output.line(Output.outcomeLine("warc", id: nil, detail: "", location: summary.summaryLine, reason: nil))
            }
        }, report: { ingested in
            if showProgress { Output.write("\r\u{1B}[K", to: .standardError) }
            inputs += 1
            if ingested.result.outcome == .rejected { rejected += 1 }
            print(ingested)
        })
        if rejected > 0 {
            Output.error("\(rejected) of \(inputs) inputs rejected")
            throw ExitCode(ExitStatus.rejected)
        }
    }

    private func print(_ ingested: IngestedInput) {
        switch format {
        case .json: Output.jsonLine(ingested.jsonValue)
        case .text:
            let result = ingested.result
            Output.line(Output.outcomeLine(result.outcome.rawValue, id: result.id,
                                           detail: result.revision.map { "rev \($0)" } ?? "",
                                           location: ingested.input,
                                           reason: result.reason ?? result.sameContentAs.map { "same content as revision \($0)" }))
        }
    }
}
