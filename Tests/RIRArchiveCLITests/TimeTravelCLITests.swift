import Foundation
import Testing

/// `ingest --captured-at`, `show --at`, `diff --at`, `search`, `blame` and `trace`, run as a user would.
@Suite struct TimeTravelCLITests {
    let folder: URL
    let database: String

    init() throws {
        folder = try CLI.temporaryFolder()
        database = folder.appendingPathComponent("archive.db").path
        let seed = try String(contentsOfFile: CLI.seed("MEX201603.E.txt"), encoding: .utf8)
        try seed.replacingOccurrences(of: "Milenio Group", with: "Millennium Group")
            .write(to: folder.appendingPathComponent("edited.txt"), atomically: true, encoding: .utf8)
        // Captured 2024-01-10, then the edit on 2025-06-01, then the original back-filled at 2024-06-01.
        for (file, day) in [(CLI.seed("MEX201603.E.txt"), "2024-01-10"), (folder.appendingPathComponent("edited.txt").path, "2025-06-01"),
                            (CLI.seed("MEX201603.E.txt"), "2024-06-01")] {
            let result = try CLI.run(["ingest", file, "--captured-at", day, "--database", database, "--as-of", "2026-11-22"])
            #expect(result.status == 0, "\(result.stderr)")
        }
    }

    func json(_ arguments: [String]) throws -> Any {
        let result = try CLI.run(arguments + ["--database", database, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        return try JSONSerialization.jsonObject(with: result.stdout)
    }

    @Test func showAtADayGivesTheRevisionInForceWithTheCapturesAround() throws {
        let between = try #require(try json(["show", "MEX201603.E", "--at", "2025-01-01"]) as? [String: Any])
        #expect(between["revision"] as? Int == 1)
        #expect((between["capture_before"] as? [String: Any])?["captured_at"] as? String == "2024-06-01T00:00:00Z")
        #expect((between["capture_after"] as? [String: Any])?["captured_at"] as? String == "2025-06-01T00:00:00Z")
        let after = try #require(try json(["show", "MEX201603.E", "--at", "2025-06-01T00:00:00Z"]) as? [String: Any])
        #expect(after["revision"] as? Int == 2)
        #expect(after["capture_after"] is NSNull)
    }

    @Test func aMomentBeforeTheFirstCaptureIsAnErrorNamingItsDate() throws {
        let result = try CLI.run(["show", "MEX201603.E", "--at", "2023-12-31", "--database", database])
        #expect(result.status == 66)
        #expect(result.stderr.contains("its first capture is from 2024-01-10T00:00:00Z"))
        #expect(!result.stderr.contains("Usage:"))
    }

    @Test func historyListsCapturesInTimelineOrder() throws {
        let history = try #require(try json(["history", "MEX201603.E"]) as? [[String: Any]])
        #expect(history.map { $0["revision"] as? Int } == [1, 2])
        let first = try #require(history.first?["captures"] as? [[String: Any]])
        #expect(first.map { $0["captured_at"] as? String } == ["2024-01-10T00:00:00Z", "2024-06-01T00:00:00Z"])
    }

    @Test func diffAtTwoMomentsShowsTheEdit() throws {
        let result = try CLI.run(["diff", "MEX201603.E", "--at", "2024-12-31", "--at", "2025-07-01", "--database", database])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.text.contains("[-Milenio-]{+Millennium+}"))
    }

    @Test func searchNamesTheRevisionsThatHoldAPhraseAndABadQueryIsAClearError() throws {
        let hits = try #require(try json(["search", "\"Milenio Group\""]) as? [[String: Any]])
        #expect(hits.map { $0["revisions"] as? [Int] } == [[1]])
        #expect(hits.first?["section_number"] as? String == "1")
        let bad = try CLI.run(["search", "\"unclosed", "--database", database])
        #expect(bad.status == 66)
        #expect(bad.stderr.contains("cannot search for '\"unclosed': unbalanced quotes"))
    }

    @Test func blameAndTraceNameTheRevisionAndTheDate() throws {
        let blame = try #require(try json(["blame", "MEX201603.E", "--section", "1"]) as? [[String: Any]])
        #expect(blame.first?["since_revision"] as? Int == 2)
        #expect(blame.first?["since"] as? String == "2025-06-01T00:00:00Z")
        #expect(blame.dropFirst().allSatisfy { $0["since_revision"] as? Int == 1 })
        let trace = try #require(try json(["trace", "Milenio Group"]) as? [[String: Any]])
        #expect(trace.first?["disappeared_in"] as? Int == 2)
        #expect(trace.first?["first_seen"] as? String == "2024-01-10T00:00:00Z")
    }
}
