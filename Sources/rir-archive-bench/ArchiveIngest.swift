import RIRArchive
import RIRConfig
import RIRModel
import RIRStore

/// The benchmark's handle on the program's own ingest (``Archive``, as the daemon calls it: one
/// capture, one transaction) under the default configuration, at a fixed moment, checking each
/// outcome against what the synthetic archive expects.
struct ArchiveIngest {
    let archive: Archive
    /// Milliseconds spent reading and parsing, summed over every call (the rest is the store).
    private(set) var parseMilliseconds = 0.0

    init(store: ArchiveStore, asOf: CalendarDate) throws {
        let noon = ArchiveClock { asOf.daysSinceEpoch * 86_400 + 43_200 }
        archive = try Archive(config: .defaults, store: store, clock: noon)
    }

    /// Ingests one capture; throws when the outcome is not the one the generator expects.
    @discardableResult
    mutating func ingest(_ capture: SyntheticCapture) throws -> IngestResult {
        let start = Harness.clock.now
        let item = archive.item(for: capture.bytes, name: capture.name, source: "inbox/\(capture.name)")
        parseMilliseconds += Harness.milliseconds(Harness.clock.now - start)
        guard let result = try archive.store([item]).first else { throw BenchError.check("no ingest result") }
        let expected: IngestOutcome = switch capture.expectation {
        case .newDocument: .newDocument
        case .newRevision: .newRevision
        case .unchanged: .unchanged
        }
        guard result.outcome == expected else {
            throw BenchError.check("\(capture.name) was \(result.outcome.rawValue), expected \(expected.rawValue)"
                                   + (result.reason.map { ": \($0)" } ?? ""))
        }
        return result
    }

    /// Bytes of a database file after a full WAL checkpoint (the store must be closed).
    static func checkpointedSize(_ path: String) throws -> Int {
        try GRDBAccess.checkpoint(path)
        return Harness.fileSize(path) + Harness.fileSize(path + "-wal")
    }
}
