import Foundation
import RIRModel
import RIRStore

/// `ingest_docs_per_s` and `ingest_ratio_vs_sqlite_blob`: N synthetic captures through the real
/// ingest path into a file database, against the same bytes inserted as blobs in one transaction.
enum IngestBenchmark {
    static func run(corpus: SeedCorpus, count: Int, log: (String) -> Void) throws -> [Figure] {
        var archive = SyntheticArchive(corpus: corpus, seed: 1, windowEnd: Bench.referenceDay)
        let captures = (0..<count).map { _ in archive.next() }
        let bytes = captures.reduce(0) { $0 + $1.bytes.count }
        let revisions = captures.filter { $0.expectation == .newRevision }.count
        let unchanged = captures.filter { $0.expectation == .unchanged }.count
        // The digest shows that the same seed gave the same archive on another machine or run.
        let digest = SHA256Hex.digest(of: captures.flatMap(\.bytes)).prefix(16)
        log("ingest: \(count) captures, \(bytes / 1024) KiB, \(revisions) revisions, \(unchanged) unchanged recaptures, digest \(digest)")

        let folder = try Harness.temporaryFolder("ingest")
        defer { Harness.removeFolder(folder) }
        var ingest = try ArchiveIngest(store: try ArchiveStore(path: folder + "/archive.db"), asOf: Bench.referenceDay)
        let ingestMs = try Harness.time {
            for capture in captures { try ingest.ingest(capture) }
        }
        let blobMs = try GRDBAccess.insertBlobs(captures, into: folder + "/blobs.db")
        let parseShare = ingest.parseMilliseconds / ingestMs * 100
        let perDoc = ingestMs / Double(count)
        return [
            Figure(key: "ingest_docs_per_s", value: Double(count) / (ingestMs / 1000), unit: "docs/s", goal: .none,
                   note: "\(count) captures, \(Figure.format(perDoc)) ms each: parse \(Int(parseShare))%, store \(100 - Int(parseShare))%"),
            Figure(key: "ingest_ratio_vs_sqlite_blob", value: ingestMs / blobMs, unit: "×", goal: .atMost(2.0),
                   note: "\(Int(ingestMs)) ms real path (1 tx per capture) vs \(Int(blobMs)) ms blobs in 1 tx"),
        ]
    }
}
