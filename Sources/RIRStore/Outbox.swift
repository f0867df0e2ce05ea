import FoundationEssentials
import GRDB
import RIRModel

/// One event sent (or to be sent) to one channel, with the event itself.
public struct Delivery: Sendable, Hashable {
    /// The delivery row id.
    public var id: Int64
    /// The channel's name (`webhook:https://…`, `email:smtp://…`).
    public var channel: String
    /// Attempts made so far.
    public var attempts: Int
    /// When the next attempt is due (ISO 8601 UTC).
    public var nextAttemptAt: String
    /// Why the last attempt failed.
    public var lastError: String?
    /// When it was delivered.
    public var deliveredAt: String?
    /// When it was given up after the last allowed attempt.
    public var failedAt: String?
    /// What is delivered.
    public var event: NotificationEvent
}

/// A channel as the delivery planner sees it: its name and the kinds it wants (nil: all).
public struct ChannelSubscription: Sendable, Hashable {
    /// The channel's stable name.
    public var name: String
    /// The kinds of event it hears of; nil means every kind.
    public var kinds: Set<NotificationKind>?

    /// Creates a subscription.
    public init(name: String, kinds: Set<NotificationKind>?) {
        self.name = name
        self.kinds = kinds
    }
}

extension ArchiveStore {
    // MARK: - Recording events (inside the transaction of what they report)

    /// Appends an event to the outbox in the transaction `db` is in. An event whose payload the
    /// application layer has still to complete (a new revision's diff summary) is not `ready`.
    static func recordEvent(_ kind: NotificationKind, reportID: String?, at: String, payload: NotificationPayload,
                            ready: Bool = true, in db: Database) throws {
        try db.run(sql: "INSERT INTO event (kind, report_id, at, payload, ready) VALUES (?, ?, ?, ?, ?)",
                       arguments: [kind.rawValue, reportID, at, try encode(payload), ready])
    }

    /// Records an event of its own (a sweep's result), in its own transaction; returns its id.
    @discardableResult
    public func recordEvent(_ kind: NotificationKind, reportID: String? = nil, at: String,
                            payload: NotificationPayload) throws(StoreError) -> Int64 {
        try write { db in
            try Self.recordEvent(kind, reportID: reportID, at: at, payload: payload, in: db)
            return db.lastInsertedRowID
        }
    }

    /// Records the `expiring` digest of the UTC day of `at`: the `entries` not listed in an earlier
    /// digest (a report is announced once, when it enters the warning window). Records nothing when
    /// that day's digest is recorded already (the daemon may sweep more than once a day, or restart)
    /// or when every entry was announced before. Returns the event's id, or nil.
    @discardableResult
    public func recordExpiringDigest(at: String, entries: [ExpiringEntry]) throws(StoreError) -> Int64? {
        try write { db in
            let day = String(at.prefix(10))
            let recorded = try Bool.fetchOne(db.cachedStatement(sql: """
                SELECT EXISTS (SELECT 1 FROM event WHERE kind = 'expiring' AND at >= ? AND at < ?)
                """), arguments: [day, day + "U"]) ?? false
            guard !recorded else { return nil }
            let announced = Set(try String.fetchAll(db.cachedStatement(sql: """
                SELECT DISTINCT json_extract(j.value, '$.id') FROM event e, json_each(e.payload, '$.expiring') j
                WHERE e.kind = 'expiring'
                """)))
            let fresh = entries.filter { !announced.contains($0.id) }
            guard !fresh.isEmpty else { return nil }
            try Self.recordEvent(.expiring, reportID: nil, at: at, payload: NotificationPayload(expiring: fresh),
                                 in: db)
            return db.lastInsertedRowID
        }
    }

    // MARK: - Completing events

