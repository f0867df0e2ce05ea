import GRDB
import RIRModel

/// One revision on a report's timeline, with its captures in timeline order.
public struct TimelineRevision: Sendable, Hashable {
    public var revision: Int
    public var contentHash: String
    public var title: String
    /// Its first capture's `captured_at`.
    public var firstSeen: String
    /// Its last capture's `captured_at` (or a later 304 from its source, for the latest revision).
    public var lastSeen: String
    /// Its captures, ordered by `captured_at`.
    public var captures: [CaptureSummary]
}

/// The revision in force at a moment, with the evidence around it.
public struct RevisionInForce: Sendable, Hashable {
    public var id: String
    /// The moment asked about (`YYYY-MM-DDTHH:MM:SSZ`).
    public var moment: String
    /// The revision of the last capture at or before the moment.
    public var revision: Int
    /// That capture (`capture_before` in JSON).
    public var captureBefore: CaptureSummary
    /// The first capture after the moment, of whatever revision (`capture_after`); nil when none is later.
    public var captureAfter: CaptureSummary?
}

extension ArchiveStore {
    /// A report's revisions in timeline order (by first capture), each with its captures.
    public func timeline(of id: String) throws(StoreError) -> [TimelineRevision] {
        try read { db in
            try Self.requireReport(id, in: db)
            var captures: [Int: [CaptureSummary]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT c.revision, \(CaptureSQL.sha256), \(CaptureSQL.source), c.captured_at, c.format, c.encoding
                \(CaptureSQL.from) WHERE c.report_id = ?
                ORDER BY c.captured_at, c.id
                """, arguments: [id]) {
                captures[row["revision"], default: []].append(Self.captureSummary(row))
            }
            return try Row.fetchAll(db.cachedStatement(sql: """
                SELECT number, content_hash, title, first_seen, last_seen FROM revision
                WHERE report_id = ? ORDER BY first_seen, number
                """), arguments: [id]).map { row in
                let number: Int = row["number"]
                return TimelineRevision(revision: number, contentHash: row["content_hash"], title: row["title"],
                                        firstSeen: row["first_seen"], lastSeen: row["last_seen"],
                                        captures: captures[number] ?? [])
            }
        }
    }

    /// The revision in force at `moment` (an ISO 8601 UTC timestamp; see
    /// `Timestamp.moment(_:)` for a date alone): the revision of the last capture at or
    /// before it, with that capture and the first one after it.
    ///
    /// Throws ``StoreError/beforeFirstCapture(id:moment:firstCapture:)`` naming the
    /// first capture's time when the moment is before it.
    public func revision(of id: String, at moment: String) throws(StoreError) -> RevisionInForce {
        guard Timestamp.isValid(moment) else { throw .invalidTime(moment) }
        return try read { db in
            try Self.requireReport(id, in: db)
            let select = """
                SELECT c.revision, \(CaptureSQL.sha256), \(CaptureSQL.source), c.captured_at, c.format, c.encoding
                \(CaptureSQL.from) WHERE c.report_id = ?
                """
            let after = try Row.fetchOne(db, sql: select + " AND c.captured_at > ? ORDER BY c.captured_at, c.id LIMIT 1",
                                         arguments: [id, moment])
            guard let before = try Row.fetchOne(
                db, sql: select + " AND c.captured_at <= ? ORDER BY c.captured_at DESC, c.id DESC LIMIT 1",
                arguments: [id, moment]) else {
                throw StoreError.beforeFirstCapture(id: id, moment: moment,
                                                    firstCapture: after?["captured_at"] ?? "an unknown time")
            }
            return RevisionInForce(id: id, moment: moment, revision: before["revision"],
                                   captureBefore: Self.captureSummary(before),
                                   captureAfter: after.map(Self.captureSummary))
        }
    }

    /// A report's revisions with their content, in timeline order, and the reports that
    /// declare they replace it: what blame and trace work on.
    public func timedRevisions(of id: String) throws(StoreError) -> ReportTimeline {
        try read { db in try Self.reportTimeline(id, in: db) }
    }

    static func reportTimeline(_ id: String, in db: Database) throws -> ReportTimeline {
        try requireReport(id, in: db)
        guard let reportID = ReportID(id) else { throw StoreError.corrupt("\(id) is not an RIR identifier") }
        let revisions = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT number, first_seen, last_seen FROM revision WHERE report_id = ? ORDER BY first_seen, number
            """), arguments: [id]).map { row in
            TimedRevision(revision: row["number"], report: try loadReport(id: id, revision: row["number"], in: db),
                          firstSeen: row["first_seen"], lastSeen: row["last_seen"])
        }
        let successors = try String.fetchAll(db.cachedStatement(sql: """
            SELECT DISTINCT e.from_id FROM edge e WHERE e.kind = 'replaces' AND e.to_base_id = ? ORDER BY e.from_id
            """), arguments: [reportID.baseID]).compactMap { ReportID($0) }
        return ReportTimeline(id: reportID, revisions: revisions, replacedBy: successors)
    }

    static func captureSummary(_ row: Row) -> CaptureSummary {
        CaptureSummary(sha256: row["sha256"], source: row["source"], capturedAt: row["captured_at"],
                       format: row["format"], encoding: row["encoding"])
    }
}

extension ArchiveStore {
    /// The timelines a trace of `phrase` needs: every report with a stored text the
    /// search index matches for the phrase's words in order (candidates, to be
    /// confirmed by the caller's folded substring match), and the reports that replace
    /// those, ordered by ID.
    public func traceTimelines(of phrase: String) throws(StoreError) -> [ReportTimeline] {
        let words = phrase.unicodeScalars.split { !($0.properties.isAlphabetic || $0.properties.numericType != nil) }
            .map { String(String.UnicodeScalarView($0)) }
        guard !words.isEmpty else { return [] }
        let query = "\"" + words.joined(separator: " ") + "\""
        return try read { db in
            let rowids = try Self.matchingRowids(query, in: db)
            let holders = try TextHolders(of: Set(rowids), filters: SearchFilters(), in: db)
            var ids = Set(holders.hits(latestOnly: false).map(\.hit.id))
            for id in ids {
                guard let base = ReportID(id)?.baseID else { continue }
                ids.formUnion(try String.fetchAll(db.cachedStatement(sql: """
                    SELECT from_id FROM edge WHERE kind = 'replaces' AND to_base_id = ?
                    """), arguments: [base]))
            }
            return try ids.sorted().map { try Self.reportTimeline($0, in: db) }
        }
    }
}
