import RIRModel
import RIRParser
import RIRStore

/// One input of an ingest and what became of it.
public struct IngestedInput: Sendable, Hashable {
    /// The file path, URL or label the input came from.
    public var input: String
    /// What the store made of it.
    public var result: IngestResult
}

extension Archive {
    /// Inputs per transaction, and raw bytes per transaction, at most: one commit (one fsync)
    /// serves a batch, and every capture in it is whole or absent.
    public static let batchCount = 64
    /// Raw bytes per transaction, at most.
    public static let batchBytes = 8 << 20

    /// The store's rules for this configuration, judging the seven-year window at `asOf`.
    public func rules(asOf: CalendarDate) -> IngestRules {
        let policy = self.policy
        return IngestRules { id, published, held in
            policy.captureRejection(of: id, published: published, held: held, asOf: asOf)
        }
    }

    /// Reads and parses one file into what the store takes; every failure becomes a rejection
    /// that names the cause. `source` replaces the path as the capture's source when given.
    public func item(forFile path: String, source: String? = nil, capturedAt: String? = nil) -> IngestItem {
        let source = source ?? path
        do {
            let bytes = try CaptureFile.read(path, maxBytes: config.ingest.maxBytes)
            return item(for: bytes, name: CaptureFile.name(of: path), source: source, capturedAt: capturedAt)
        } catch {
            return .rejection(source: source, id: nil, reason: error.description, at: clock.timestamp())
        }
    }

    /// Parses bytes already in memory (an HTTP body, a claimed inbox file), captured at
    /// `capturedAt` (default: now).
    public func item(for bytes: [UInt8], name: String, source: String, capturedAt: String? = nil) -> IngestItem {
        let limits = ParserLimits(maxBytes: config.ingest.maxBytes)
        do {
            let parsed = try CaptureParser.parse(bytes, name: name, limits: limits)
            return .capture(CaptureInput(bytes: bytes, source: source, capturedAt: capturedAt ?? clock.timestamp(),
                                         format: parsed.format.rawValue, encoding: parsed.encoding,
                                         report: parsed.report))
        } catch {
            return .rejection(source: source, id: ReportID.all(in: name).first?.description,
                              reason: "\(error)", at: clock.timestamp())
        }
    }

    /// Stores items in one transaction, in order; results in the same order.
    public func store(_ items: [IngestItem], asOf: CalendarDate? = nil) throws(ArchiveError) -> [IngestResult] {
        let rules = rules(asOf: asOf ?? clock.today())
        return try stored { () throws(StoreError) in try store.ingest(items, rules: rules) }
    }

    /// Parses and stores one input now, in its own transaction; an HTTP response's status line and
    /// header lines (CRLF-separated) are kept with the capture when given.
    public func ingest(_ bytes: [UInt8], name: String, source: String, httpStatusLine: String? = nil,
                       httpHeaders: String? = nil) throws(ArchiveError) -> IngestResult {
        var item = item(for: bytes, name: name, source: source)
        if case .capture(var capture) = item {
            capture.httpStatusLine = httpStatusLine
            capture.httpHeaders = httpHeaders
            item = .capture(capture)
        }
        let results = try store([item])
        guard let result = results.first else { throw .store(.corrupt("an ingest returned no result")) }
        return result
    }

    /// Ingests files in order, batched (``batchCount`` inputs or ``batchBytes`` bytes per
    /// transaction), as `ingest PATH…` does. `progress` hears of each file before it is read;
    /// `report` hears of each result once its batch is committed.
    ///
    /// A WARC file (recognised by content) is read record by record (``ingestWARC(_:asOf:report:)``):
    /// `report` hears of its captures and rejections, `warcFile` of its counts once it is done.
    ///
    /// Throws only when the archive fails (results of earlier batches have been reported and are
    /// committed); a file that cannot be read or parsed is a rejected result.
    public func ingest(files: [String], source: String? = nil, capturedAt: String? = nil, asOf: CalendarDate? = nil,
                       progress: (_ index: Int, _ file: String) -> Void = { _, _ in },
                       warcFile: (WARCFileSummary) -> Void = { _ in },
                       report: (IngestedInput) -> Void) throws(ArchiveError) {
        var batch: [(file: String, item: IngestItem)] = []
        var bytes = 0
        func commit() throws(ArchiveError) {
            let results = try store(batch.map(\.item), asOf: asOf)
            for (entry, result) in zip(batch, results) { report(IngestedInput(input: entry.file, result: result)) }
            batch.removeAll(keepingCapacity: true)
            bytes = 0
        }
        for (index, file) in files.enumerated() {
            progress(index, file)
            if WARCFileReader.isWARC(file) {
                try commit()
                do {
                    warcFile(try ingestWARC(file, asOf: asOf, report: report))
                } catch .input(let error) {
                    report(IngestedInput(input: file, result: try store([.rejection(
                        source: file, id: nil, reason: error.description, at: clock.timestamp())], asOf: asOf)[0]))
                }
                continue
            }
            let item = item(forFile: file, source: source, capturedAt: capturedAt)
            if case .capture(let capture) = item { bytes += capture.bytes.count }
            batch.append((file, item))
            if batch.count >= Self.batchCount || bytes >= Self.batchBytes { try commit() }
        }
        try commit()
    }
}

// MARK: - The inbox

/// What became of one inbox file.
public enum InboxOutcome: Sendable, Hashable {
    /// Durably committed.
    case stored(IngestResult)
    /// Refused for good: the reason goes beside the file in `rejected/`.
    case rejected(reason: String)
    /// Committed by an earlier run that stopped before moving the file (its claim is recorded):
    /// nothing is stored again, the file only has to move to where `result` sends it.
    case recovered(IngestResult)
}

extension Archive {
    /// Ingests one claimed inbox file that arrived as `name`, recording the claim in the capture's
    /// transaction so that a file committed before a crash is recognised and never stored twice.
    /// Throws when the archive (not the file) failed, so the file stays claimed for a retry or the
    /// daemon stops.
    public func ingestInboxFile(at path: String, name: String) throws(ArchiveError) -> InboxOutcome {
        let bytes: [UInt8]
        do { bytes = try CaptureFile.read(path, maxBytes: config.ingest.maxBytes) } catch {
            return .rejected(reason: error.description)
        }
        let claim = InboxClaim(key: CaptureFile.identity(of: path, bytes: bytes), name: name)
        let item = item(for: bytes, name: name, source: "inbox/\(name)")
        let rules = rules(asOf: clock.today())
        let now = clock.timestamp()
        let (result, recorded) = try stored { () throws(StoreError) in
            try store.ingest(item, rules: rules, claim: claim, at: now)
        }
        if recorded { return .recovered(result) }
        if result.outcome == .rejected { return .rejected(reason: result.reason ?? "rejected") }
        return .stored(result)
    }
}
