import RIRConfig
import RIRModel
import RIRNotify
import RIRStore

/// What one delivery round did.
public struct DeliveryRound: Sendable, Hashable {
    /// New-revision events whose diff summary was filled in.
    public var completed = 0
    /// Deliveries added for newly recorded events.
    public var planned = 0
    /// Deliveries sent.
    public var delivered = 0
    /// Deliveries that failed and will be tried again.
    public var retrying = 0
    /// Deliveries given up for good this round (after `notify.max_attempts`).
    public var failed = 0
    /// The error of each failed attempt, `channel: cause`.
    public var errors: [String] = []

    /// `2 delivered, 1 retrying, 0 failed`.
    public var summary: String { "\(delivered) delivered, \(retrying) retrying, \(failed) failed" }
    /// Whether the round did or tried anything.
    public var isEmpty: Bool { completed + planned + delivered + retrying + failed == 0 }
}

/// One configured channel, as a delivery round resolves it.
public struct ConfiguredChannel: Sendable, Hashable {
    /// `webhook:URL` or `email:URL`.
    public var name: String
    /// The kinds it hears of (nil: all).
    public var kinds: Set<NotificationKind>?
    /// The channel ready to send, or why it cannot be used (an unreadable secret or credentials file).
    public var target: Result<NotificationChannel, NotifyError>
}

/// What `notify test` did for one channel.
public struct ChannelTest: Sendable, Hashable {
    /// The channel's name.
    public var channel: String
    /// Why sending failed; nil when it was sent.
    public var error: String?
}

extension Archive {
    /// The longest delay between two attempts of one delivery.
    public static let longestRetryDelay = 6 * 3600

    // MARK: - The delivery loop's round

