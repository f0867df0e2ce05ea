import ArgumentParser
import RIRArchive
import RIRModel
import RIRPresentation

/// `rir-archive ingest PATH…`: store captures as new documents, new revisions or unchanged.
struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Ingest capture files and folders (recursively, in sorted order) into the archive.",
        discussion: """
        Inside a folder, hidden files and partial downloads (.part, .tmp) are left out; symlinks (never \
        followed), FIFOs, devices, sockets and names that are not UTF-8 are reported as `skipped` with \
        the reason.

        WARC files (.warc, .warc.gz; recognised by content) are read record by record: each RIR page \
        in a response, resource or revisit record is a capture at its WARC-Date, from its \
        WARC-Target-URI (--source and --captured-at do not apply to them); one line per WARC file gives \
        its counts (records, captures, skipped, rejected).

        Exit status: 0 when every input was stored, 65 when any was rejected or skipped.
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
        let expansion = try CaptureFile.scan(paths)
        let files = expansion.files
        for entry in expansion.skipped {
            switch format {
            case .json:
                Output.jsonLine(.object([JSONMember("file", .string(entry.path)), JSONMember("outcome", .string("skipped")),
                                         JSONMember("reason", .string(entry.reason))]))
            case .text:
                Output.line(Output.outcomeLine("skipped", id: nil, detail: "", location: entry.path, reason: entry.reason))
            }
        }
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
        }
        if !expansion.skipped.isEmpty {
            Output.error("\(expansion.skipped.count) folder entries skipped (not regular files)")
        }
        if rejected > 0 || !expansion.skipped.isEmpty { throw ExitCode(ExitStatus.rejected) }
    }

    private func print(_ ingested: IngestedInput) {
        switch format {
        case .json: Output.jsonLine(ingested.jsonValue)
        case .text:
            let result = ingested.result
            Output.line(Output.outcomeLine(result.outcome.rawValue, id: result.id,
                                           detail: result.revision.map { "rev \($0)" } ?? "",
                                           location: EscapedName.escape(ingested.input),
                                           reason: result.reason ?? result.sameContentAs.map { "same content as revision \($0)" }))
        }
    }
}
