import Foundation
import RIRModel

/// `report_expiring_process_ratio_vs_sqlite3`: the whole `rir-archive report expiring --format csv`
/// process on the expiring group's 1,000,000-report database, against the `sqlite3 -csv` shell
/// printing the same rows (same columns, same 90-day window, same order) from the same file.
/// Both outputs are read back as CSV and compared field by field once before the timed runs (the
/// shell quotes more fields and ends lines with LF, the program with CRLF as RFC 4180 says).
enum ExpiringCSVBenchmark {
    static let window = 90
    static let years = 7

    static func run(database: String, runs: Int, log: (String) -> Void) throws -> [Figure] {
        guard let sqlite3 = Harness.which("sqlite3") else {
            throw BenchError.tool("sqlite3 is not on PATH (apt-get install sqlite3)")
        }
        let program = Harness.archiveExecutable
        let asOf = Bench.referenceDay
        let ours = ["report", "expiring", "--database", database, "--format", "csv",
                    "--as-of", asOf.iso, "--within", String(window)]
        let theirs = ["-readonly", "-csv", "-header", database, query(asOf: asOf)]
        let environment = Harness.cleanEnvironment

        let folder = try Harness.temporaryFolder("expiring-csv")
        defer { Harness.removeFolder(folder) }
        let (oursOutput, theirsOutput) = (folder + "/rir-archive.csv", folder + "/sqlite3.csv")
        try Harness.run(program, ours, environment: environment, output: oursOutput)
        try Harness.run(sqlite3, theirs, environment: environment, output: theirsOutput)
        let (mine, baseline) = (records(oursOutput), records(theirsOutput))
        let rows = mine.count - 1
        guard mine == baseline, rows > 0 else {
            let first = mine.indices.first { $0 < baseline.count && mine[$0] != baseline[$0] }.map { "first difference at record \($0)" } ?? "lengths differ"
            throw BenchError.check("report expiring --format csv (\(mine.count) records) and sqlite3 -csv (\(baseline.count)) "
                                   + "printed different rows, \(first); compare \(oursOutput) and \(theirsOutput) (run with --keep)")
        }
        log("expiring (csv): \(rows) rows, the same fields from both; \(runs) runs each")

        var oursSamples: [Double] = []
        var theirsSamples: [Double] = []
        for _ in 0..<runs {
            oursSamples.append(try Harness.run(program, ours, environment: environment))
            theirsSamples.append(try Harness.run(sqlite3, theirs, environment: environment))
        }
        let (oursMs, theirsMs) = (Harness.median(oursSamples), Harness.median(theirsSamples))
        return [Figure(key: "report_expiring_process_ratio_vs_sqlite3", value: oursMs / theirsMs, unit: "×",
                       goal: .atMost(2),
                       note: "report expiring --format csv \(Figure.format(oursMs)) ms vs sqlite3 -csv "
                           + "\(Figure.format(theirsMs)) ms (\(rows) rows, medians of \(runs))")]
    }

    /// The expiring report in SQL: reports whose expiry (publication + 7 calendar years, 29 February
    /// becoming 28 February) is 1 to `window` days after `asOf`, soonest first, then by ID; the
    /// language from the ID's suffix, `held` for an unreleased hold, empty stale-only columns.
    static func query(asOf: CalendarDate) -> String {
        // The same pre-filter on publication dates as the program's, so both can use an index.
        let earliest = asOf.adding(years: -years).adding(days: -1).iso
        let latest = asOf.adding(days: window).adding(years: -years).adding(days: 1).iso
        return """
            WITH c AS (
                SELECT r.id, r.title, r.published,
                       CASE WHEN substr(r.published, 6, 5) = '02-29'
                                 AND substr(date(r.published, '+\(years) years'), 6, 5) = '03-01'
                            THEN date(r.published, '+\(years) years', '-1 day')
                            ELSE date(r.published, '+\(years) years') END AS expires
                FROM report r WHERE r.published BETWEEN '\(earliest)' AND '\(latest)')
            SELECT id, title,
                   CASE WHEN id LIKE '%.E' OR id LIKE '%.FE' THEN 'en' ELSE 'fr' END AS language,
                   published, expires,
                   CAST(julianday(expires) - julianday('\(asOf.iso)') AS INTEGER) AS days_left,
                   CASE WHEN EXISTS (SELECT 1 FROM hold h WHERE h.report_id = c.id AND h.released_at IS NULL)
                        THEN 'true' ELSE 'false' END AS held,
                   '' AS reasons, '' AS superseded_by
            FROM c WHERE days_left BETWEEN 1 AND \(window) ORDER BY expires, id;
            """
    }

    /// The records of a CSV file, each a list of fields; quoted fields may hold commas, doubled
    /// quotes and line breaks. Hand-written: twenty lines for a one-off check do not justify a
    /// CSV package in the benchmark's dependencies.
    static func records(_ path: String) -> [[String]] {
        let bytes = [UInt8](FileManager.default.contents(atPath: path) ?? Data())
        var records: [[String]] = []
        var record: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var index = 0
        func endField() { record.append(String(decoding: field, as: UTF8.self)); field = [] }
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if quoted {
                if byte == UInt8(ascii: "\""), index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
                    field.append(byte)
                    index += 1
                } else if byte == UInt8(ascii: "\"") {
                    quoted = false
                } else {
                    field.append(byte)
                }
            } else if byte == UInt8(ascii: "\"") {
                quoted = true
            } else if byte == UInt8(ascii: ",") {
                endField()
            } else if byte == UInt8(ascii: "\n") {
                endField()
                records.append(record)
                record = []
            } else if byte != UInt8(ascii: "\r") {
                field.append(byte)
            }
        }
        if !field.isEmpty || !record.isEmpty { endField(); records.append(record) }
        return records
    }
}