    /// One round of the delivery loop: completes the payloads the store could not (the diff summary of
    /// each new revision), adds deliveries for the channels configured now, then sends those due,
    /// oldest event first, recording each attempt. A failed attempt is retried after
    /// ``retryDelay(afterAttempt:first:jitter:)``; after `notify.max_attempts` attempts it is recorded as
    /// failed for good. Throws only when the archive fails; a channel's failure is a recorded attempt.
    public func deliverNotifications(via sender: any NotificationSending = CurlNotifier(),
                                     jitter: @Sendable () -> Double = { Double.random(in: 0...1) },
                                     limit: Int = 50) throws(ArchiveError) -> DeliveryRound {
        var round = DeliveryRound()
        round.completed = try completeNotificationPayloads()
        let channels = configuredChannels()
        guard !channels.isEmpty else { return round }
        let subscriptions = channels.map { ChannelSubscription(name: $0.name, kinds: $0.kinds) }
        round.planned = try stored { () throws(StoreError) in
            try store.planDeliveries(for: subscriptions, at: clock.timestamp())
        }
        let due = try stored { () throws(StoreError) in
            try store.dueDeliveries(channels: channels.map(\.name), at: clock.timestamp(), limit: limit)
        }
        let byName = Dictionary(channels.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let maxAttempts = config.notify.maxAttempts
        for delivery in due {
            guard let channel = byName[delivery.channel] else { continue }
            let message = NotificationMessage(delivery.event, baseURL: config.notify.baseURL ?? config.web.baseURL)
            let uniqueID = "rir-archive-event-\(delivery.event.id)-delivery-\(delivery.id)"
            let sent = Result { () throws(NotifyError) in
                try sender.send(message, to: try channel.target.get(), uniqueID: uniqueID,
                                secondsSinceEpoch: clock.secondsSinceEpoch())
            }
            switch sent {
            case .success:
                try stored { () throws(StoreError) in try store.recordDelivered(delivery.id, at: clock.timestamp()) }
                round.delivered += 1
            case .failure(let error):
                let attempt = delivery.attempts + 1
                let now = clock.secondsSinceEpoch()
                let retryAt = attempt >= maxAttempts ? nil : Timestamp.iso(
                    secondsSinceEpoch: now + Self.retryDelay(afterAttempt: attempt, first: config.notify.retryDelay,
                                                             jitter: jitter()))
                try stored { () throws(StoreError) in
                    try store.recordDeliveryFailure(delivery.id, error: error.description,
                                                    at: Timestamp.iso(secondsSinceEpoch: now), retryAt: retryAt)
                }
                if retryAt == nil { round.failed += 1 } else { round.retrying += 1 }
                round.errors.append(error.description)
            }
        }
        return round
    }

    /// Registers the configured channels not seen before, so that they hear of every event recorded
    /// from now on (the daemon calls it before it watches the inbox); returns the deliveries added.
    @discardableResult
    public func registerNotificationChannels() throws(ArchiveError) -> Int {
        let subscriptions = configuredChannels().map { ChannelSubscription(name: $0.name, kinds: $0.kinds) }
        guard !subscriptions.isEmpty else { return 0 }
        return try stored { () throws(StoreError) in
            try store.planDeliveries(for: subscriptions, at: clock.timestamp())
        }
    }

    /// Seconds to wait after failed attempt number `attempt` (1 for the first): `first`, doubled at
    /// each attempt, at most ``longestRetryDelay``, scaled by a jitter between ½ and 1 (`jitter` in
    /// 0…1) so that deliveries failing together do not retry together. At least one second.
    public static func retryDelay(afterAttempt attempt: Int, first: ConfigDuration, jitter: Double) -> Int {
        let base = min(first.seconds * Double(1 << min(max(attempt - 1, 0), 20)), Double(longestRetryDelay))
        let scaled = base * (0.5 + 0.5 * min(max(jitter, 0), 1))
        return max(1, Int(scaled.rounded(.up)))
    }

    /// Fills in the diff summary of new-revision events, in the report's language, and makes them ready.
    /// A revision no longer in the archive (purged since) is announced without a summary.
    @discardableResult
    public func completeNotificationPayloads() throws(ArchiveError) -> Int {
        let events = try stored { () throws(StoreError) in try store.unreadyEvents() }
        for event in events {
            var payload = event.payload
            if let id = event.reportID, let revision = payload.revision, let previous = payload.previousRevision {
                do throws(ArchiveError) {
                    let diff = try diff(revisionsOf: id, from: previous, to: revision)
                    let language = payload.language.flatMap(Language.init(rawValue:)) ?? .en
                    payload.diffSummary = NotificationMessage.diffSummaryText(diff.summary, language: language)
                } catch where error.scope == .request {
                    payload.diffSummary = nil
                }
            }
            try stored { () throws(StoreError) in try store.completeEvent(event.id, payload: payload) }
        }
        return events.count
    }

    // MARK: - The daily digest

    /// Records today's `expiring` digest: the reports whose expiry falls within `retention.warn_days`
    /// and that no earlier digest listed. At most one digest a day; returns its event id, or nil
    /// when there is nothing new to tell or today's digest is recorded already.
    @discardableResult
    public func recordExpiringDigest(asOf: CalendarDate? = nil) throws(ArchiveError) -> Int64? {
        let rows = try expiring(asOf: asOf ?? clock.today(), within: nil)
        let entries = rows.map { ExpiringEntry(id: $0.id.description, title: $0.title, expires: $0.expires.iso) }
        guard !entries.isEmpty else { return nil }
        return try stored { () throws(StoreError) in
            try store.recordExpiringDigest(at: clock.timestamp(), entries: entries)
        }
    }

    // MARK: - Channels

    /// The channels of `notify`, each with its secret or credentials read from its file now.
    public func configuredChannels() -> [ConfiguredChannel] {
        var channels: [ConfiguredChannel] = []
        for webhook in config.notify.webhooks {
            let name = NotificationChannel.webhookName(webhook.url)
            let target = Result { () throws(NotifyError) -> NotificationChannel in
                let secret = try webhook.secretFile.map { path throws(NotifyError) in
                    try Self.secret(path, channel: name)
                }
                return .webhook(WebhookTarget(url: webhook.url, secret: secret))
            }
            channels.append(ConfiguredChannel(name: name, kinds: webhook.events.map(Set.init), target: target))
        }
        let email = config.notify.email
        if let url = email.url, let from = email.from {
            let name = NotificationChannel.emailName(url)
            let target = Result { () throws(NotifyError) -> NotificationChannel in
                var credentials: MailTarget.Credentials?
                if let path = email.credentialsFile {
                    let text = String(decoding: try Self.secret(path, channel: name), as: UTF8.self)
                    guard let parsed = MailTarget.Credentials(fileText: text) else {
                        throw .unusableFile(channel: name, path: path, cause: "it does not hold user:password")
                    }
                    credentials = parsed
                }
                return .email(MailTarget(url: url, from: from, to: email.to, credentials: credentials))
            }
            channels.append(ConfiguredChannel(name: name, kinds: email.events.map(Set.init), target: target))
        }
        return channels
    }

    /// The bytes of a secret file, without the line break that ends it.
    private static func secret(_ path: String, channel: String) throws(NotifyError) -> [UInt8] {
        var bytes: [UInt8]
        do { bytes = try CaptureFile.read(path, maxBytes: 64 << 10) } catch {
            throw .unusableFile(channel: channel, path: path, cause: error.description)
        }
        while let last = bytes.last, last == 0x0A || last == 0x0D { bytes.removeLast() }
        guard !bytes.isEmpty else { throw .unusableFile(channel: channel, path: path, cause: "it is empty") }
        return bytes
    }

    // MARK: - Commands

    /// The deliveries not delivered: pending ones (with their next attempt), then those given up.
    public func undeliveredNotifications() throws(ArchiveError) -> [Delivery] {
        try stored { () throws(StoreError) in try store.undeliveredDeliveries() }
    }

    /// Sends one test message to each configured channel whose name contains `filter` (every
    /// channel when nil; `webhook` or `email` pick a kind). Nothing is recorded in the outbox.
    public func sendTestNotifications(matching filter: String? = nil,
                                      via sender: any NotificationSending = CurlNotifier()) throws(ArchiveError)
        -> [ChannelTest] {
        let channels = configuredChannels().filter { filter == nil || $0.name.contains(filter ?? "") }
        guard !channels.isEmpty else {
            let known = configuredChannels().map(\.name)
            throw .request(known.isEmpty
                ? "no notification channel is configured\nhint: set notify.webhooks or notify.email.url in the configuration"
                : "no configured channel matches \(filter ?? ""); channels: \(known.joined(separator: ", "))")
        }
        let now = clock.timestamp()
        let event = NotificationEvent(id: 0, kind: .test, reportID: nil, at: now, payload: NotificationPayload())
        return channels.map { channel in
            let message = NotificationMessage(event, baseURL: config.notify.baseURL ?? config.web.baseURL)
            do throws(NotifyError) {
                try sender.send(message, to: try channel.target.get(),
                                uniqueID: "rir-archive-test-\(clock.secondsSinceEpoch())",
                                secondsSinceEpoch: clock.secondsSinceEpoch())
                return ChannelTest(channel: channel.name, error: nil)
            } catch {
                return ChannelTest(channel: channel.name, error: error.description)
            }
        }
    }
}
