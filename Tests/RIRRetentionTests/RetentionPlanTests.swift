import Testing
import RIRModel
import RIRRetention
import RIRTestSupport

@Suite struct RetentionPlanTests {
    let policy = RetentionPolicy.standard
    let asOf = day("2024-06-01")

    /// `expired` reports published in 2016 (expired by 2024) among `total`, the rest from 2022.
    func archive(expired: Int, total: Int) -> [RetentionSubject] {
        subjects(expired, published: "2016-03-01")
            + subjects(total - expired, published: "2022-03-01", country: "HTI")
    }

    @Test func expiredUnheldReportsArePurgedInIDOrder() {
        let reports = [
            RetentionSubject(id: rir("MEX201603.E"), title: "B", published: day("2016-08-31")),
            RetentionSubject(id: rir("COL201601.E"), title: "A", published: day("2016-09-01")),
        ] + subjects(18, published: "2022-01-01", country: "HTI")
        let plan = policy.plan(for: reports, asOf: asOf, force: false)
        #expect(plan.purge == [rir("COL201601.E"), rir("MEX201603.E")])
        #expect(plan.candidates == plan.purge)
        #expect(plan.totalReports == 20)
        #expect(!plan.refused)
        #expect(plan.reason == nil)
    }

    @Test func reportExpiringExactlyOnAsOfIsPurgedAndTheDayBeforeItIsNot() {
        let reports = [
            RetentionSubject(id: rir("MEX201601.E"), title: "today", published: day("2017-06-01")),
            RetentionSubject(id: rir("MEX201602.E"), title: "tomorrow", published: day("2017-06-02")),
        ] + subjects(18, published: "2022-01-01", country: "HTI")
        let plan = policy.plan(for: reports, asOf: asOf, force: false)
        #expect(plan.purge == [rir("MEX201601.E")])
    }

    @Test func heldExpiredReportIsHeldNotPurged() {
        let reports = [
            RetentionSubject(id: rir("MEX201601.E"), title: "kept", published: day("2016-01-01"), holds: 1),
            RetentionSubject(id: rir("MEX201602.E"), title: "gone", published: day("2016-01-01")),
        ] + subjects(18, published: "2022-01-01", country: "HTI")
        let plan = policy.plan(for: reports, asOf: asOf, force: false)
        #expect(plan.held == [rir("MEX201601.E")])
        #expect(plan.purge == [rir("MEX201602.E")])
        #expect(plan.entries.map(\.id) == [rir("MEX201601.E"), rir("MEX201602.E")])
    }

    @Test func heldReportThatHasNotExpiredIsNeitherHeldNorPurged() {
        let reports = [RetentionSubject(id: rir("MEX201601.E"), title: "x", published: day("2022-01-01"), holds: 3)]
        let plan = policy.plan(for: reports, asOf: asOf, force: false)
        #expect(plan.held.isEmpty)
        #expect(plan.purge.isEmpty)
    }

    @Test func valveRefusesAboveTheFractionWithTheNumbersAndTheOverride() {
        let plan = policy.plan(for: archive(expired: 12, total: 40), asOf: asOf, force: false)
        #expect(plan.refused)
        #expect(plan.purge.isEmpty)
        #expect(plan.candidates.count == 12)
        #expect(plan.fraction == 0.3)
        #expect(plan.reason == "would purge 12 of 40 reports (30.0%), above retention.max_purge_fraction 0.10; "
            + "check the clock and --as-of, then re-run with --force")
    }

    @Test func valveAllowsExactlyTheFraction() {
        let plan = policy.plan(for: archive(expired: 4, total: 40), asOf: asOf, force: false)
        #expect(!plan.refused)
        #expect(plan.purge.count == 4)
        #expect(plan.fraction == 0.1)
    }

    @Test func valveRefusesOneReportAboveTheFraction() {
        let plan = policy.plan(for: archive(expired: 5, total: 40), asOf: asOf, force: false)
        #expect(plan.refused)
        #expect(plan.reason?.hasPrefix("would purge 5 of 40 reports (12.5%)") == true)
    }

    @Test func forceOverridesTheValve() {
        let plan = policy.plan(for: archive(expired: 40, total: 40), asOf: asOf, force: true)
        #expect(!plan.refused)
        #expect(plan.reason == nil)
        #expect(plan.purge.count == 40)
        #expect(plan.fraction == 1)
        #expect(plan.forced)
    }

    @Test func heldReportsDoNotCountTowardsTheValve() {
        let reports = subjects(10, published: "2016-01-01", holds: 1)
            + subjects(30, published: "2022-01-01", country: "HTI")
        let plan = policy.plan(for: reports, asOf: asOf, force: false)
        #expect(!plan.refused)
        #expect(plan.held.count == 10)
        #expect(plan.purge.isEmpty)
    }

    @Test func emptyArchiveHasNothingToPurgeAndIsNotRefused() {
        let plan = policy.plan(for: [], asOf: asOf, force: false)
        #expect(plan.purge.isEmpty)
        #expect(plan.totalReports == 0)
        #expect(plan.fraction == 0)
        #expect(!plan.refused)
    }

    @Test func reportListedTwiceCountsOnceAndAHoldWins() {
        let id = rir("MEX201601.E")
        let reports = [
            RetentionSubject(id: id, title: "x", published: day("2016-01-01"), holds: 0),
            RetentionSubject(id: id, title: "x", published: day("2016-01-01"), holds: 1),
        ]
        let plan = policy.plan(for: reports, asOf: asOf, force: true)
        #expect(plan.totalReports == 1)
        #expect(plan.purge.isEmpty)
        #expect(plan.held == [id])
    }

    @Test func policySettingIsPrintedAsWritten() throws {
        let strict = try RetentionPolicy(maxPurgeFraction: 0.125)
        let plan = strict.plan(for: archive(expired: 1, total: 3), asOf: asOf, force: false)
        #expect(plan.reason?.hasPrefix("would purge 1 of 3 reports (33.3%), above retention.max_purge_fraction 0.125;")
            == true)
    }
}
