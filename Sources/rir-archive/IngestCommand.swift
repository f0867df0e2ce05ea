import ArgumentParser
import Foundation
import RIRParser
import RIRStore

/// `rir-archive ingest PATH…`: store captures as new documents, new revisions or unchanged.
struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Ingest capture files and folders (recursively, in sorted order) into the archive.",
        discussion: "Exit status: 0 when every input was stored, 65 when any was rejected.")

    @OptionGroup var archive: ArchiveOptions
    @OptionGroup var asOf: AsOfOption

    @Argument(help: "Files or folders to ingest.")
    var paths: [String]

    @Option(help: "Output format: text or json (one object per input per line).")
    var format: DocumentFormat = .text

    @Option(help: ArgumentHelp("Record this label as the captures' source instead of the file path.",
                               valueName: "label"))
    var source: String?

    /// Inputs per transaction, and raw bytes per transaction, at most.
    static let batchCount = 64
    static let batchBytes = 8 << 20

    func validate() throws {
        if paths.isEmpty { throw ValidationError("name at least one file or folder to ingest") }
    }

    func run() throws {
        let files = try CaptureFile.expand(paths)
        let (store, config) = try archive.open(.readWrite)
        let ingestion = try Ingestion(store: store, config: config, asOf: asOf.day, sourceLabel: source)
        let showProgress = Output.stderrIsTerminal && files.count > 1
        var rejected = 0
        var batch: [(file: String, item: IngestItem)] = []
        var batchBytes = 0
        func commit() throws {
            let results = try ingestion.store(batch.map(\.item))
            if showProgress { Output.write("\r\u{1B}[K", to: .standardError) }
            for (entry, result) in zip(batch, results) {
                if result.outcome == .rejected { rejected += 1 }
                print(result, file: entry.file)
            }
            batch.removeAll(keepingCapacity: true)
            batchBytes = 0
        }
        for (index, file) in files.enumerated() {
            if showProgress { Output.write("\r\u{1B}[K[\(index + 1)/\(files.count)] \(file)", to: .standardError) }
            let item = ingestion.item(forFile: file)
            if case .capture(let capture) = item { batchBytes += capture.bytes.count }
            batch.append((file, item))
            // One transaction (one fsync) per batch; every capture in it is whole or absent.
            if batch.count >= Self.batchCount || batchBytes >= Self.batchBytes { try commit() }
        }
        try commit()
        if rejected > 0 {
            Output.error("\(rejected) of \(files.count) inputs rejected")
            throw ExitCode(65)
        }
    }

    private func print(_ result: IngestResult, file: String) {
        switch format {
        case .json:
            Output.line(Output.json(IngestLineJSON(file: file, result: result), pretty: false))
        case .text:
            Output.line(Output.outcomeLine(result.outcome.rawValue, id: result.id,
                                           detail: result.revision.map { "rev \($0)" } ?? "", location: file,
                                           reason: result.reason))
        }
    }
}

/// One line of `ingest --format json`.
struct IngestLineJSON: Encodable {
    var file: String
    var id: String?
    var outcome: String
    var revision: Int?
    var reason: String?

    init(file: String, result: IngestResult) {
        self.file = file
        id = result.id
        outcome = result.outcome.rawValue
        revision = result.revision
        reason = result.reason
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(file, forKey: .file)
        try container.encode(id, forKey: .id)
        try container.encode(outcome, forKey: .outcome)
        try container.encode(revision, forKey: .revision)
        try container.encode(reason, forKey: .reason)
    }

    enum CodingKeys: String, CodingKey { case file, id, outcome, revision, reason }
}
