import GRDB
import RIRModel

extension ArchiveStore {
    /// The reports whose latest revision says it replaces `id`'s base report, ordered by ID.
    public func successors(of id: String) throws(StoreError) -> [String] {
        guard let base = ReportID(id)?.baseID else { return [] }
        return try read { db in
            try String.fetchAll(db, sql: """
                SELECT from_id FROM edge WHERE kind = 'replaces' AND to_base_id = ? ORDER BY from_id
                """, arguments: [base])
        }
    }

    /// The IDs of every report in the archive with this base ID (both language versions), ordered.
    public func versions(ofBase baseID: String) throws(StoreError) -> [String] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT id FROM report WHERE base_id = ? ORDER BY id", arguments: [baseID])
        }
    }

    /// The report last captured from the page `url` (as the fetcher recorded it), else the report
    /// of the latest capture whose source is exactly `url`; nil when none.
    public func reportID(capturedFrom url: String) throws(StoreError) -> String? {
        try read { db in
            if let id = try String.fetchOne(db, sql: """
                SELECT report_id FROM source WHERE url = ? AND report_id IS NOT NULL
                """, arguments: [url]) {
                return id
            }
            return try String.fetchOne(db, sql: """
                SELECT report_id FROM capture
                WHERE source = ?1 OR source_id = (SELECT id FROM capture_source WHERE text = ?1)
                ORDER BY captured_at DESC LIMIT 1
                """, arguments: [url])
        }
    }

    /// The latest `limit` revisions recorded, newest first (by first capture time).
    public func latestRevisions(limit: Int) throws(StoreError) -> [RecordedRevision] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT report_id, number, first_seen, title FROM revision
                ORDER BY first_seen DESC, report_id DESC, number DESC LIMIT ?
                """, arguments: [limit]).map { row in
                RecordedRevision(id: row[0], revision: row[1], firstSeen: row[2], title: row[3])
            }
        }
    }
}
