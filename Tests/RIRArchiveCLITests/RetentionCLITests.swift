import Foundation
import Testing

/// An archive of ten reports published across 2016–2024 (built from a seed), one of them held.
struct RetentionArchive {
    static let published = [
        ("MEX201610", "10 May 2016"), ("MEX201702", "15 February 2017"), ("MEX201807", "1 July 2018"),
        ("MEX201909", "30 September 2019"), ("MEX202001", "15 January 2020"), ("MEX202106", "1 June 2021"),
        ("MEX202203", "3 March 2022"), ("MEX202308", "31 August 2023"), ("MEX202402", "29 February 2024"),
        ("MEX202405", "1 May 2024"),
    ]

    let folder: URL
    let database: String

    init() throws {
        folder = try CLI.temporaryFolder()
        database = folder.appendingPathComponent("archive.db").path
        let inputs = folder.appendingPathComponent("inputs")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        let seed = try String(contentsOfFile: CLI.seed("MEX201601.E.txt"), encoding: .utf8)
        for (base, date) in Self.published {
            var text = seed.replacingOccurrences(of: "MEX201601.E", with: "\(base).E")
                .replacingOccurrences(of: "1 September 2023", with: date)
            if base == "MEX202405" {
                text = text.replacingOccurrences(
                    of: "Research Directorate, Immigration and Refugee Board of Canada\n",
                    with: "Research Directorate, Immigration and Refugee Board of Canada\n\nThis Response replaces Response to Information Request MEX201909.E of September 2019.\n")
            }
            try text.write(to: inputs.appendingPathComponent("\(base).E.txt"), atomically: true, encoding: .utf8)
        }
        try run(["retention", "hold", "MEX201610.E", "--reason", "tribunal file TB-1"])
        let ingest = try run(["ingest", inputs.path, "--as-of", "2020-01-01"])
        #expect(ingest.status == 0, "\(ingest.text)\(ingest.stderr)")
    }

    @discardableResult
    func run(_ arguments: [String]) throws -> CLI.Result {
        try CLI.run(arguments + ["--database", database])
    }

    func json(_ arguments: [String]) throws -> Any {
        let result = try run(arguments + ["--format", "json"])
        return try JSONSerialization.jsonObject(with: result.stdout)
    }
}

@Suite struct RetentionCLITests {
    let archive: RetentionArchive
    init() throws { archive = try RetentionArchive() }

    @Test func expiringListsTheReportWithinTheWarningWindow() throws {
        let rows = try #require(try archive.json(["report", "expiring", "--as-of", "2026-11-22"]) as? [[String: Any]])
        #expect(rows.map { $0["id"] as? String } == ["MEX202001.E"])
        #expect(rows.first?["expires"] as? String == "2027-01-15")
        #expect(rows.first?["days_left"] as? Int == 54)
        #expect(rows.first?["held"] as? Bool == false)
        let csv = try archive.run(["report", "expiring", "--as-of", "2026-11-22", "--within", "600", "--format", "csv"])
        #expect(csv.text.hasPrefix("id,title,language,published,expires,days_left,held,reasons,superseded_by\r\n"))
        #expect(csv.lines.count == 3)
    }

