import Foundation
import GRDB
import Testing
import RIRModel
import RIRParser
@testable import RIRStore
import RIRTestSupport

/// v7 lays captures out smaller (binary addresses, shared sources); an archive of v6 upgrades with
/// every capture's bytes, every revision's text, history, search, holds, outbox and claims unchanged.
@Suite struct CompactionUpgradeTests {
    /// Everything a reader of the archive can see, to compare before and after the upgrade.
    struct Snapshot: Equatable {
        var histories: [[RevisionSummary]] = []
        var timelines: [[TimelineRevision]] = []
        var texts: [Report] = []
        var captures: [StoredCapture] = []
        var bytes: [[UInt8]] = []
        var searches: [[SearchHit]] = []
        var holds: [Hold] = []
        var events: [NotificationEvent] = []
        var deliveries: [Delivery] = []
        var claims: [IngestResult?] = []
        var audit: [AuditEntry] = []
        var urlLookup: String?

        init(_ store: ArchiveStore, ids: [String]) throws {
            for id in ids {
                histories.append(try store.history(of: id))
                timelines.append(try store.timeline(of: id))
                for number in 1...(try store.latestRevision(of: id)) {
                    texts.append(try store.report(id, revision: number).report)
                }
            }
            captures = try store.storedCaptures(of: [])
            bytes = try captures.map { try store.captureBytes(sha256: $0.sha256) }
            for query in ["\"new generation cartel\"", "apercu", "tracking", "\"a title only the second\""] {
                searches.append(try store.search(query))
            }
            holds = try store.holds(of: "MEX201601.E")
            events = try store.events()
            deliveries = try store.undeliveredDeliveries() + (try events.flatMap { try store.deliveries(ofEvent: $0.id) })
            claims = [try store.recordedClaim("inbox-key-1"), try store.recordedClaim("inbox-key-2")]
            audit = try store.audit()
            urlLookup = try store.reportID(capturedFrom: CompactionUpgradeTests.url)
        }
    }

    static let url = "https://irb.gc.ca/en/country-information/rir/Pages/index.aspx?doc=458940"
    static let ids = ["MEX201601.E", "MEX201603.E", "MEX201601.EF", "MEX201605.E"]

    /// Seeds from the inbox, a page fetched three days running (with its HTTP head) and once from
    /// elsewhere, a second and third revision, a hold, a delivered and a planned delivery, two claims.
    static func fill(_ store: ArchiveStore) throws {
        // The channel is configured before anything happens, so it hears of every event.
        _ = try store.planDeliveries(for: [ChannelSubscription(name: "hook", kinds: nil)], at: "2026-11-21T12:00:00Z")
        for name in Seeds.all {
            let bytes = Seeds.bytes(name)
            let parsed = try CaptureParser.parse(bytes, name: name)
            _ = try store.ingest(CaptureInput(bytes: bytes, source: "inbox/" + name, capturedAt: "2026-11-22T10:00:00Z",
                                              format: parsed.format.rawValue, encoding: parsed.encoding,
                                              report: parsed.report), rules: Fixture.rules)
        }
        var edited = Fixture.report("MEX201605.E")
        for day in 23...25 {
            var capture = Fixture.capture(edited, bytes: "page of day \(day)", source: url, at: "2026-11-\(day)T10:00:00Z")
            capture.httpStatusLine = "HTTP/1.1 200 OK"
            capture.httpHeaders = "Content-Type: text/html\r\nETag: \"\(day)\""
            _ = try store.ingest(capture, rules: Fixture.rules)
        }
        edited.sections[1].text = "Tracking text, revised."
        _ = try store.ingest(Fixture.capture(edited, bytes: "revised", source: url, at: "2026-11-26T10:00:00Z"),
                             rules: Fixture.rules)
        edited.title = "Mexico: a title only the second revision has"
        _ = try store.ingest(Fixture.capture(edited, bytes: "elsewhere", source: "mirror", at: "2026-11-27T10:00:00Z"),
                             rules: Fixture.rules)
        let seed = Fixture.report("MEX201605.E")
        _ = try store.ingest(.capture(Fixture.capture(seed, bytes: "claimed", source: "inbox/a.txt", at: "2026-11-28T10:00:00Z")),
                             rules: Fixture.rules, claim: InboxClaim(key: "inbox-key-1", name: "a.txt"),
                             at: "2026-11-28T10:00:01Z")
        _ = try store.ingest(.rejection(source: "inbox/b.txt", id: nil, reason: "not an RIR", at: "2026-11-28T10:00:02Z"),
                             rules: Fixture.rules, claim: InboxClaim(key: "inbox-key-2", name: "b.txt"),
                             at: "2026-11-28T10:00:03Z")
        _ = try store.placeHold(on: "MEX201601.E", reason: "litigation", at: "2026-11-28T11:00:00Z")
        _ = try store.planDeliveries(for: [ChannelSubscription(name: "hook", kinds: nil)], at: "2026-11-28T12:00:00Z")
        if let first = try store.dueDeliveries(channels: ["hook"], at: "2026-11-28T12:00:00Z").first {
            try store.recordDelivered(first.id, at: "2026-11-28T12:00:01Z")
        }
    }

