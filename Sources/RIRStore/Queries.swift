import GRDB
import RIRModel

/// One capture as `history` shows it.
public struct CaptureSummary: Sendable, Hashable {
    public var sha256: String
    public var source: String
    public var capturedAt: String
    public var format: String
    public var encoding: String
}

/// One revision as `history` shows it.
public struct RevisionSummary: Sendable, Hashable {
    public var revision: Int
    public var contentHash: String
    public var title: String
    public var published: CalendarDate
    public var firstSeen: String
    public var lastSeen: String
    public var captures: [CaptureSummary]
}

extension ArchiveStore {
    /// The revisions of a report with their captures, oldest first.
    public func history(of id: String) throws(StoreError) -> [RevisionSummary] {
        try read { db in
            try Self.requireReport(id, in: db)
            var captures: [Int: [CaptureSummary]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT c.revision, \(CaptureSQL.sha256), \(CaptureSQL.source), c.captured_at, c.format, c.encoding
                \(CaptureSQL.from) WHERE c.report_id = ? ORDER BY c.id
                """, arguments: [id]) {
                captures[row["revision"], default: []].append(Self.captureSummary(row))
            }
            return try Row.fetchAll(db.cachedStatement(sql: """
                SELECT number, content_hash, title, published, first_seen, last_seen
                FROM revision WHERE report_id = ? ORDER BY number
                """), arguments: [id]).map { row in
                let number: Int = row["number"]
                return RevisionSummary(revision: number, contentHash: row["content_hash"], title: row["title"],
                                       published: try date(row["published"]), firstSeen: row["first_seen"],
                                       lastSeen: row["last_seen"], captures: captures[number] ?? [])
            }
        }
    }

    /// The number of the latest revision of a report.
    public func latestRevision(of id: String) throws(StoreError) -> Int {
        try read { db in try Self.latestRevision(id, in: db) }
    }

    /// The normalized content of one revision (the latest when `revision` is nil).
    public func report(_ id: String, revision: Int? = nil) throws(StoreError) -> (revision: Int, report: Report) {
        try read { db in
            let number = try revision ?? Self.latestRevision(id, in: db)
            return (number, try Self.loadReport(id: id, revision: number, in: db))
        }
    }

    /// The exact bytes of the first capture of a revision (the latest when nil).
    public func rawCapture(_ id: String, revision: Int? = nil) throws(StoreError) -> [UInt8] {
        try read { db in
            let number = try revision ?? Self.latestRevision(id, in: db)
            try Self.requireRevision(id, number, in: db)
            guard let blob = try Int64.fetchOne(db.cachedStatement(sql: """
                SELECT blob_id FROM capture WHERE report_id = ? AND revision = ? ORDER BY id LIMIT 1
                """), arguments: [id, number]) else {
                throw StoreError.corrupt("\(id) revision \(number) has no capture")
            }
            return try Self.loadBlob(blob, in: db)
        }
    }

    // MARK: - Loading

    static func latestRevision(_ id: String, in db: Database) throws -> Int {
        guard let number = try Int.fetchOne(
            db, sql: "SELECT latest_revision FROM report WHERE id = ?", arguments: [id])
        else {
            if let stone = try tombstone(of: id, in: db) {
                throw StoreError.purged(id: id, at: stone.purgedAt, reason: stone.reason)
            }
            throw StoreError.unknownReport(id)
        }
        return number
    }

    static func requireReport(_ id: String, in db: Database) throws {
        _ = try Self.latestRevision(id, in: db)
    }

    static func requireRevision(_ id: String, _ number: Int, in db: Database) throws {
        try Self.requireReport(id, in: db)
        let highest = try Self.highestRevision(id, in: db)
        guard (1...max(highest, 1)).contains(number) else {
            throw StoreError.unknownRevision(id: id, revision: number, latest: highest)
        }
    }

    /// Rebuilds the normalized report of one revision from its rows and shared content.
    static func loadReport(id: String, revision number: Int, in db: Database) throws -> Report {
        try Self.requireRevision(id, number, in: db)
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT * FROM revision WHERE report_id = ? AND number = ?
            """), arguments: [id, number]) else {
            throw StoreError.corrupt("\(id) revision \(number) is missing")
        }
        guard let reportID = ReportID(id) else { throw StoreError.corrupt("\(id) is not an RIR identifier") }
        func list(_ column: String) throws -> [String] {
            guard let contentID: Int64 = row[column] else { return [] }
            return try ContentStore.load(contentID, in: db).body
                .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
        let sections = try SectionList(decoding: row["sections"]).entries.map { entry in
            let text = try ContentStore.load(entry.contentID, in: db)
            return Section(number: entry.number, level: entry.level, heading: text.heading, text: text.body)
        }
        func words(_ column: String) -> [String] {
            (row[column] as String).split(separator: " ").map(String.init)
        }
        return Report(id: reportID, published: try date(row["published"]), title: row["title"],
                      author: row["author"], replaces: words("replaces"),
                      crossReferences: words("cross_references"), sections: sections,
                      closing: try list("closing_id").first, notes: try list("notes_id"),
                      references: try list("references_id"), additionalSources: try list("additional_id"))
    }
}

func date(_ text: String) throws -> CalendarDate {
    guard let date = CalendarDate(iso: text) else { throw StoreError.corrupt("\(text) is not a date") }
    return date
}

extension ArchiveStore {
    /// The exact bytes stored under a capture's SHA-256.
    public func captureBytes(sha256: String) throws(StoreError) -> [UInt8] {
        try read { db in try Self.loadBlob(sha256: sha256, in: db) }
    }
}

/// A revision recorded in the archive, for `report changes`.
public struct RecordedRevision: Sendable, Hashable {
    public var id: String
    public var revision: Int
    public var firstSeen: String
    public var title: String
}

extension ArchiveStore {
    /// Revisions first seen on or after `since` and before `before` (ISO dates or timestamps),
    /// oldest first.
    public func revisions(since: String, before: String? = nil) throws(StoreError) -> [RecordedRevision] {
        try read { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT report_id, number, first_seen, title FROM revision
                WHERE first_seen >= ? AND (?2 IS NULL OR first_seen < ?2)
                ORDER BY first_seen, report_id, number
                """), arguments: [since, before]).map {
                RecordedRevision(id: $0["report_id"], revision: $0["number"], firstSeen: $0["first_seen"],
                                 title: $0["title"])
            }
        }
    }
}

/// One stored capture with what an interchange export needs: its bytes' address, its revision
/// and that revision's content hash, and the HTTP head it came with.
public struct StoredCapture: Sendable, Hashable {
    /// The report's full ID.
    public var reportID: String
    /// The revision the capture belongs to.
    public var revision: Int
    /// That revision's content hash.
    public var contentHash: String
    /// The SHA-256 of the exact bytes (their address).
    public var sha256: String
    /// Where the capture came from (a URL, a path, a label).
    public var source: String
    /// When it was captured (`YYYY-MM-DDTHH:MM:SSZ`).
    public var capturedAt: String
    /// `text` or `html`.
    public var format: String
    /// `HTTP/1.1 200 OK`, for captures that came over HTTP (since v4).
    public var httpStatusLine: String?
    /// The response's header lines, CRLF-separated.
    public var httpHeaders: String?
}

extension ArchiveStore {
    /// The captures of the reports named (every report when `ids` is empty) captured at or after
    /// `since` (a date or timestamp), report by report, each report's in recording order (so that
    /// re-ingesting them in this order numbers the revisions alike).
    public func storedCaptures(of ids: [String], since: String? = nil) throws(StoreError) -> [StoredCapture] {
        try read { db in
            for id in ids { try Self.requireReport(id, in: db) }
            let chosen = ids.isEmpty ? try String.fetchAll(db.cachedStatement(sql: "SELECT id FROM report ORDER BY id")) : ids
            var captures: [StoredCapture] = []
            for id in chosen {
                captures += try Row.fetchAll(db, sql: """
                    SELECT c.revision, r.content_hash, \(CaptureSQL.sha256), \(CaptureSQL.source), c.captured_at,
                           c.format, c.http_status_line, c.http_headers
                    \(CaptureSQL.from)
                    JOIN revision r ON r.report_id = c.report_id AND r.number = c.revision
                    WHERE c.report_id = ? AND (?2 IS NULL OR c.captured_at >= ?2) ORDER BY c.id
                    """, arguments: [id, since]).map { row in
                    StoredCapture(reportID: id, revision: row["revision"], contentHash: row["content_hash"],
                                  sha256: row["sha256"], source: row["source"], capturedAt: row["captured_at"],
                                  format: row["format"], httpStatusLine: row["http_status_line"],
                                  httpHeaders: row["http_headers"])
                }
            }
            return captures
        }
    }
}
