import Foundation
import Testing
import RIRArchive
import RIRConfig
@testable import RIRStore
import RIRTestSupport

@Suite struct SweepUseCaseTests {
    /// Two seeds (published 2023) in an archive whose clock reads `now`.
    static func archive(at now: String, exportDir: String? = nil, maxFraction: Double = 1.0) throws -> TestArchive {
        var config = ArchiveConfig()
        config.retention.maxPurgeFraction = maxFraction
        config.retention.exportDir = exportDir
        let test = try TestArchive(config: config, at: now)
        try test.archive.ingest(files: [Seeds.path(Seeds.mex201601), Seeds.path(Seeds.mex201603)],
                                asOf: day("2026-11-22")) { _ in }
        return test
    }

    @Test func aSweepExportsThenPurgesExpiredReportsAndKeepsTombstones() throws {
        let exportDir = try TemporaryFolder.make(prefix: "export")
        let test = try Self.archive(at: "2030-09-02T00:00:00Z", exportDir: exportDir)
        let outcome = try test.archive.sweep(asOf: day("2030-09-02"), dryRun: false, force: false)
        #expect(outcome.purged)
        #expect(outcome.plan.purge.map(\.description).sorted() == ["MEX201601.E", "MEX201603.E"])
        #expect(outcome.summary == "sweep as of 2030-09-02: purged 2 of 2 reports, 0 held")
        #expect(outcome.exported.contains(exportDir + "/MEX201601.E/report.json"))
        let json = try #require(FileManager.default.contents(atPath: exportDir + "/MEX201601.E/report.json"))
        #expect(String(decoding: json, as: UTF8.self).contains("\"content_hash\""))
        #expect(try test.archive.list(asOf: day("2030-09-02")).isEmpty)
        #expect(throws: ArchiveError.self) { try test.archive.history(of: "MEX201601.E") }
        // Purged means unsearchable: neither the index nor the file's bytes keep a purged word.
        #expect(try test.archive.search("Milenio", filters: SearchFilters()).isEmpty)
        let bytes = try #require(FileManager.default.contents(atPath: test.path))
            + (FileManager.default.contents(atPath: test.path + "-wal") ?? Data())
        #expect(bytes.range(of: Data("Milenio".utf8)) == nil)
    }

    @Test func aDryRunAndARefusedSweepLeaveTheArchiveAsItWas() throws {
        let test = try Self.archive(at: "2030-09-02T00:00:00Z", maxFraction: 0.1)
        let dry = try test.archive.sweep(asOf: day("2030-09-02"), dryRun: true, force: true)
        #expect(!dry.purged && dry.plan.purge.count == 2)
        let refused = try test.archive.sweep(asOf: day("2030-09-02"), dryRun: false, force: false)
        #expect(!refused.purged && refused.plan.refused)
        #expect(refused.summary.hasPrefix("sweep refused: "))
        #expect(try test.archive.list(asOf: day("2030-09-02")).count == 2)
    }

    @Test func aSweepOnABrokenDatabaseIsAnArchiveFailureThatStopsAService() throws {
        let test = try Self.archive(at: "2030-09-02T00:00:00Z")
        try test.archive.store.tamperForTesting(sql: "DROP TABLE hold")
        do {
            _ = try test.archive.sweep(asOf: day("2030-09-02"), dryRun: false, force: false)
            Issue.record("the sweep did not fail")
        } catch {
            #expect(error.scope == .archive)
            #expect(error.stopsService)
            #expect(error.description.contains(test.path))
        }
    }

    @Test func anUnknownReportIsTheRequestsFailureNotTheArchives() throws {
        let test = try Self.archive(at: "2026-11-22T12:00:00Z")
        do {
            _ = try test.archive.history(of: "HTI201700.E")
            Issue.record("an unknown report was found")
        } catch {
            #expect(error.scope == .request)
            #expect(!error.stopsService)
        }
        do {
            _ = try test.archive.diff(revisionsOf: "MEX201601.E")
            Issue.record("a report with one revision was diffed")
        } catch {
            #expect(error.scope == .request)
            #expect(error.description.contains("only one revision"))
        }
    }

    @Test func holdsWaitForAReportThatIsNotArchivedYet() throws {
        let test = try Self.archive(at: "2026-11-22T12:00:00Z")
        let (_, archived) = try test.archive.placeHold(on: rir("HTI201700.E"), reason: "case 123")
        #expect(!archived)
        guard case .awaited(let holds) = try test.archive.retentionStatus(of: "HTI201700.E", asOf: day("2026-11-22"))
        else { Issue.record("the hold does not wait for the report"); return }
        #expect(holds.map(\.reason) == ["case 123"])
        let released = try test.archive.releaseHolds(on: "HTI201700.E", hold: nil)
        #expect(released.released.count == 1 && released.remaining == 0)
    }

    @Test func changesListOnlyRevisionsRecordedInTheWindow() throws {
        let test = try Self.archive(at: "2026-11-22T12:00:00Z")
        #expect(try test.archive.changes(since: day("2026-11-22"), until: day("2026-11-22")).count == 2)
        #expect(try test.archive.changes(since: day("2026-11-01"), until: day("2026-11-21")).isEmpty)
        #expect(try test.archive.changes(since: day("2026-11-23"), until: day("2026-12-01")).isEmpty)
    }
}
