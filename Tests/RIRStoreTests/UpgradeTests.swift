import Foundation
import Testing
import RIRModel
import RIRParser
@testable import RIRStore
import RIRTestSupport

/// An archive written before search and the timeline index opens with nothing lost.
@Suite struct UpgradeTests {
    @Test func aVersionOneArchiveIsMigratedAndItsTextsBecomeSearchable() throws {
        let path = try DatabaseFileTests.temporaryPath()
        var before: [[RevisionSummary]] = []
        var reports: [Report] = []
        do {
            let store = try ArchiveStore(path: path)
            for name in Seeds.all {
                let bytes = Seeds.bytes(name)
                let parsed = try CaptureParser.parse(bytes, name: name)
                _ = try store.ingest(CaptureInput(bytes: bytes, source: name, capturedAt: "2026-11-22T10:00:00Z",
                                                  format: parsed.format.rawValue, encoding: parsed.encoding,
                                                  report: parsed.report), rules: Fixture.rules)
            }
            var edited = Fixture.report("MEX201605.E")
            _ = try store.ingest(Fixture.capture(edited, at: "2026-11-23T10:00:00Z"), rules: Fixture.rules)
            edited.title = "Mexico: a title only the second revision has"
            _ = try store.ingest(Fixture.capture(edited, at: "2026-11-24T10:00:00Z"), rules: Fixture.rules)
            for id in ["MEX201601.E", "MEX201603.E", "MEX201601.EF", "MEX201605.E"] {
                before.append(try store.history(of: id))
                reports.append(try store.report(id).report)
            }
            // Back to the schema of migration v1 alone, as an archive of the previous version has it.
            try store.rebuildForTesting(sql: Fixture.backToVersionSeven + Fixture.backToVersionSix)
            try store.tamperForTesting(sql: """
                DROP TABLE search_index; DROP VIEW search_source; DROP TABLE title; DROP INDEX capture_timeline;
                ALTER TABLE capture DROP COLUMN http_status_line; ALTER TABLE capture DROP COLUMN http_headers;
                DROP TABLE inbox_claim;
                DROP TABLE delivery; DROP TABLE notify_channel; DROP TABLE event;
                DELETE FROM grdb_migrations WHERE identifier NOT LIKE 'v1:%';
                """)
            #expect(try store.appliedMigrations().count == 1)
        }

        // A process that must never write (the web server) refuses the old archive and leaves it as it is.
        let bytesBefore = FileManager.default.contents(atPath: path)
        #expect(throws: StoreError.self) { try ArchiveStore(path: path, access: .readOnlyAsIs) }
        #expect(FileManager.default.contents(atPath: path) == bytesBefore)

        let reopened = try ArchiveStore(path: path)
        #expect(try reopened.appliedMigrations() == MigrationTests.shipped)
        for (index, id) in ["MEX201601.E", "MEX201603.E", "MEX201601.EF", "MEX201605.E"].enumerated() {
            #expect(try reopened.history(of: id) == before[index])
            #expect(try reopened.report(id).report == reports[index])
        }
        #expect(try reopened.verify().problems == [])
        #expect(Set(try reopened.search("\"new generation cartel\"").map(\.id)) == ["MEX201601.E", "MEX201603.E"])
        #expect(try reopened.search("apercu").map(\.id) == ["MEX201601.EF"])
        let title = try reopened.search("\"only the second revision\"")
        #expect(title.map(\.part) == [.title])
        #expect(title.map(\.revisions) == [[2]])
    }
}

/// The queries blame and trace are wired to.
@Suite struct ProvenanceQueryTests {
    @Test func traceTimelinesAreTheCandidatesAndTheReportsReplacingThem() throws {
        let store = try ArchiveStore()
        var old = Fixture.report("MEX201601.E")
        old.sections[0].text = "The Zeta Cartel network.\n\nSecond paragraph."
        var later = old
        later.sections[0].text = "The network, renamed.\n\nSecond paragraph."
        let successor = Fixture.report("MEX201603.E", replaces: ["MEX201601"])
        _ = try store.ingest(Fixture.capture(later, at: "2026-03-01T10:00:00Z"), rules: Fixture.rules)
        _ = try store.ingest(Fixture.capture(old, at: "2026-01-01T10:00:00Z"), rules: Fixture.rules)
        _ = try store.ingest(Fixture.capture(successor), rules: Fixture.rules)
        _ = try store.ingest(Fixture.capture(Fixture.report("MEX201605.E")), rules: Fixture.rules)

        let timelines = try store.traceTimelines(of: "zeta  cartel")
        #expect(timelines.map(\.id.description) == ["MEX201601.E", "MEX201603.E"])
        let first = try #require(timelines.first)
        #expect(first.replacedBy.map(\.description) == ["MEX201603.E"])
        #expect(first.revisions.map(\.revision) == [2, 1])
        #expect(first.revisions.map(\.report) == [old, later])
        #expect(first.revisions.map(\.firstSeen) == ["2026-01-01T10:00:00Z", "2026-03-01T10:00:00Z"])
        #expect(try store.traceTimelines(of: "…").isEmpty)
        #expect(try store.timedRevisions(of: "MEX201601.E") == first)
    }
}
