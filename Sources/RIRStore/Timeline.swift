import GRDB
import RIRModel

/// Where a new capture falls on a report's timeline (captures ordered by
/// `captured_at`, then by recording order): the revision in force at its time and
/// the revision of the next capture.
///
/// A capture at the same instant as earlier ones comes after them, so a stream of
/// present-time captures always lands at the end, in force = the latest revision.
struct TimelinePlace {
    var id: String
    var moment: String
    /// The revision of the last capture at or before the new capture's time; nil before the first capture.
    var inForce: Int?
    /// The revision of the first capture after it; nil at the end of the timeline.
    var next: Int?

    init(of id: String, at moment: String, in db: Database) throws {
        self.id = id
        self.moment = moment
        inForce = try Int.fetchOne(db.cachedStatement(sql: """
            SELECT revision FROM capture WHERE report_id = ? AND captured_at <= ?
            ORDER BY captured_at DESC, id DESC LIMIT 1
            """), arguments: [id, moment])
        next = try Int.fetchOne(db.cachedStatement(sql: """
            SELECT revision FROM capture WHERE report_id = ? AND captured_at > ?
            ORDER BY captured_at, id LIMIT 1
            """), arguments: [id, moment])
        guard inForce != nil || next != nil else { throw StoreError.corrupt("\(id) has no capture") }
    }

    /// The revision a different capture is judged against: the one in force, or the first one.
    var reference: Int { inForce ?? next! }

    /// The neighbouring revision (in force first, then next) whose content hash is `hash`.
    func neighbour(withContent hash: String, in db: Database) throws -> Int? {
        for number in [inForce, next].compactMap({ $0 }) {
            let stored = try String.fetchOne(
                db, sql: "SELECT content_hash FROM revision WHERE report_id = ? AND number = ?",
                arguments: [id, number])
            if stored == hash { return number }
        }
        return nil
    }

    /// When a new revision lands inside the stretch of one revision (in force and next
    /// are the same), the captures of that revision after it become a revision of their
    /// own (the next number, the same content), so every revision stays one unbroken
    /// stretch of the timeline and the history shows the return.
    func splitIfInside(_ id: String, at moment: String, by newRevision: Int, in db: Database) throws {
        guard let inForce, inForce == next else { return }
        let split = newRevision + 1
        let content = try ArchiveStore.loadReport(id: id, revision: inForce, in: db)
        let hash = try String.fetchOne(
            db, sql: "SELECT content_hash FROM revision WHERE report_id = ? AND number = ?",
            arguments: [id, inForce]) ?? content.contentHash
        try ArchiveStore.insertRevision(content, number: split, contentHash: hash, at: moment,
                                        predecessor: inForce, in: db)
        try db.run(sql: """
            UPDATE capture SET revision = ? WHERE report_id = ? AND revision = ? AND captured_at > ?
            """, arguments: [split, id, inForce, moment])
        try ArchiveStore.audit(db, at: moment, event: "ingest", reportID: id,
                               detail: "revision \(inForce) split by revision \(newRevision): its later captures are revision \(split)")
    }

    /// Brings the timeline's summaries up to date after a capture of `revision` was
    /// added: each revision's first and last seen, and the report's first and last seen,
    /// latest revision, title, publication date and edges (those of the latest revision).
    func settle(_ id: String, adding revision: Int, in db: Database) throws {
        // A 304 from the source refreshes last seen without a capture: last seen never moves back.
        if next == nil {
            // Appended at the end (every present-time capture): only the latest stretch grows.
            try db.run(sql: "UPDATE revision SET last_seen = max(last_seen, ?) WHERE report_id = ? AND number = ?",
                           arguments: [moment, id, revision])
            try db.run(sql: "UPDATE report SET last_seen = max(last_seen, ?) WHERE id = ?", arguments: [moment, id])
        } else {
            try db.run(sql: """
                UPDATE revision SET
                  first_seen = (SELECT min(c.captured_at) FROM capture c
                                WHERE c.report_id = revision.report_id AND c.revision = revision.number),
                  last_seen = (SELECT max(c.captured_at) FROM capture c
                               WHERE c.report_id = revision.report_id AND c.revision = revision.number)
                WHERE report_id = ?
                """, arguments: [id])
            try db.run(sql: """
                UPDATE report SET
                  first_seen = (SELECT min(captured_at) FROM capture WHERE report_id = report.id),
                  last_seen = max(last_seen, (SELECT max(captured_at) FROM capture WHERE report_id = report.id))
                WHERE id = ?
                """, arguments: [id])
        }
        let latest = next == nil ? revision : try Int.fetchOne(db.cachedStatement(sql: """
            SELECT revision FROM capture WHERE report_id = ? ORDER BY captured_at DESC, id DESC LIMIT 1
            """), arguments: [id])
        if next != nil, let latest {
            try db.run(sql: """
                UPDATE revision SET last_seen = max(last_seen, (SELECT last_seen FROM report WHERE id = ?))
                WHERE report_id = ? AND number = ?
                """, arguments: [id, id, latest])
        }
        let recorded = try Int.fetchOne(db.cachedStatement(sql: "SELECT latest_revision FROM report WHERE id = ?"), arguments: [id])
        guard let latest, latest != recorded else { return }
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT title, published, replaces, cross_references FROM revision WHERE report_id = ? AND number = ?
            """), arguments: [id, latest]) else { throw StoreError.corrupt("\(id) revision \(latest) is missing") }
        try db.run(sql: "UPDATE report SET title = ?, published = ?, latest_revision = ? WHERE id = ?",
                       arguments: [row["title"] as String, row["published"] as String, latest, id])
        func words(_ column: String) -> [String] { (row[column] as String).split(separator: " ").map(String.init) }
        try ArchiveStore.replaceEdges(of: id, replaces: words("replaces"), cites: words("cross_references"), in: db)
    }
}

extension ArchiveStore {
    /// The highest revision number of a report (revision numbers run from 1 to it).
    static func highestRevision(_ id: String, in db: Database) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT max(number) FROM revision WHERE report_id = ?"), arguments: [id]) ?? 0
    }
}