    /// Events whose payload the application layer has still to complete, oldest first.
    public func unreadyEvents(limit: Int = 100) throws(StoreError) -> [NotificationEvent] {
        try read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM event WHERE ready = 0 ORDER BY id LIMIT ?"), arguments: [limit])
                .map(Self.event)
        }
    }

    /// Stores the completed payload of an event and makes it ready for delivery.
    public func completeEvent(_ id: Int64, payload: NotificationPayload) throws(StoreError) {
        try write { db in
            try db.run(sql: "UPDATE event SET payload = ?, ready = 1 WHERE id = ?",
                           arguments: [try Self.encode(payload), id])
        }
    }

    /// Events recorded since `since` (an ISO prefix), oldest first.
    public func events(since: String? = nil) throws(StoreError) -> [NotificationEvent] {
        try read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM event WHERE at >= ? ORDER BY id"), arguments: [since ?? ""])
                .map(Self.event)
        }
    }

    // MARK: - Deliveries

    /// How old a capture may be and still be news: seven days.
    public static let newsWindowSeconds = 7 * 86_400

    /// Registers the channels not seen before (they hear of events recorded from now on) and adds a
    /// delivery, due at `at`, for every ready event a channel wants and has not got yet, except new
    /// reports and revisions captured more than ``newsWindowSeconds`` before `at` (back-filled
    /// history). One transaction; returns the number of deliveries added.
    @discardableResult
    public func planDeliveries(for channels: [ChannelSubscription], at: String) throws(StoreError) -> Int {
        try write { db in
            var added = 0
            for channel in channels {
                try db.run(sql: """
                    INSERT OR IGNORE INTO notify_channel (name, since_event, added_at)
                    VALUES (?, (SELECT coalesce(max(id), 0) FROM event), ?)
                    """, arguments: [channel.name, at])
                let kinds = (channel.kinds ?? Set(NotificationKind.recorded)).map(\.rawValue).sorted()
                // A new report or revision captured long before now (a WARC import, a dated copy
                // back-filled) is history, not news: it stays in the outbox but is sent to no one.
                let historyBefore = Timestamp.secondsSinceEpoch(iso: at)
                    .map { Timestamp.iso(secondsSinceEpoch: $0 - Self.newsWindowSeconds) } ?? ""
                try db.run(sql: """
                    INSERT INTO delivery (event_id, channel, next_attempt_at)
                    SELECT e.id, ?, ? FROM event e
                    WHERE e.ready = 1
                      AND e.id > (SELECT since_event FROM notify_channel WHERE name = ?)
                      AND e.kind IN (SELECT value FROM json_each(?))
                      AND (e.kind NOT IN ('new-report', 'new-revision') OR e.at >= ?)
                      AND NOT EXISTS (SELECT 1 FROM delivery d WHERE d.event_id = e.id AND d.channel = ?)
                    ORDER BY e.id
                    """, arguments: [channel.name, at, channel.name, try Self.encode(kinds), historyBefore, channel.name])
                added += db.changesCount
            }
            return added
        }
    }

    /// Deliveries to the named channels due at `at`, oldest event first.
    public func dueDeliveries(channels: [String], at: String, limit: Int = 50) throws(StoreError) -> [Delivery] {
        try read { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT d.id AS delivery_id, d.channel, d.attempts, d.next_attempt_at, d.last_error,
                       d.delivered_at, d.failed_at, e.*
                FROM delivery d JOIN event e ON e.id = d.event_id
                WHERE d.delivered_at IS NULL AND d.failed_at IS NULL AND d.next_attempt_at <= ?
                  AND d.channel IN (SELECT value FROM json_each(?))
                ORDER BY d.event_id, d.id LIMIT ?
                """), arguments: [at, try Self.encode(channels), limit]).map(Self.delivery)
        }
    }

    /// Deliveries not yet delivered: those still pending, then (when `includingFailed`) those given up.
    public func undeliveredDeliveries(includingFailed: Bool = true) throws(StoreError) -> [Delivery] {
        try read { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT d.id AS delivery_id, d.channel, d.attempts, d.next_attempt_at, d.last_error,
                       d.delivered_at, d.failed_at, e.*
                FROM delivery d JOIN event e ON e.id = d.event_id
                WHERE d.delivered_at IS NULL AND (? OR d.failed_at IS NULL)
                ORDER BY d.failed_at IS NOT NULL, d.event_id, d.id
                """), arguments: [includingFailed]).map(Self.delivery)
        }
    }

    /// Every delivery of one event.
    public func deliveries(ofEvent id: Int64) throws(StoreError) -> [Delivery] {
        try read { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT d.id AS delivery_id, d.channel, d.attempts, d.next_attempt_at, d.last_error,
                       d.delivered_at, d.failed_at, e.*
                FROM delivery d JOIN event e ON e.id = d.event_id WHERE d.event_id = ? ORDER BY d.id
                """), arguments: [id]).map(Self.delivery)
        }
    }

    /// Records a successful attempt.
    public func recordDelivered(_ id: Int64, at: String) throws(StoreError) {
        try write { db in
            try db.run(sql: """
                UPDATE delivery SET attempts = attempts + 1, delivered_at = ?, last_error = NULL WHERE id = ?
                """, arguments: [at, id])
        }
    }

    /// Records a failed attempt: the next one is due at `retryAt`, or, when nil, the delivery is given
    /// up (failed for good) at `at`.
    public func recordDeliveryFailure(_ id: Int64, error: String, at: String, retryAt: String?) throws(StoreError) {
        try write { db in
            try db.run(sql: """
                UPDATE delivery SET attempts = attempts + 1, last_error = ?,
                    next_attempt_at = coalesce(?, next_attempt_at), failed_at = CASE WHEN ? IS NULL THEN ? END
                WHERE id = ?
                """, arguments: [error, retryAt, retryAt, at, id])
        }
    }

    // MARK: - Rows

    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func event(_ row: Row) throws -> NotificationEvent {
        let id: Int64 = row["id"]
        let name: String = row["kind"]
        guard let kind = NotificationKind(rawValue: name) else {
            throw StoreError.corrupt("event \(id) has an unknown kind \(name)")
        }
        let payload: NotificationPayload
        do {
            payload = try JSONDecoder().decode(NotificationPayload.self, from: Data((row["payload"] as String).utf8))
        } catch {
            throw StoreError.corrupt("event \(id) has an unreadable payload: \(error)")
        }
        return NotificationEvent(id: id, kind: kind, reportID: row["report_id"], at: row["at"], payload: payload)
    }

    static func delivery(_ row: Row) throws -> Delivery {
        Delivery(id: row["delivery_id"], channel: row["channel"], attempts: row["attempts"],
                 nextAttemptAt: row["next_attempt_at"], lastError: row["last_error"],
                 deliveredAt: row["delivered_at"], failedAt: row["failed_at"], event: try event(row))
    }
}
