import Foundation
import RIRArchive
import RIRConfig
import RIRModel
import RIRNotify
import RIRStore
import RIRTestSupport
import Synchronization
import Testing

/// The outbox and the delivery round, in process: a real SQLite archive, a clock the test moves, and a
/// sender that records what it is asked to send (or fails as told).
@Suite struct NotificationUseCaseTests {
    static let webhook = "https://hooks.example.org/rir"
    static let mail = "smtps://mail.example.org:465"

    /// An archive with a webhook and a mail channel, whose clock starts at `start` and moves with `clock`.
    static func archive(_ configure: (inout ArchiveConfig) -> Void = { _ in },
                        clock: MovingClock) throws -> Archive {
        var config = ArchiveConfig()
        config.notify.webhooks = [ArchiveConfig.Webhook(url: webhook)]
        config.notify.email = ArchiveConfig.Email(url: mail, from: "archive@example.org", to: ["team@example.org"])
        configure(&config)
        let test = try TestArchive(config: config)
        return try Archive(config: test.archive.config, store: test.archive.store, clock: clock.clock)
    }

    static var frenchEdited: [UInt8] {
        Array(Variants.edited(Seeds.text(Seeds.mex201601French), replacing: "professeur à la retraite",
                              with: "professeur émérite").utf8)
    }

    @Test func aNewRevisionReachesEachChannelOnceWithItsDiffSummaryInTheReportsLanguage() throws {
        let clock = MovingClock("2026-11-22T12:00:00Z")
        let archive = try Self.archive(clock: clock)
        let sender = RecordingSender()
        _ = try archive.ingest(Seeds.bytes(Seeds.mex201601French), name: Seeds.mex201601French, source: "inbox/a")
        // The first round registers the channels: they hear of what is recorded from then on.
        #expect(try archive.deliverNotifications(via: sender).delivered == 0)

        clock.advance(60)
        let result = try archive.ingest(Self.frenchEdited, name: Seeds.mex201601French, source: "inbox/b")
        #expect(result.outcome == .newRevision)
        // The event is in the outbox as soon as the ingest is committed, before any round.
        let event = try #require(try archive.store.events().last)
        #expect(event.kind == .newRevision && event.payload.revision == 2 && event.payload.language == "fr")
        #expect(event.payload.diffSummary == nil, "the store cannot diff: the layer fills the summary")

        let round = try archive.deliverNotifications(via: sender)
        #expect(round.completed == 1 && round.planned == 2 && round.delivered == 2)
        let sent = sender.sent
        #expect(Set(sent.map(\.channel)) == ["webhook:\(Self.webhook)", "email:\(Self.mail)"])
        let message = try #require(sent.first?.message)
        #expect(message.language == .fr)
        #expect(message.subject.hasPrefix("Révision 2: MEX201601.EF"))
        #expect(message.text.contains("Sections : 1 modifiée"), "\(message.text)")
        #expect(message.text.contains("comparée à la révision 1"))
        #expect(try archive.store.events().last?.payload.diffSummary?.contains("1 modifiée") == true)

        // Delivered is delivered: later rounds send nothing again.
        clock.advance(3600)
        #expect(try archive.deliverNotifications(via: sender).delivered == 0)
        #expect(sender.sent.count == 2)
        #expect(try archive.undeliveredNotifications().isEmpty)
    }

    @Test func aBackFilledHistoricalCaptureIsRecordedButSentToNoOne() throws {
        let clock = MovingClock("2026-11-22T12:00:00Z")
        let archive = try Self.archive(clock: clock)
        let sender = RecordingSender()
        #expect(try archive.deliverNotifications(via: sender).planned == 0, "the first round registers the channels")
        // A copy captured in 2024, ingested today (as a WARC import does): history, not news.
        let old = archive.item(for: Seeds.bytes(Seeds.mex201601), name: Seeds.mex201601, source: "crawl.warc",
                               capturedAt: "2024-01-10T00:00:00Z")
        #expect(try archive.store([old]).first?.outcome == .newDocument)
        clock.advance(60)
        #expect(try archive.store.events().last?.kind == .newReport)
        #expect(try archive.deliverNotifications(via: sender).planned == 0)
        // A capture made today is news.
        _ = try archive.ingest(Seeds.bytes(Seeds.mex201603), name: Seeds.mex201603, source: "inbox/a")
        #expect(try archive.deliverNotifications(via: sender).delivered == 2)
        #expect(sender.sent.allSatisfy { $0.message.subject.contains("MEX201603.E") })
    }

