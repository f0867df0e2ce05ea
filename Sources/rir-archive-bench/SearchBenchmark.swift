import Foundation
import GRDB
import RIRModel
import RIRStore

/// Issue 14's figures on an archive of N reports with 3 revisions each:
/// - `search_process_ratio_vs_sqlite3`: the whole `rir-archive search '"two words"'` process ÷ the
///   `sqlite3` shell running the same FTS5 MATCH (rowids by bm25) on the same file;
/// - `ingest_index_overhead_pct`: ingest with the index ÷ the same ingest into an archive whose
///   index table is replaced by a plain table (the FTS5 work removed), minus one, in percent;
/// - `index_share_pct`: the index's pages (dbstat) as a share of the database file.
enum SearchBenchmark {
    static let phrase = "\"criminal groups\""

    static func run(corpus: SeedCorpus, reports: Int, runs: Int, log: (String) -> Void) throws -> [Figure] {
        guard let sqlite3 = Harness.which("sqlite3") else { throw BenchError.tool("sqlite3 is not on PATH (apt-get install sqlite3)") }
        let program = Harness.archiveExecutable
        guard access(program, X_OK) == 0 else {
            throw BenchError.tool("\(program) not found: build the whole package in release mode first")
        }
        var archive = SyntheticArchive(corpus: corpus, seed: 14, windowEnd: Bench.referenceDay)
        var rng = SplitMix64(seed: 1414)
        var captures: [SyntheticCapture] = []
        for _ in 0..<reports {
            var report = archive.newReport(characters: 15_000)
            captures.append(archive.capture(of: report, .newDocument))
            for _ in 0..<2 {
                Revision.apply(3, to: &report, corpus: corpus, rng: &rng)
                captures.append(archive.capture(of: report, .newRevision))
            }
        }
        log("search: \(reports) reports × 3 revisions, \(captures.reduce(0) { $0 + $1.bytes.count } / 1_048_576) MiB of captures")

        let folder = try Harness.temporaryFolder("search")
        defer { Harness.removeFolder(folder) }
        let indexed = folder + "/indexed.db", plain = folder + "/plain.db"
        let withIndex = try ingest(captures, into: indexed, replacingIndex: false)
        let withoutIndex = try ingest(captures, into: plain, replacingIndex: true)
        try GRDBAccess.checkpoint(indexed)
        let space = GRDBAccess.spaceByObject(indexed)
        let indexBytes = space.filter { $0.name.hasPrefix("search_index") }.reduce(0) { $0 + $1.bytes }
        let totalBytes = space.reduce(0) { $0 + $1.bytes }

        let environment = Harness.cleanEnvironment
        let ours = ["search", phrase, "--database", indexed, "--format", "csv"]
        let sql = "SELECT rowid FROM search_index WHERE search_index MATCH '\(phrase)' ORDER BY bm25(search_index);"
        let theirs = ["-readonly", "-csv", indexed, sql]
        try Harness.run(program, ours, environment: environment)
        try Harness.run(sqlite3, theirs, environment: environment)
        var mine: [Double] = [], baseline: [Double] = []
        for _ in 0..<runs {
            mine.append(try Harness.run(program, ours, environment: environment))
            baseline.append(try Harness.run(sqlite3, theirs, environment: environment))
        }
        let (a, b) = (Harness.median(mine), Harness.median(baseline))
        return [
            Figure(key: "search_process_ratio_vs_sqlite3", value: a / b, unit: "×", goal: .atMost(2.0),
                   note: "rir-archive search \(Figure.format(a)) ms vs sqlite3 MATCH \(Figure.format(b)) ms (medians, \(reports * 3) revisions)"),
            Figure(key: "ingest_index_overhead_pct", value: (withIndex / withoutIndex - 1) * 100, unit: "%", goal: .atMost(15),
                   note: "\(Int(withIndex)) ms with the index vs \(Int(withoutIndex)) ms without, \(captures.count) captures"),
            Figure(key: "index_share_pct", value: Double(indexBytes) / Double(max(totalBytes, 1)) * 100, unit: "%",
                   goal: .atMost(35),
                   note: "\(indexBytes / 1024) KiB of index in \(totalBytes / 1024) KiB"),
        ]
    }

    /// Milliseconds to ingest `captures` through the program's path. With `replacingIndex`, the FTS5
    /// table is first replaced by a plain table of the same columns, so the same statements run but
    /// index nothing: the baseline of the index's cost.
    private static func ingest(_ captures: [SyntheticCapture], into path: String, replacingIndex: Bool) throws -> Double {
        let store = try ArchiveStore(path: path)
        if replacingIndex {
            let queue = try DatabaseQueue(path: path)
            try queue.write { db in
                try db.execute(sql: "DROP TABLE search_index")
                try db.execute(sql: "CREATE TABLE search_index (search_index, heading, body)")
            }
            try queue.close()
        }
        var ingest = try ArchiveIngest(store: store, asOf: Bench.referenceDay)
        return try Harness.time {
            for capture in captures { try ingest.ingest(capture) }
        }
    }
}
