import GRDB
import RIRModel

/// A legal hold on a report.
public struct Hold: Sendable, Hashable {
    public var id: Int64
    public var reportID: String
    public var reason: String
    public var placedAt: String
    public var releasedAt: String?
}

/// What remains of a purged report.
public struct Tombstone: Sendable, Hashable {
    public var id: String
    public var title: String
    public var published: CalendarDate
    public var firstSeen: String
    public var lastSeen: String
    public var revisions: Int
    public var contentHashes: [String]
    public var purgedAt: String
    public var reason: String
}

/// One report as retention and the reports see it.
public struct RetentionRecord: Sendable, Hashable {
    public var id: ReportID
    public var title: String
    public var published: CalendarDate
    public var revisions: Int
    public var lastSeen: String
    /// Unreleased holds.
    public var holds: Int
    /// Base IDs this report declares it replaces.
    public var replaces: [String]
    /// Whether it was ever captured from a URL.
    public var hasURLSource: Bool
    /// The last day one of its source URLs answered 200 or 304.
    public var lastSeenAtSource: CalendarDate?
    /// Whether its source URL answered 404/410 since it was last seen there.
    public var goneFromSource: Bool
}

/// One report as the expiring report sees it (``ArchiveStore/expiryCandidates(published:)``).
public struct ExpiryCandidate: Sendable, Hashable {
    /// The report.
    public var id: ReportID
    /// Its title.
    public var title: String
    /// Its publication date.
    public var published: CalendarDate
    /// Unreleased holds.
    public var holds: Int
}

/// One entry of the audit trail.
public struct AuditEntry: Sendable, Hashable {
    public var at: String
    public var event: String
    public var id: String?
    public var detail: String
}

extension ArchiveStore {
    // MARK: - Holds

    /// Places a hold (allowed before the report is in the archive); returns its id.
    public func placeHold(on id: String, reason: String, at: String) throws(StoreError) -> Int64 {
        try write { db in
            try db.execute(sql: "INSERT INTO hold (report_id, reason, placed_at) VALUES (?, ?, ?)",
                           arguments: [id, reason, at])
            let holdID = db.lastInsertedRowID
            try Self.audit(db, at: at, event: "hold", reportID: id, detail: "hold \(holdID): \(reason)")
            return holdID
        }
    }

    /// Releases one hold, or every unreleased hold of the report when `holdID` is nil; returns what was released.
    public func releaseHolds(on id: String, holdID: Int64?, at: String) throws(StoreError) -> [Hold] {
        try write { db in
            let open = try Self.holds(of: id, in: db).filter { $0.releasedAt == nil }
            let chosen = holdID.map { wanted in open.filter { $0.id == wanted } } ?? open
            if chosen.isEmpty {
                if let holdID { throw StoreError.unknownHold(id: id, holdID: holdID) }
                throw StoreError.noHold(id)
            }
            for hold in chosen {
                try db.execute(sql: "UPDATE hold SET released_at = ? WHERE id = ?", arguments: [at, hold.id])
                try Self.audit(db, at: at, event: "release", reportID: id,
                               detail: "hold \(hold.id) released (placed \(hold.placedAt): \(hold.reason))")
            }
            return chosen.map { var released = $0; released.releasedAt = at; return released }
        }
    }

    /// Every hold ever placed on a report, oldest first.
    public func holds(of id: String) throws(StoreError) -> [Hold] {
        try read { db in try Self.holds(of: id, in: db) }
    }

    static func holds(of id: String, in db: Database) throws -> [Hold] {
        try Row.fetchAll(db, sql: "SELECT * FROM hold WHERE report_id = ? ORDER BY id", arguments: [id]).map {
            Hold(id: $0["id"], reportID: $0["report_id"], reason: $0["reason"], placedAt: $0["placed_at"],
                 releasedAt: $0["released_at"])
        }
    }

    // MARK: - Retention view

    /// Every report with what retention and the reports need, ordered by ID; only
    /// those published in `published` (inclusive) when given, read through the index
    /// on the publication date.
    public func retentionRecords(published: ClosedRange<CalendarDate>? = nil) throws(StoreError) -> [RetentionRecord] {
        let range = published.map { [$0.lowerBound.iso, $0.upperBound.iso] } ?? ["0000-00-00", "9999-99-99"]
        return try retentionRecords(where: "r.published BETWEEN ? AND ?", StatementArguments(range))
    }

