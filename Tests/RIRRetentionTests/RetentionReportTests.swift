import Testing
import RIRModel
import RIRRetention
import RIRTestSupport

@Suite struct ExpiringReportTests {
    let policy = RetentionPolicy.standard
    let asOf = day("2023-06-03")

    @Test func listsReportsExpiringWithinWarnDaysSoonestFirst() throws {
        let reports = [
            ArchivedReport(id: rir("MEX201601.E"), title: "last day of window", published: day("2016-09-01")),
            ArchivedReport(id: rir("MEX201603.E"), title: "tomorrow", published: day("2016-06-04")),
            ArchivedReport(id: rir("MEX201604.E"), title: "91 days", published: day("2016-09-02")),
            ArchivedReport(id: rir("MEX201605.E"), title: "expired today", published: day("2016-06-03")),
        ]
        let rows = try policy.expiring(in: reports, asOf: asOf)
        #expect(rows.map(\.id) == [rir("MEX201603.E"), rir("MEX201601.E")])
        #expect(rows.map(\.daysLeft) == [1, 90])
        #expect(rows[1].expires == day("2023-09-01"))
        #expect(rows.allSatisfy { $0.reasons.isEmpty })
    }

    @Test func reportsThatExpireTheSameDayAreOrderedByIDWhateverTheirPublication() throws {
        // Published 28 and 29 February 2016: both leave the window on 28 February 2023.
        let reports = [
            ArchivedReport(id: rir("MEX201609.E"), title: "a", published: day("2016-02-28")),
            ArchivedReport(id: rir("MEX201602.E"), title: "b", published: day("2016-02-29")),
            ArchivedReport(id: rir("MEX201605.E"), title: "c", published: day("2016-02-29")),
        ]
        let rows = try policy.expiring(in: reports, asOf: day("2023-01-01"))
        #expect(rows.map(\.id) == [rir("MEX201602.E"), rir("MEX201605.E"), rir("MEX201609.E")])
        #expect(Set(rows.map(\.expires)) == [day("2023-02-28")])
    }

    @Test func heldReportsAreListedAndMarked() throws {
        let reports = [ArchivedReport(id: rir("MEX201601.E"), title: "x", published: day("2016-09-01"), holds: 1)]
        let rows = try policy.expiring(in: reports, asOf: asOf)
        #expect(rows.map(\.held) == [true])
    }

    @Test func withinOverridesWarnDays() throws {
        let reports = [ArchivedReport(id: rir("MEX201601.E"), title: "x", published: day("2016-09-01"))]
        #expect(try policy.expiring(in: reports, asOf: asOf, withinDays: 89).isEmpty)
        #expect(try policy.expiring(in: reports, asOf: asOf, withinDays: 365).count == 1)
    }

    @Test func negativeWithinIsRejected() {
        #expect(throws: RetentionError.invalidDays(name: "within", value: -1)) {
            try policy.expiring(in: [], asOf: asOf, withinDays: -1)
        }
        #expect(RetentionError.invalidDays(name: "within", value: -1).description
            == "invalid within of -1 days: must be 0 or more")
    }
}

@Suite struct StaleReportTests {
    let policy = RetentionPolicy.standard
    let asOf = day("2024-06-01")

    func report(_ id: String, published: String = "2023-01-01", lastSeen: String? = nil, url: Bool = false,
                gone: Bool = false, replaces: [String] = []) -> ArchivedReport {
        ArchivedReport(id: rir(id), title: "Report \(id)", published: day(published),
                       lastSeenAtSource: lastSeen.map(day), hasURLSource: url, goneFromSource: gone,
                       replaces: replaces)
    }

    @Test func freshReportIsNotStale() {
        #expect(policy.stale(in: [report("MEX201601.E", lastSeen: "2024-05-30", url: true)], asOf: asOf).isEmpty)
    }

    @Test func reportOlderThanThreeYearsIsStaleByAge() throws {
        // 1095 days before 2024-06-01 is 2021-06-02.
        let rows = policy.stale(in: [report("MEX201601.E", published: "2021-06-01"),
                                     report("MEX201602.E", published: "2021-06-02")], asOf: asOf)
        let row = try #require(rows.first)
        #expect(rows.count == 1)
        #expect(row.id == rir("MEX201601.E"))
        #expect(row.reasons == [.age])
        #expect(row.supersededBy.isEmpty)
    }

    @Test func olderThanThresholdIsConfigurable() throws {
        let criteria = try StaleCriteria(olderThanDays: 100)
        let rows = policy.stale(in: [report("MEX201601.E", published: "2024-01-01")], asOf: asOf, criteria: criteria)
        #expect(rows.map(\.reasons) == [[.age]])
    }

