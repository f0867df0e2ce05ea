import Foundation
import GRDB
import RIRModel
import RIRStore

/// `report_expiring_ms`: the whole `rir-archive report expiring --as-of 2026-11-22` process on a
/// database of 1,000,000 reports, built once by direct inserts into the store's schema and cached
/// (its reports have no revision rows); the CSV figure against `sqlite3` is ``ExpiringCSVBenchmark``.
enum ExpiringBenchmark {
    static let reports = 1_000_000
    /// Bump when the content of the cached database changes.
    static let builderVersion = 1

    static func run(corpus: SeedCorpus, runs: Int, warmUp: Bool, log: (String) -> Void) throws -> [Figure] {
        let program = Harness.archiveExecutable
        let database = try cachedDatabase(corpus: corpus, log: log)
        let arguments = ["report", "expiring", "--database", database, "--as-of", Bench.referenceDay.iso]
        let environment = Harness.cleanEnvironment
        if warmUp { try Harness.run(program, arguments, environment: environment) }
        var samples: [Double] = []
        for _ in 0..<runs { samples.append(try Harness.run(program, arguments, environment: environment)) }
        let sqlOnly = try queryMilliseconds(database)
        let value = Harness.median(samples)
        return try [Figure(key: "report_expiring_ms", value: value, unit: "ms", goal: .atMost(100),
                       note: "median of \(runs); the store's expiry query alone (90-day window, in process): \(Figure.format(sqlOnly)) ms")]
            + ExpiringCSVBenchmark.run(database: database, runs: runs, log: log)
    }

    /// Milliseconds of the store's query behind the report (``ArchiveStore/expiryCandidates(published:)``
    /// over the publication dates of a 90-day window), every row read, in this process.
    static func queryMilliseconds(_ path: String) throws -> Double {
        let store = try ArchiveStore(path: path, access: .readOnly)
        let asOf = Bench.referenceDay
        let years = ExpiringCSVBenchmark.years
        let published = asOf.adding(years: -years).adding(days: -1)
            ... asOf.adding(days: ExpiringCSVBenchmark.window).adding(years: -years).adding(days: 1)
        return try Harness.time { _ = try store.expiryCandidates(published: published).count }
    }

    // MARK: - The cached database

    /// The cache folder: `.build-bench-cache/` in the package, else $TMPDIR.
    static var cacheFolder: String {
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        let folder = package + "/.build-bench-cache"
        if (try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)) != nil,
           access(folder, W_OK) == 0 {
            return folder
        }
        return ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
    }

    /// `cacheFolder/NAME-KEY.db`, KEY naming the current schema's migrations: a cached database is
    /// rebuilt when the schema changes.
    static func cachePath(name: String) throws -> String {
        let probe = cacheFolder + "/schema-probe-\(name)-\(getpid()).db"
        let migrations = try ArchiveStore(path: probe).appliedMigrations()
        for suffix in ["", "-wal", "-shm"] { Harness.remove(probe + suffix) }
        let key = String(SHA256Hex.digest(of: Array(migrations.joined(separator: "\n").utf8)).prefix(12))
        return "\(cacheFolder)/\(name)-\(key).db"
    }

    /// The path of the 1M-report database for the current schema, built if missing.
    static func cachedDatabase(corpus: SeedCorpus, log: (String) -> Void) throws -> String {
        let path = try cachePath(name: "expiring-\(reports)-v\(builderVersion)")
        if FileManager.default.fileExists(atPath: path) {
            log("expiring: using the cached database \(path)")
            return path
        }
        let building = path + ".building"
        for suffix in ["", "-wal", "-shm"] { Harness.remove(building + suffix) }
        let milliseconds = try Harness.time { try build(building, corpus: corpus) }
        guard rename(building, path) == 0 else { throw BenchError.tool("cannot rename \(building) to \(path)") }
        log("expiring: built \(path) (\(reports) reports) in \(Figure.format(milliseconds / 1000)) s")
        return path
    }

    /// Creates the schema through `ArchiveStore`, then inserts every row in one transaction:
    /// reports published over 8 years (so some are expired and ~3% expiring at the reference day),
    /// half of them with a fetch source, 0.1% under a hold, 2% replacing an older report.
    static func build(_ path: String, corpus: SeedCorpus) throws {
        _ = try ArchiveStore(path: path)
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        var rng = SplitMix64(seed: 4)
        let titles = corpus.english.titles + corpus.french.titles
        let end = Bench.referenceDay.daysSinceEpoch
        let span = 8 * 365
        try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = OFF") }
        try queue.write { db in
            let report = try db.makeStatement(sql: """
                INSERT INTO report (id, base_id, country, language, title, published, latest_revision, first_seen, last_seen)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let source = try db.makeStatement(sql: """
                INSERT INTO source (url_key, url, report_id, etag, last_status, last_fetched_at, last_seen_at)
                VALUES (?, ?, ?, ?, 200, ?, ?)
                """)
            let hold = try db.makeStatement(sql: "INSERT INTO hold (report_id, reason, placed_at) VALUES (?, ?, ?)")
            let edge = try db.makeStatement(sql: "INSERT OR IGNORE INTO edge (from_id, kind, to_base_id) VALUES (?, 'replaces', ?)")
            let countries = SyntheticArchive.countries
            for index in 0..<reports {
                let country = countries[index % countries.count].code
                let number = String(200_000 + index / countries.count * 2 + (index % 2))
                let french = rng.chance(30)
                let id = "\(country)\(number).\(french ? "EF" : "E")"
                let published = CalendarDate(daysSinceEpoch: end - rng.below(span))
                let seen = published.adding(days: rng.below(400)).iso + "T12:00:00Z"
                try report.execute(arguments: [id, country + number, country, french ? "fr" : "en",
                                               "\(country): \(rng.pick(titles))", published.iso, rng.within(1...4),
                                               published.iso + "T12:00:00Z", seen])
                if rng.chance(50) {
                    let url = "https://irb.gc.ca/\(french ? "fr" : "en")/country-information/rir/Pages/index.aspx?doc=\(id)"
                    try source.execute(arguments: [url, url, id, "\"\(index)\"", seen, seen])
                }
                if rng.below(1000) == 0 { try hold.execute(arguments: [id, "litigation", seen]) }
                if rng.chance(2) { try edge.execute(arguments: [id, "\(country)\(number.dropLast())0"]) }
            }
        }
        try queue.writeWithoutTransaction { db in _ = try Row.fetchAll(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
    }
}