    /// The reports published in `published` (inclusive) with what the expiring report shows of
    /// them, ordered by publication date, then ID.
    ///
    /// Narrower than ``retentionRecords(published:)``: it reads the report rows the index on the
    /// publication date finds and their holds, none of the revisions, sources or edges, so the
    /// report's cost is the rows it lists.
    /// The query behind ``expiryCandidates(published:)``; v8's `report_expiry` index answers it alone.
    static let expiryCandidatesSQL = """
        SELECT r.id, r.title, r.published,
               (SELECT count(*) FROM hold h WHERE h.report_id = r.id AND h.released_at IS NULL)
        FROM report r WHERE r.published BETWEEN ? AND ? ORDER BY r.published, r.id
        """

    public func expiryCandidates(published: ClosedRange<CalendarDate>) throws(StoreError) -> [ExpiryCandidate] {
        try read { db in
            var candidates: [ExpiryCandidate] = []
            let rows = try Row.fetchCursor(db, sql: Self.expiryCandidatesSQL,
                                           arguments: [published.lowerBound.iso, published.upperBound.iso])
            // Columns by position, one reused row: this runs once per listed report.
            while let row = try rows.next() {
                let id: String = row[0]
                guard let reportID = ReportID(id) else { throw StoreError.corrupt("\(id) is not an RIR identifier") }
                candidates.append(ExpiryCandidate(id: reportID, title: row[1], published: try date(row[2]),
                                                  holds: row[3]))
            }
            return candidates
        }
    }

    /// One report's retention record, or nil when it is not in the archive.
    public func retentionRecord(of id: String) throws(StoreError) -> RetentionRecord? {
        try retentionRecords(where: "r.id = ?", [id]).first
    }