    @Test func reportReplacedByAnotherIsSupersededByIt() {
        let rows = policy.stale(in: [report("MEX201601.E"), report("MEX201603.E", replaces: ["MEX201601"])],
                                asOf: asOf)
        #expect(rows.map(\.id) == [rir("MEX201601.E")])
        #expect(rows.first?.reasons == [.superseded])
        #expect(rows.first?.supersededBy == [rir("MEX201603.E")])
    }

    @Test func supersededByPrefersTheReplacingVersionInTheSameLanguage() {
        let archive = [
            report("MEX201601.E"), report("MEX201601.EF"),
            report("MEX201603.E", replaces: ["MEX201601"]), report("MEX201603.EF", replaces: ["MEX201601"]),
        ]
        let rows = policy.stale(in: archive, asOf: asOf)
        #expect(rows.map(\.id) == [rir("MEX201601.E"), rir("MEX201601.EF")])
        #expect(rows.map(\.supersededBy) == [[rir("MEX201603.E")], [rir("MEX201603.EF")]])
    }

    @Test func supersededByFallsBackToOtherLanguageWhenOnlyThatIsArchived() {
        let rows = policy.stale(in: [report("MEX201601.EF"), report("MEX201603.E", replaces: ["MEX201601"])],
                                asOf: asOf)
        #expect(rows.first?.supersededBy == [rir("MEX201603.E")])
    }

    @Test func supersededByListsEveryReplacingRequest() {
        let archive = [report("MEX201601.E"), report("MEX201605.E", replaces: ["MEX201601"]),
                       report("MEX201603.E", replaces: ["MEX201601", "MEX201500"])]
        #expect(policy.stale(in: archive, asOf: asOf).first?.supersededBy == [rir("MEX201603.E"), rir("MEX201605.E")])
    }

    @Test func otherLanguageVersionDoesNotSupersedeItsOwnRequest() {
        #expect(policy.stale(in: [report("MEX201601.E"), report("MEX201601.EF", replaces: ["MEX201601"])],
                             asOf: asOf).isEmpty)
    }

    @Test func urlReportNotSeenForLongerThanThresholdIsUnseen() {
        let rows = policy.stale(in: [report("MEX201601.E", lastSeen: "2024-05-01", url: true),
                                     report("MEX201602.E", lastSeen: "2024-05-02", url: true)], asOf: asOf)
        #expect(rows.map(\.id) == [rir("MEX201601.E")])
        #expect(rows.first?.reasons == [.unseen])
    }

    @Test func unseenThresholdIsConfigurable() throws {
        let criteria = try StaleCriteria(unseenForDays: 7)
        let rows = policy.stale(in: [report("MEX201601.E", lastSeen: "2024-05-20", url: true)], asOf: asOf,
                                criteria: criteria)
        #expect(rows.map(\.reasons) == [[.unseen]])
    }

    @Test func reportGoneFromItsSourceIsUnseenAtOnce() {
        let rows = policy.stale(in: [report("MEX201601.E", lastSeen: "2024-05-31", url: true, gone: true)],
                                asOf: asOf)
        #expect(rows.map(\.reasons) == [[.unseen]])
    }

    @Test func fileOnlyReportIsNeverUnseen() {
        #expect(policy.stale(in: [report("MEX201601.E"), report("MEX201602.E", lastSeen: "2020-01-01")],
                             asOf: asOf).isEmpty)
    }

    @Test func everyApplicableReasonIsGivenInOrder() {
        let archive = [report("MEX201601.E", published: "2016-09-01", lastSeen: "2020-01-01", url: true),
                       report("MEX201603.E", replaces: ["MEX201601"])]
        let rows = policy.stale(in: archive, asOf: asOf)
        #expect(rows.map(\.reasons) == [[.age, .superseded, .unseen]])
        #expect(rows.first?.daysLeft == policy.daysLeft(published: day("2016-09-01"), asOf: asOf))
    }

    @Test func staleRowsAreOldestFirst() {
        let rows = policy.stale(in: [report("MEX201602.E", published: "2019-01-01"),
                                     report("MEX201601.E", published: "2018-01-01")], asOf: asOf)
        #expect(rows.map(\.id) == [rir("MEX201601.E"), rir("MEX201602.E")])
    }

    @Test func negativeThresholdsAreRejected() {
        #expect(throws: RetentionError.invalidDays(name: "older-than", value: -1)) {
            try StaleCriteria(olderThanDays: -1)
        }
        #expect(throws: RetentionError.invalidDays(name: "unseen-for", value: -5)) {
            try StaleCriteria(unseenForDays: -5)
        }
    }

    @Test func archivedReportBecomesTheSubjectASweepPlans() {
        let subject = ArchivedReport(id: rir("MEX201601.EF"), title: "t", published: day("2016-09-01"), holds: 2)
            .retentionSubject
        #expect(subject == RetentionSubject(id: rir("MEX201601.EF"), title: "t", published: day("2016-09-01"), holds: 2))
    }
}
