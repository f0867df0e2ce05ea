import Foundation
import RIRModel
import RIRStore

/// `ingest_docs_per_s`, `ingest_ratio_vs_sqlite_blob` and `ingest_durable_ratio`: N synthetic
/// captures through the real ingest path into a file database (one durable transaction per
/// capture, as the daemon stores them), against the same bytes inserted as blobs in one
/// transaction, and as blobs with one durable transaction each under the store's pragmas.
/// The whole-process figure on the same captures is ``ProcessIngestBenchmark``.
enum IngestBenchmark {
    static func run(corpus: SeedCorpus, count: Int, processRuns: Int, log: (String) -> Void) throws -> [Figure] {
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
        // The durable baseline is interleaved capture by capture with the real path, so that the
        // shared disk's fsync latency, which varies tenfold from minute to minute, hits both alike.
        let durable = try GRDBAccess.DurableBlobs(path: folder + "/durable-blobs.db")
        var ingestMs = 0.0
        var durableBlobMs = 0.0
        for capture in captures {
            ingestMs += try Harness.time { try ingest.ingest(capture) }
            durableBlobMs += try Harness.time { try durable.insert(capture) }
        }
        try durable.close()
        let blobMs = try GRDBAccess.insertBlobs(captures, into: folder + "/blobs.db")
        let parseShare = ingest.parseMilliseconds / ingestMs * 100
        let perDoc = ingestMs / Double(count)
        return try [
            Figure(key: "ingest_docs_per_s", value: Double(count) / (ingestMs / 1000), unit: "docs/s", goal: .none,
                   note: "\(count) captures, \(Figure.format(perDoc)) ms each: parse \(Int(parseShare))%, store \(100 - Int(parseShare))%"),
            Figure(key: "ingest_ratio_vs_sqlite_blob", value: ingestMs / blobMs, unit: "×", goal: .atMost(2.0),
                   note: "\(Int(ingestMs)) ms real path (1 tx per capture) vs \(Int(blobMs)) ms blobs in 1 tx"),
            Figure(key: "ingest_durable_ratio", value: ingestMs / durableBlobMs, unit: "×", goal: .atMost(2.0),
                   note: "\(Int(ingestMs)) ms real path (1 durable tx per capture) vs \(Int(durableBlobMs)) ms "
                       + "blobs, 1 durable tx per blob (WAL, synchronous=FULL)"),
        ] + ProcessIngestBenchmark.run(captures: captures, runs: processRuns, log: log)
    }
}