    private func retentionRecords(where condition: String,
                                  _ arguments: StatementArguments) throws(StoreError) -> [RetentionRecord] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT r.id, r.title, r.published,
                       coalesce((SELECT max(v.number) FROM revision v WHERE v.report_id = r.id), 0) AS revisions,
                       r.last_seen,
                       (SELECT count(*) FROM hold h WHERE h.report_id = r.id AND h.released_at IS NULL) AS holds,
                       (SELECT count(*) FROM source s WHERE s.report_id = r.id) AS sources,
                       (SELECT max(s.last_seen_at) FROM source s WHERE s.report_id = r.id) AS seen_at_source,
                       (SELECT count(*) FROM source s WHERE s.report_id = r.id AND s.gone_at IS NOT NULL) AS gone,
                       (SELECT group_concat(e.to_base_id, ' ') FROM edge e
                        WHERE e.from_id = r.id AND e.kind = 'replaces') AS replaces
                FROM report r WHERE \(condition) ORDER BY r.id
                """, arguments: arguments).map { row in
                // Columns by position: this runs once per report of a large archive.
                let id: String = row[0]
                guard let reportID = ReportID(id) else { throw StoreError.corrupt("\(id) is not an RIR identifier") }
                return RetentionRecord(id: reportID, title: row[1], published: try date(row[2]),
                                      revisions: row[3], lastSeen: row[4], holds: row[5],
                                      replaces: (row[9] as String?).map { $0.split(separator: " ").map(String.init) } ?? [],
                                      hasURLSource: (row[6] as Int) > 0,
                                      lastSeenAtSource: (row[7] as String?).flatMap { CalendarDate(iso: $0.prefix(10)) },
                                      goneFromSource: (row[8] as Int) > 0)
            }
        }
    }

    /// The tombstone of a purged report, if it was purged.
    public func tombstone(of id: String) throws(StoreError) -> Tombstone? {
        try read { db in try Self.tombstone(of: id, in: db) }
    }

    static func tombstone(of id: String, in db: Database) throws -> Tombstone? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM tombstone WHERE id = ?", arguments: [id]) else {
            return nil
        }
        return Tombstone(id: id, title: row["title"], published: try date(row["published"]),
                         firstSeen: row["first_seen"], lastSeen: row["last_seen"], revisions: row["revisions"],
                         contentHashes: (row["content_hashes"] as String).split(separator: " ").map(String.init),
                         purgedAt: row["purged_at"], reason: row["reason"])
    }

    // MARK: - Purge

    /// Deletes a report's captures, revisions and the content no surviving revision
    /// uses, with their search index entries; keeps a tombstone and one audit event.
    /// Refuses a held report.
    ///
    /// Then, unless `rewritingIndex` is false, rewrites the search index
    /// (``rewriteSearchIndex()``) so no index segment keeps the purged texts' terms; a
    /// ``checkpoint()`` afterwards clears them from the write-ahead log.
    ///
    /// `sweepEvent`, when given, is recorded as a `sweep` event in the purge's transaction (a sweep
    /// passes its result with its last purge).
    public func purge(_ id: String, reason: String, at: String, rewritingIndex: Bool = true,
                      sweepEvent: NotificationPayload? = nil) throws(StoreError) -> Tombstone {
        let tombstone = try write { db -> Tombstone in
            guard let report = try Row.fetchOne(db, sql: "SELECT * FROM report WHERE id = ?", arguments: [id]) else {
                throw StoreError.unknownReport(id)
            }
            if try Self.isHeld(id, in: db) { throw StoreError.held(id) }
            let contentHashes = try String.fetchAll(
                db, sql: "SELECT content_hash FROM revision WHERE report_id = ? ORDER BY number", arguments: [id])
            let captureHashes = try String.fetchAll(db, sql: """
                SELECT DISTINCT lower(hex(b.sha256)) FROM capture c JOIN blob b ON b.id = c.blob_id
                WHERE c.report_id = ? ORDER BY 1
                """, arguments: [id])
            let blobs = try Int64.fetchAll(
                db, sql: "SELECT DISTINCT blob_id FROM capture WHERE report_id = ?", arguments: [id])
            let texts = try Self.contentIDs(ofRevisionsOf: id, in: db)

            try db.execute(sql: "DELETE FROM capture WHERE report_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM revision WHERE report_id = ?", arguments: [id])
            // Release the shared text this report's revisions held; what nobody else uses goes.
            try ContentStore.release(texts, in: db)
            try db.execute(sql: "DELETE FROM edge WHERE from_id = ?", arguments: [id])
            try SearchIndex.removeTitles(of: id, in: db)
            try db.execute(sql: "DELETE FROM report WHERE id = ?", arguments: [id])
            // A dictionary blob can go only after the blobs compressed against it: delete in passes.
            var remaining = blobs
            while !remaining.isEmpty {
                let kept = try remaining.filter { try !Self.deleteUnusedBlob($0, in: db) }
                if kept.count == remaining.count { break }
                remaining = kept
            }

            let stone = Tombstone(id: id, title: report["title"], published: try date(report["published"]),
                                  firstSeen: report["first_seen"], lastSeen: report["last_seen"],
                                  revisions: contentHashes.count, contentHashes: contentHashes, purgedAt: at,
                                  reason: reason)
            try db.execute(sql: """
                INSERT OR REPLACE INTO tombstone (id, title, language, published, first_seen, last_seen, revisions,
                    content_hashes, capture_hashes, purged_at, reason)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [id, stone.title, report["language"] as String, stone.published.iso,
                                 stone.firstSeen, stone.lastSeen, stone.revisions,
                                 contentHashes.joined(separator: " "), captureHashes.joined(separator: " "), at,
                                 reason])
            try Self.audit(db, at: at, event: "purge", reportID: id,
                           detail: "\(reason); \(contentHashes.count) revisions, content \(contentHashes.joined(separator: " "))")
            if let sweepEvent { try Self.recordEvent(.sweep, reportID: nil, at: at, payload: sweepEvent, in: db) }
            return stone
        }
        if rewritingIndex { try rewriteSearchIndex() }
        return tombstone
    }

    /// Every shared-text id the revisions of a report use, once per use.
    static func contentIDs(ofRevisionsOf id: String, in db: Database) throws -> [Int64] {
        var ids: [Int64] = []
        for row in try Row.fetchAll(db, sql: """
            SELECT sections, closing_id, notes_id, references_id, additional_id FROM revision WHERE report_id = ?
            """, arguments: [id]) {
            ids += try SectionList(decoding: row["sections"]).entries.map(\.contentID)
            for column in ["closing_id", "notes_id", "references_id", "additional_id"] {
                if let text: Int64 = row[column] { ids.append(text) }
            }
        }
        return ids
    }

    /// Moves the write-ahead log into the database file and truncates it, so deleted
    /// bytes do not linger in the WAL (with `secure_delete` they are zeroed in the file).
    public func checkpoint() throws(StoreError) {
        do {
            try writer.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            }
        } catch { throw wrap(error) }
    }

    // MARK: - Audit

    /// The audit trail, oldest first, from `since` (an ISO date or timestamp prefix) on.
    public func audit(since: String? = nil) throws(StoreError) -> [AuditEntry] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT at, event, report_id, detail FROM audit WHERE at >= ? ORDER BY id",
                             arguments: [since ?? ""]).map {
                AuditEntry(at: $0["at"], event: $0["event"], id: $0["report_id"], detail: $0["detail"])
            }
        }
    }
}