    @Test func aChannelHearsOnlyTheEventsItAsksForAndLinksGoToTheWebPages() throws {
        let clock = MovingClock("2026-11-22T12:00:00Z")
        let archive = try Self.archive({ config in
            config.notify.webhooks[0].events = [.newReport]
            config.notify.email.events = [.rejected]
            config.notify.baseURL = "https://archive.example.org/"
        }, clock: clock)
        let sender = RecordingSender()
        #expect(try archive.deliverNotifications(via: sender).planned == 0, "the first round registers the channels")
        _ = try archive.ingest(Seeds.bytes(Seeds.mex201601), name: Seeds.mex201601, source: "inbox/a")
        _ = try archive.ingest([], name: "empty.txt", source: "inbox/empty.txt")
        #expect(try archive.deliverNotifications(via: sender).delivered == 2)
        let byChannel = Dictionary(uniqueKeysWithValues: sender.sent.map { ($0.channel, $0.message) })
        let report = try #require(byChannel["webhook:\(Self.webhook)"])
        #expect(report.event.kind == .newReport && report.language == .en)
        #expect(report.link == "https://archive.example.org/reports/MEX201601.E")
        let rejected = try #require(byChannel["email:\(Self.mail)"])
        #expect(rejected.event.kind == .rejected)
        #expect(rejected.text.contains("Reason: cannot parse empty.txt: it is empty"), "\(rejected.text)")
    }

    @Test func aFailingChannelIsRetriedWithBackoffThenFailsForGoodAfterMaxAttempts() throws {
        let clock = MovingClock("2026-11-22T12:00:00Z")
        let archive = try Self.archive({ config in
            config.notify.email = ArchiveConfig.Email()
            config.notify.maxAttempts = 3
            config.notify.retryDelay = .seconds(60)
        }, clock: clock)
        let sender = RecordingSender(failing: true)
        #expect(try archive.deliverNotifications(via: sender, jitter: { 1 }).planned == 0, "the first round registers the channels")
        _ = try archive.ingest(Seeds.bytes(Seeds.mex201601), name: Seeds.mex201601, source: "inbox/a")

        var round = try archive.deliverNotifications(via: sender, jitter: { 1 })
        #expect(round.retrying == 1 && round.errors == ["cannot deliver to webhook:\(Self.webhook): it answered HTTP 500"])
        var pending = try #require(try archive.undeliveredNotifications().first)
        #expect(pending.attempts == 1 && pending.nextAttemptAt == "2026-11-22T12:01:00Z" && pending.failedAt == nil)

        clock.advance(30)  // not due yet
        #expect(try archive.deliverNotifications(via: sender, jitter: { 1 }).isEmpty)
        clock.advance(30)
        round = try archive.deliverNotifications(via: sender, jitter: { 1 })
        #expect(round.retrying == 1)
        pending = try #require(try archive.undeliveredNotifications().first)
        #expect(pending.attempts == 2 && pending.nextAttemptAt == "2026-11-22T12:03:00Z", "doubled: 120 s")

        clock.advance(120)
        round = try archive.deliverNotifications(via: sender, jitter: { 1 })
        #expect(round.failed == 1 && round.retrying == 0)
        let failed = try #require(try archive.undeliveredNotifications().first)
        #expect(failed.attempts == 3 && failed.failedAt == "2026-11-22T12:03:00Z")
        #expect(failed.lastError?.contains("HTTP 500") == true)
        clock.advance(86_400)
        #expect(try archive.deliverNotifications(via: sender, jitter: { 1 }).isEmpty, "given up is given up")
        #expect(sender.sent.count == 3)
    }

    @Test func theRetryDelayDoublesIsJitteredAndCapped() {
        #expect(Archive.retryDelay(afterAttempt: 1, first: .seconds(60), jitter: 1) == 60)
        #expect(Archive.retryDelay(afterAttempt: 1, first: .seconds(60), jitter: 0) == 30)
        #expect(Archive.retryDelay(afterAttempt: 4, first: .seconds(60), jitter: 1) == 480)
        #expect(Archive.retryDelay(afterAttempt: 30, first: .seconds(60), jitter: 1) == Archive.longestRetryDelay)
        #expect(Archive.retryDelay(afterAttempt: 1, first: ConfigDuration(milliseconds: 100), jitter: 0) == 1)
    }

