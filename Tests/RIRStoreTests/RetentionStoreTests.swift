import Foundation
import Testing
import RIRModel
@testable import RIRStore

@Suite struct RetentionStoreTests {
    /// The expiring report's query is answered from v8's index alone, in its order: no table
    /// visit per report and no sort (what made the report slow on a large archive).
    @Test func theExpiringQueryReadsOnlyItsIndex() throws {
        let store = try ArchiveStore()
        let plan = try store.queryPlanForTesting(ArchiveStore.expiryCandidatesSQL, arguments: ["2019-01-01", "2019-12-31"])
        #expect(plan.contains { $0.contains("USING COVERING INDEX report_expiry") }, "\(plan)")
        #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
    }

    static let at = "2026-11-22T09:00:00Z"

    @Test func purgeKeepsASectionStillUsedByASurvivingRevision() throws {
        let store = try ArchiveStore()
        let shared = Section(number: "1", level: 1, heading: "Overview", text: "Shared overview text.")
        let a = Fixture.report("MEX201601.E", sections: [shared, Fixture.defaultSections[1]])
        let b = Fixture.report("MEX201603.E", sections: [shared, Fixture.defaultSections[3]])
        _ = try store.ingest(Fixture.capture(a), rules: Fixture.rules)
        _ = try store.ingest(Fixture.capture(b), rules: Fixture.rules)
        let stone = try store.purge("MEX201601.E", reason: "expired on 2030-09-01", at: Self.at)
        #expect(stone.revisions == 1)
        #expect(stone.contentHashes == [a.contentHash])
        #expect(try store.report("MEX201603.E").report == b)
        let check = try store.verify()
        #expect(check.problems == [])
        #expect(check.blobs == 1)
        #expect(check.reports == 1)
    }

    @Test func purgedReportSaysWhenAndWhy() throws {
        let store = try ArchiveStore()
        _ = try store.ingest(Fixture.capture(Fixture.report()), rules: Fixture.rules)
        _ = try store.purge("MEX201601.E", reason: "expired on 2030-09-01", at: Self.at)
        do {
            _ = try store.history(of: "MEX201601.E")
            Issue.record("history of a purged report should fail")
        } catch {
            #expect(error.description == "MEX201601.E was purged on \(Self.at): expired on 2030-09-01")
        }
        #expect(try store.tombstone(of: "MEX201601.E")?.title == Fixture.report().title)
    }

    @Test func purgeRemovesEveryRevisionAndAllDictionaryCompressedBytes() throws {
        let store = try ArchiveStore()
        let body = String(repeating: "Body text of the capture. ", count: 300)
        var report = Fixture.report()
        for n in 1...3 {
            report.title = "Title \(n)"
            _ = try store.ingest(Fixture.capture(report, bytes: body + "\(n)"), rules: Fixture.rules)
        }
        _ = try store.purge("MEX201601.E", reason: "test", at: Self.at)
        let check = try store.verify()
        #expect(check.problems == [])
        #expect(check.blobs == 0)
        #expect(check.contents == 0)
        #expect(check.captures == 0)
    }

    @Test func holdsBlockPurgeUntilTheLastIsReleased() throws {
        let store = try ArchiveStore()
        let first = try store.placeHold(on: "MEX201601.E", reason: "litigation A", at: Self.at)
        _ = try store.ingest(Fixture.capture(Fixture.report()), rules: Fixture.rules)
        let second = try store.placeHold(on: "MEX201601.E", reason: "litigation B", at: Self.at)
        #expect(try store.retentionRecords().first?.holds == 2)
        #expect(throws: StoreError.self) { try store.purge("MEX201601.E", reason: "test", at: Self.at) }
        _ = try store.releaseHolds(on: "MEX201601.E", holdID: first, at: Self.at)
        #expect(try store.retentionRecords().first?.holds == 1)
        #expect(throws: StoreError.self) { try store.purge("MEX201601.E", reason: "test", at: Self.at) }
        _ = try store.releaseHolds(on: "MEX201601.E", holdID: second, at: Self.at)
        _ = try store.purge("MEX201601.E", reason: "test", at: Self.at)
        let events = try store.audit().map(\.event)
        #expect(events == ["hold", "ingest", "hold", "release", "release", "purge"])
    }

    @Test func expiryCandidatesAreTheReportsPublishedInTheRangeInPublicationThenIDOrder() throws {
        let store = try ArchiveStore()
        for (id, published) in [("MEX201603.E", "2020-02-29"), ("MEX201601.E", "2020-03-01"),
                                ("MEX201602.E", "2020-02-29"), ("MEX201604.E", "2020-02-28"),
                                ("MEX201605.E", "2020-03-02")] {
            _ = try store.ingest(Fixture.capture(Fixture.report(id, published: published, title: "Title of \(id)")),
                                 rules: Fixture.rules)
        }
        _ = try store.placeHold(on: "MEX201602.E", reason: "litigation", at: Self.at)
        let listed = try store.expiryCandidates(published: CalendarDate(iso: "2020-02-28")!...CalendarDate(iso: "2020-03-01")!)
        #expect(listed.map(\.id.description) == ["MEX201604.E", "MEX201602.E", "MEX201603.E", "MEX201601.E"])
        #expect(listed.map(\.holds) == [0, 1, 0, 0])
        #expect(listed.first?.title == "Title of MEX201604.E")
        #expect(listed.first?.published == CalendarDate(iso: "2020-02-28"))
    }

    @Test func heldExpiredReportCanStillBeIngested() throws {
        let store = try ArchiveStore()
        _ = try store.placeHold(on: "MEX105000.E", reason: "tribunal file 123", at: Self.at)
        let old = Fixture.report("MEX105000.E", published: "2015-01-10")
        #expect(try store.ingest(Fixture.capture(old), rules: Fixture.rules).outcome == .newDocument)
    }

    @Test func releasingAnUnknownHoldFailsClearly() throws {
        let store = try ArchiveStore()
        do {
            _ = try store.releaseHolds(on: "MEX201601.E", holdID: 42, at: Self.at)
            Issue.record("releasing hold 42 should fail")
        } catch {
            #expect(error.description.hasPrefix("MEX201601.E has no unreleased hold 42"))
        }
    }

    @Test func auditTrailIsAppendOnly() throws {
        let store = try ArchiveStore()
        _ = try store.ingest(Fixture.capture(Fixture.report()), rules: Fixture.rules)
        #expect(throws: StoreError.self) { try store.tamperForTesting(sql: "DELETE FROM audit") }
        #expect(throws: StoreError.self) { try store.tamperForTesting(sql: "UPDATE audit SET event = 'x'") }
        #expect(try store.audit().count == 1)
    }
}
