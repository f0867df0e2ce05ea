import Testing
import RIRModel
import RIRStore

/// Captures dated in the past (back-fill) take their place on the report's timeline.
@Suite struct TimelineTests {
    static let id = "MEX201601.E"
    static let a = Fixture.report()
    static let b: Report = { var b = a; b.title = "Mexico: a second title"; return b }()
    static let c: Report = { var c = a; c.sections[1].text = "Tracking text, edited."; return c }()

    static func t(_ day: Int) -> String { "2026-0\(day)-01T10:00:00Z" }

    /// The timeline as stretches: each revision's content and its capture times, numbers left out.
    static func stretches(_ store: ArchiveStore) throws -> [[String]] {
        try store.timeline(of: id).map { [$0.contentHash] + $0.captures.map(\.capturedAt) }
    }

    @discardableResult
    static func ingest(_ store: ArchiveStore, _ report: Report, at: String) throws -> IngestResult {
        try store.ingest(Fixture.capture(report, bytes: "\(report.title) at \(at)", at: at), rules: Fixture.rules)
    }

    @Test func anyOrderOfTheSameDatedCapturesGivesTheSameTimeline() throws {
        let captures: [(Report, String)] = [(Self.a, Self.t(1)), (Self.a, Self.t(2)), (Self.b, Self.t(3)),
                                            (Self.b, Self.t(4)), (Self.c, Self.t(5)), (Self.a, Self.t(6))]
        let orders: [[Int]] = [[0, 1, 2, 3, 4, 5], [5, 4, 3, 2, 1, 0], [2, 0, 5, 1, 4, 3],
                               [0, 5, 2, 4, 1, 3], [4, 1, 3, 0, 5, 2]]
        var timelines: [[[String]]] = []
        for order in orders {
            let store = try ArchiveStore()
            for index in order { try Self.ingest(store, captures[index].0, at: captures[index].1) }
            timelines.append(try Self.stretches(store))
            #expect(try store.verify().problems == [])
            #expect(try store.report(Self.id).report == Self.a)
            let record = try #require(try store.retentionRecord(of: Self.id))
            #expect(record.title == Self.a.title)
            #expect(record.lastSeen == Self.t(6))
        }
        let expected = [[Self.a.contentHash, Self.t(1), Self.t(2)], [Self.b.contentHash, Self.t(3), Self.t(4)],
                        [Self.c.contentHash, Self.t(5)], [Self.a.contentHash, Self.t(6)]]
        for timeline in timelines { #expect(timeline == expected) }
    }

    @Test func anOlderCaptureAfterANewerOneIsPlacedBeforeItAndTheLatestStays() throws {
        let store = try ArchiveStore()
        try Self.ingest(store, Self.a, at: Self.t(5))
        let old = try Self.ingest(store, Self.b, at: Self.t(2))
        #expect(old == IngestResult(id: Self.id, outcome: .newRevision, revision: 2, reason: nil))
        #expect(try store.timeline(of: Self.id).map(\.revision) == [2, 1])
        #expect(try store.latestRevision(of: Self.id) == 1)
        #expect(try store.report(Self.id).report == Self.a)
        let history = try store.history(of: Self.id)
        #expect(history.map(\.firstSeen) == [Self.t(5), Self.t(2)])
        #expect(try store.retentionRecord(of: Self.id)?.title == Self.a.title)
        #expect(try store.verify().problems == [])
    }

    @Test func aCaptureBetweenTwoRevisionsThatDiffersFromBothIsANewRevisionPlacedBetween() throws {
        let store = try ArchiveStore()
        try Self.ingest(store, Self.a, at: Self.t(1))
        try Self.ingest(store, Self.b, at: Self.t(5))
        let between = try Self.ingest(store, Self.c, at: Self.t(3))
        #expect(between.outcome == .newRevision)
        #expect(between.revision == 3)
        #expect(try store.timeline(of: Self.id).map(\.revision) == [1, 3, 2])
        #expect(try store.latestRevision(of: Self.id) == 2)
        #expect(try store.revision(of: Self.id, at: "2026-04-01T00:00:00Z").revision == 3)
    }

    @Test func aCaptureEqualToTheNextRevisionMovesItsFirstSeenEarlier() throws {
        let store = try ArchiveStore()
        try Self.ingest(store, Self.a, at: Self.t(1))
        try Self.ingest(store, Self.b, at: Self.t(5))
        let next = try Self.ingest(store, Self.b, at: Self.t(3))
        #expect(next == IngestResult(id: Self.id, outcome: .unchanged, revision: 2, reason: nil))
        let inForce = try Self.ingest(store, Self.a, at: Self.t(2))
        #expect(inForce.revision == 1)
        let timeline = try store.timeline(of: Self.id)
        #expect(timeline.map(\.revision) == [1, 2])
        #expect(timeline.map(\.firstSeen) == [Self.t(1), Self.t(3)])
        #expect(timeline.map(\.lastSeen) == [Self.t(2), Self.t(5)])
        #expect(try store.verify().problems == [])
    }

    @Test func aDifferentCaptureInsideOneRevisionsStretchSplitsItSoTheHistoryShowsTheReturn() throws {
        let store = try ArchiveStore()
        try Self.ingest(store, Self.a, at: Self.t(1))
        try Self.ingest(store, Self.a, at: Self.t(5))
        #expect(try Self.ingest(store, Self.b, at: Self.t(3)).revision == 2)
        let timeline = try store.timeline(of: Self.id)
        #expect(timeline.map(\.revision) == [1, 2, 3])
        #expect(timeline.map(\.contentHash) == [Self.a.contentHash, Self.b.contentHash, Self.a.contentHash])
        #expect(try store.latestRevision(of: Self.id) == 3)
        #expect(try store.verify().problems == [])
    }

    @Test func aPresentTimeStreamNumbersAndOrdersRevisionsAsItAlwaysDid() throws {
        let store = try ArchiveStore()
        let results = try [(Self.a, 1), (Self.a, 2), (Self.b, 3), (Self.a, 4)].map {
            try Self.ingest(store, $0.0, at: Self.t($0.1))
        }
        #expect(results.map(\.outcome) == [.newDocument, .unchanged, .newRevision, .newRevision])
        #expect(results.map(\.revision) == [1, 1, 2, 3])
        #expect(try store.timeline(of: Self.id).map(\.revision) == [1, 2, 3])
        #expect(try store.history(of: Self.id).map(\.lastSeen) == [Self.t(2), Self.t(3), Self.t(4)])
    }

    @Test func aBackFilledCaptureIsJudgedCompleteAgainstTheRevisionInForceOrTheFirst() throws {
        let store = try ArchiveStore()
        try Self.ingest(store, Self.a, at: Self.t(5))
        var truncated = Self.b
        truncated.closing = nil
        let result = try Self.ingest(store, truncated, at: Self.t(2))
        #expect(result.outcome == .rejected)
        #expect(result.reason?.hasPrefix("incomplete:") == true)
    }

    @Test func edgesFollowTheLatestRevisionNotTheLastIngested() throws {
        let store = try ArchiveStore()
        try Self.ingest(store, Self.a, at: Self.t(5))
        var older = Self.a
        older.replaces = ["MEX106000"]
        try Self.ingest(store, older, at: Self.t(2))
        #expect(try store.retentionRecord(of: Self.id)?.replaces == [])
        try Self.ingest(store, older, at: Self.t(7))
        #expect(try store.retentionRecord(of: Self.id)?.replaces == ["MEX106000"])
    }

    @Test func theRevisionInForceComesWithTheCapturesAroundTheMoment() throws {
        let store = try ArchiveStore()
        try Self.ingest(store, Self.a, at: Self.t(2))
        try Self.ingest(store, Self.b, at: Self.t(4))
        let atFour = try store.revision(of: Self.id, at: Self.t(4))
        #expect(atFour.revision == 2)
        #expect(atFour.captureBefore.capturedAt == Self.t(4))
        #expect(atFour.captureAfter == nil)
        let between = try store.revision(of: Self.id, at: Timestamp.moment("2026-03-15")!)
        #expect(between.revision == 1)
        #expect(between.captureBefore.capturedAt == Self.t(2))
        #expect(between.captureAfter?.capturedAt == Self.t(4))
        do {
            _ = try store.revision(of: Self.id, at: "2026-01-31T23:59:59Z")
            Issue.record("a moment before the first capture has no revision in force")
        } catch {
            #expect(error.description == "MEX201601.E has no revision in force at 2026-01-31T23:59:59Z: its first capture is from \(Self.t(2))")
        }
    }

    @Test func captureTimesMustBeISOTimestamps() throws {
        let store = try ArchiveStore()
        #expect(throws: StoreError.self) { try Self.ingest(store, Self.a, at: "2026-11-01 10:00") }
        #expect(throws: StoreError.self) { try store.revision(of: Self.id, at: "yesterday") }
        #expect(Timestamp.moment("2026-02-28") == "2026-02-28T23:59:59Z")
        #expect(Timestamp.moment("2026-02-30") == nil)
        #expect(Timestamp.isValid("2026-11-01T24:00:00Z") == false)
    }
}