    @Test func aGonePageIsOneEventAndAChannelAddedLaterHearsOnlyOfLaterEvents() throws {
        let clock = MovingClock("2026-11-22T12:00:00Z")
        let archive = try Self.archive({ $0.notify = ArchiveConfig.Notify() }, clock: clock)
        _ = try archive.ingest(Seeds.bytes(Seeds.mex201601), name: Seeds.mex201601, source: "https://irb.example/a")
        try archive.store.recordFetch(key: "k", url: "https://irb.example/a",
                                      .fetched(status: 200, reportID: "MEX201601.E", etag: nil, lastModified: nil),
                                      at: clock.clock.timestamp())
        for _ in 0..<2 {
            clock.advance(60)
            try archive.store.recordFetch(key: "k", url: "https://irb.example/a", .gone(status: 410),
                                          at: clock.clock.timestamp())
        }
        let gone = try archive.store.events().filter { $0.kind == .gone }
        #expect(gone.count == 1, "a page that stays gone is told once")
        #expect(gone.first?.payload.reason == "HTTP 410" && gone.first?.payload.title != nil)

        // Events recorded with no channel configured are kept, but a channel configured later starts afresh.
        let sender = RecordingSender()
        var config = archive.config
        config.notify.webhooks = [ArchiveConfig.Webhook(url: Self.webhook)]
        let later = try archive.configured(config)
        #expect(try later.deliverNotifications(via: sender).planned == 0)
        clock.advance(60)
        _ = try later.ingest(Seeds.bytes(Seeds.mex201603), name: Seeds.mex201603, source: "inbox/b")
        #expect(try later.deliverNotifications(via: sender).delivered == 1)
        #expect(sender.sent.map(\.message.event.reportID) == ["MEX201603.E"])
    }

    @Test func aSweepRecordsItsResultWithItsLastPurgeAndTheExpiringDigestTellsEachReportOnce() throws {
        let clock = MovingClock("2030-06-20T06:00:00Z")
        let archive = try Self.archive({ config in
            config.notify = ArchiveConfig.Notify()
            config.retention.maxPurgeFraction = 1
        }, clock: clock)
        try archive.ingest(files: [Seeds.path(Seeds.mex201601), Seeds.path(Seeds.mex201603)],
                           asOf: day("2026-11-22")) { _ in }
        // Both seeds (published 2023) expire in 2030: within the 90-day window on 2030-06-20.
        let digest = try #require(try archive.recordExpiringDigest())
        let event = try #require(try archive.store.events().first { $0.id == digest })
        #expect(event.payload.expiring?.map(\.id).sorted() == ["MEX201601.E", "MEX201603.E"])
        #expect(try archive.recordExpiringDigest() == nil, "one digest a day")
        clock.advance(86_400)
        #expect(try archive.recordExpiringDigest() == nil, "every report was told already")

        let outcome = try archive.sweep(asOf: day("2030-12-31"), dryRun: false, force: false)
        #expect(outcome.purged)
        let sweeps = try archive.store.events().filter { $0.kind == .sweep }
        #expect(sweeps.map(\.payload.summary) == [outcome.summary])
        let message = NotificationMessage(try #require(sweeps.first))
        #expect(message.subject == "Retention sweep: \(outcome.summary)")
    }

    @Test func anUnreadableSecretFileIsARecordedFailureNamingTheFile() throws {
        let clock = MovingClock("2026-11-22T12:00:00Z")
        let archive = try Self.archive({ config in
            config.notify.email = ArchiveConfig.Email()
            config.notify.webhooks[0].secretFile = "/nonexistent/rir-webhook.key"
        }, clock: clock)
        let sender = RecordingSender()
        #expect(try archive.deliverNotifications(via: sender).planned == 0, "the first round registers the channels")
        _ = try archive.ingest(Seeds.bytes(Seeds.mex201601), name: Seeds.mex201601, source: "inbox/a")
        let round = try archive.deliverNotifications(via: sender)
        #expect(round.retrying == 1 && sender.sent.isEmpty)
        #expect(round.errors.first?.contains("/nonexistent/rir-webhook.key") == true, "\(round.errors)")
    }
}

// MARK: - Test doubles

/// A clock the test moves by hand.
final class MovingClock: Sendable {
    private let seconds: Mutex<Int>

    init(_ start: String) {
        seconds = Mutex(Timestamp.secondsSinceEpoch(iso: start) ?? 0)
    }

    var clock: ArchiveClock { ArchiveClock { self.seconds.withLock { $0 } } }

    func advance(_ by: Int) { seconds.withLock { $0 += by } }
}

/// Records each message and the channel it was for; answers like a receiver returning HTTP 500 when failing.
final class RecordingSender: NotificationSending {
    private let log = Mutex<[(channel: String, message: NotificationMessage)]>([])
    private let failing: Bool

    init(failing: Bool = false) { self.failing = failing }

    var sent: [(channel: String, message: NotificationMessage)] { log.withLock { $0 } }

    func send(_ message: NotificationMessage, to channel: NotificationChannel, uniqueID: String,
              secondsSinceEpoch: Int) throws(NotifyError) {
        log.withLock { $0.append((channel.name, message)) }
        if failing { throw .rejectedByReceiver(channel: channel.name, status: 500) }
    }
}