    @Test func aVersionSixArchiveUpgradesWithEveryCaptureAndTextUnchanged() throws {
        let path = try DatabaseFileTests.temporaryPath()
        let before: Snapshot
        do {
            let store = try ArchiveStore(path: path)
            try Self.fill(store)
            // What the readers see, taken before the tables are rebuilt as v6 had them.
            before = try Snapshot(store, ids: Self.ids)
            #expect(try store.verify().problems == [])
            try store.rebuildForTesting(sql: Fixture.backToVersionSeven + Fixture.backToVersionSix)
            #expect(try store.appliedMigrations() == Array(MigrationTests.shipped.prefix(6)))
            #expect(try store.read { db in
                try String.fetchOne(db, sql: "SELECT typeof(sha256) FROM blob LIMIT 1")
            } == "text")
            #expect(try store.read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM capture WHERE source = ?", arguments: [Self.url])
            } == 4)
        }
        #expect(before.captures.count >= 9)
        #expect(before.deliveries.contains { $0.deliveredAt != nil })
        #expect(before.claims.allSatisfy { $0 != nil })

        let upgraded = try ArchiveStore(path: path)
        #expect(try upgraded.appliedMigrations() == MigrationTests.shipped)
        #expect(try Snapshot(upgraded, ids: Self.ids) == before)
        #expect(try upgraded.verify().problems == [])
        // The repeated URL is stored once; the paths seen once stay in their rows.
        #expect(try upgraded.read { db in try String.fetchAll(db, sql: "SELECT text FROM capture_source") } == [Self.url])
        #expect(try upgraded.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM capture WHERE source IS NULL")
        } == 4)
        #expect(try upgraded.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM blob WHERE length(sha256) = 32")
        } == before.captures.count)

        // The upgraded archive goes on as before: a further capture of the page is found by its address.
        let next = try upgraded.ingest(Fixture.capture(Fixture.report("MEX201605.E"), bytes: "claimed",
                                                       source: Self.url, at: "2026-11-29T10:00:00Z"),
                                       rules: Fixture.rules)
        #expect(next.outcome == .unchanged)
        #expect(try upgraded.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM blob") } == before.captures.count)
        #expect(try upgraded.verify().problems == [])
    }

    @Test func dailyRecapturesShareTheirSourceAndDoNotLengthenTheDictionaryChain() throws {
        let store = try ArchiveStore()
        let report = Fixture.report()
        for day in 10...29 {
            _ = try store.ingest(Fixture.capture(report, bytes: "chrome \(day) around the same report text",
                                                 source: Self.url, at: "2026-11-\(day)T10:00:00Z"),
                                 rules: Fixture.rules)
        }
        let depths = try store.read { db in try Int.fetchAll(db, sql: "SELECT depth FROM blob ORDER BY id") }
        #expect(depths == [0] + Array(repeating: 1, count: 19))
        #expect(try store.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM capture WHERE source_id IS NOT NULL")
        } == 19)
        #expect(try store.history(of: report.id.description).flatMap(\.captures).map(\.source)
                == Array(repeating: Self.url, count: 20))
        #expect(try store.reportID(capturedFrom: Self.url) == report.id.description)
        for capture in try store.storedCaptures(of: []) {
            #expect(SHA256Hex.digest(of: try store.captureBytes(sha256: capture.sha256)) == capture.sha256)
            #expect(SHA256Hex.digest(of: try store.captureBytes(sha256: capture.sha256.uppercased())) == capture.sha256)
        }
        #expect(throws: StoreError.self) { try store.captureBytes(sha256: "not an address") }
        #expect(try store.verify().problems == [])
    }
}
