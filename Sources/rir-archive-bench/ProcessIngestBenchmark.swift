import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// `ingest_process_ratio_vs_sqlite3`: the whole `rir-archive ingest DIR` process (the CLI's own
/// batching, a fresh database it creates) on the ingest group's captures written to files, against
/// the `sqlite3` shell loading the same files into a fresh table with `fsdir()` in one transaction.
enum ProcessIngestBenchmark {
    static func run(captures: [SyntheticCapture], runs: Int, log: (String) -> Void) throws -> [Figure] {
        guard let sqlite3 = Harness.which("sqlite3") else {
            throw BenchError.tool("sqlite3 is not on PATH (apt-get install sqlite3)")
        }
        let program = Harness.archiveExecutable
        guard access(program, X_OK) == 0 else {
            throw BenchError.tool("\(program) not found: build the rir-archive product in release mode first")
        }
        let folder = try Harness.temporaryFolder("ingest-process")
        defer { Harness.removeFolder(folder) }
        let inbox = folder + "/inbox"
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        // The CLI ingests a folder in sorted name order: a zero-padded sequence after the report ID
        // keeps each report's captures in the order the generator expects.
        for (index, capture) in captures.enumerated() {
            let padded = String(repeating: "0", count: max(0, 6 - String(index).count)) + String(index)
            try Harness.write(capture.bytes, to: "\(inbox)/\(capture.id)-\(padded).txt")
        }
        let reports = Set(captures.map(\.id)).count
        let environment = Harness.cleanEnvironment
        log("ingest (process): \(captures.count) files in \(inbox), \(runs) runs each")

        var oursSamples: [Double] = []
        var theirsSamples: [Double] = []
        for run in 0..<runs {
            let ours = "\(folder)/archive-\(run).db"
            let theirs = "\(folder)/sqlite3-\(run).db"
            oursSamples.append(try Harness.run(program, ["ingest", inbox, "--database", ours,
                                                         "--as-of", Bench.referenceDay.iso],
                                               environment: environment))
            theirsSamples.append(try Harness.run(sqlite3, [theirs, """
                CREATE TABLE t (name TEXT, data BLOB); BEGIN; \
                INSERT INTO t SELECT name, data FROM fsdir('\(inbox)') WHERE data IS NOT NULL; COMMIT;
                """], environment: environment))
            let stored = try countRows(ours, "SELECT count(*) FROM report")
            let loaded = try countRows(theirs, "SELECT count(*) FROM t")
            guard stored == reports, loaded == captures.count else {
                throw BenchError.check("ingest DIR stored \(stored) of \(reports) reports; sqlite3 loaded \(loaded) of \(captures.count) files")
            }
            for path in [ours, theirs] { for suffix in ["", "-wal", "-shm"] { Harness.remove(path + suffix) } }
        }
        let (mine, baseline) = (Harness.median(oursSamples), Harness.median(theirsSamples))
        return [Figure(key: "ingest_process_ratio_vs_sqlite3", value: mine / baseline, unit: "×", goal: .atMost(3),
                       note: "rir-archive ingest DIR \(Figure.format(mine)) ms vs sqlite3 fsdir() in 1 tx "
                           + "\(Figure.format(baseline)) ms (\(captures.count) files, medians of \(runs))")]
    }

    static func countRows(_ path: String, _ sql: String) throws -> Int {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in try Int.fetchOne(db, sql: sql) ?? 0 }
    }
}