    @Test func dryRunPlansWithoutChangingTheDatabaseFile() throws {
        let before = FileManager.default.contents(atPath: archive.database)
        let plan = try #require(try archive.json(["retention", "sweep", "--dry-run", "--force",
                                                   "--as-of", "2026-11-22"]) as? [String: Any])
        #expect(plan["purge"] as? [String] == ["MEX201702.E", "MEX201807.E", "MEX201909.E"])
        #expect(plan["held"] as? [String] == ["MEX201610.E"])
        #expect(plan["refused"] as? Bool == false)
        #expect(FileManager.default.contents(atPath: archive.database) == before)
        // A read-only open may leave an empty write-ahead log, never a written one.
        #expect((FileManager.default.contents(atPath: archive.database + "-wal")?.count ?? 0) == 0)
    }

    @Test func theValveRefusesAMassPurgeAndForceOverridesIt() throws {
        let refused = try archive.run(["retention", "sweep", "--as-of", "2026-11-22"])
        #expect(refused.status == 75)
        #expect(refused.text.contains("would purge 3 of 10 reports"))
        #expect(refused.text.contains("--force"))
        #expect(try archive.run(["list"]).lines.count == 11)

        let forced = try #require(try archive.json(["retention", "sweep", "--force", "--as-of", "2026-11-22"])
                                    as? [String: Any])
        #expect(forced["purge"] as? [String] == ["MEX201702.E", "MEX201807.E", "MEX201909.E"])
        let list = try #require(try archive.json(["list"]) as? [[String: Any]])
        #expect(list.count == 7)
        #expect(list.first { $0["id"] as? String == "MEX201610.E" }?["status"] as? String == "held")

        let show = try archive.run(["show", "MEX201807.E"])
        #expect(show.status != 0)
        #expect(show.stderr.contains("MEX201807.E was purged on"))
        #expect(show.stderr.contains("expired on 2025-07-01"))
        #expect(try archive.run(["verify"]).status == 0)

        let audit = try #require(try archive.json(["audit"]) as? [[String: Any]])
        let purges = audit.filter { $0["event"] as? String == "purge" }
        #expect(purges.compactMap { $0["id"] as? String } == ["MEX201702.E", "MEX201807.E", "MEX201909.E"])
        #expect(audit.first?["event"] as? String == "hold")
    }

    @Test func aSweepExportsEachReportAndChecksTheExportBeforePurging() throws {
        let exportDir = archive.folder.appendingPathComponent("export")
        let config = archive.folder.appendingPathComponent("rir-archive.yaml")
        try "retention:\n  export_dir: \"\(exportDir.path)\"\n".write(to: config, atomically: true, encoding: .utf8)
        let result = try archive.run(["retention", "sweep", "--force", "--as-of", "2026-11-22", "--format", "json",
                                      "--config", config.path])
        #expect(result.status == 0, "\(result.stderr)")
        let plan = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        let exported = try #require(plan["exported"] as? [String])
        #expect(exported.contains(exportDir.appendingPathComponent("MEX201807.E/report.json").path))
        #expect(exported.count == 9, "one report.json, one .warc.gz and one capture for each of the 3 purged reports")
        #expect(exported.contains(exportDir.appendingPathComponent("MEX201807.E/MEX201807.E.warc.gz").path))
        for path in exported where path.contains("/captures/") {
            let bytes = try #require(FileManager.default.contents(atPath: path))
            #expect(bytes.count > 20_000)
        }
        let json = try #require(FileManager.default.contents(atPath: exported[0]))
        #expect(String(decoding: json, as: UTF8.self).contains("\"content_hash\""))
    }

    @Test func staleListsTheSupersededReportWithTheReportThatReplacesIt() throws {
        let rows = try #require(try archive.json(["report", "stale", "--as-of", "2026-11-22"]) as? [[String: Any]])
        let superseded = try #require(rows.first { $0["id"] as? String == "MEX201909.E" })
        #expect(superseded["superseded_by"] as? [String] == ["MEX202405.E"])
        #expect((superseded["reasons"] as? [String])?.contains("superseded") == true)
        #expect((superseded["reasons"] as? [String])?.contains("age") == true)
        #expect(!rows.contains { $0["id"] as? String == "MEX202405.E" })
    }

    @Test func holdsAndReleasesAreAuditedAndStatusShowsThem() throws {
        try archive.run(["retention", "hold", "MEX201610.E", "--reason", "second request"])
        let status = try #require(try archive.json(["retention", "status", "MEX201610.E", "--as-of", "2026-11-22"])
                                    as? [String: Any])
        #expect(status["holds"] as? Int == 2)
        #expect(status["status"] as? String == "expired")
        #expect(status["purgeable"] as? Bool == false)
        #expect(try archive.run(["retention", "release", "MEX201610.E", "--hold", "1"]).status == 0)
        #expect(try archive.run(["retention", "release", "MEX201610.E", "--hold", "1"]).status != 0)
        let events = try #require(try archive.json(["audit"]) as? [[String: Any]]).compactMap { $0["event"] as? String }
        #expect(events.filter { $0 == "hold" }.count == 2)
        #expect(events.filter { $0 == "release" }.count == 1)
    }

    @Test func aCaptureOfAnExpiredReportIsRejectedUnlessHeld() throws {
        let file = archive.folder.appendingPathComponent("inputs/MEX201702.E.txt").path
        let result = try archive.run(["ingest", file, "--as-of", "2026-11-22", "--format", "json"])
        #expect(result.status == 65)
        #expect(result.text.contains("\"outcome\":\"rejected\""))
        #expect(result.text.contains("expired: MEX201702.E"))
        let held = archive.folder.appendingPathComponent("inputs/MEX201610.E.txt").path
        #expect(try archive.run(["ingest", held, "--as-of", "2026-11-22"]).status == 0)
    }
}
