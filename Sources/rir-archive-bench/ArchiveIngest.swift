import Foundation
import RIRModel
import RIRParser
import RIRRetention
import RIRStore

/// The program's ingest path, step for step as `Ingestion` in the `rir-archive` target does it
/// (that type lives in the executable, so it cannot be imported): parse the bytes, build the
/// `CaptureInput` with a fresh ISO 8601 timestamp, store it under the retention gate.
struct ArchiveIngest {
    let store: ArchiveStore
    let rules: IngestRules
    let limits = ParserLimits()
    /// Milliseconds spent in the parser, summed over every call (the rest is the store).
    private(set) var parseMilliseconds = 0.0

    init(store: ArchiveStore, asOf: CalendarDate) {
        self.store = store
        let policy = RetentionPolicy.standard
        rules = IngestRules { id, published, held in
            policy.captureRejection(of: id, published: published, held: held, asOf: asOf)
        }
    }

    /// Ingests one capture; throws when the outcome is not the one the generator expects.
    @discardableResult
    mutating func ingest(_ capture: SyntheticCapture) throws -> IngestResult {
        let start = Harness.clock.now
        let parsed = try CaptureParser.parse(capture.bytes, name: capture.name, limits: limits)
        parseMilliseconds += Harness.milliseconds(Harness.clock.now - start)
        let input = CaptureInput(bytes: capture.bytes, source: "inbox/\(capture.name)",
                                 capturedAt: Timestamp.iso(secondsSinceEpoch: Int(Date().timeIntervalSince1970)),
                                 format: parsed.format.rawValue, encoding: parsed.encoding, report: parsed.report)
        let result = try store.ingest(input, rules: rules)
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
