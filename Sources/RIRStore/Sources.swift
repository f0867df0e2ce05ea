import GRDB
import RIRModel

/// What the archive remembers about one fetched page.
public struct SourceState: Sendable, Hashable {
    /// The canonical URL (the key).
    public var key: String
    /// The URL as last requested.
    public var url: String
    /// The report last captured from it.
    public var reportID: String?
    public var etag: String?
    public var lastModified: String?
    public var lastStatus: Int?
    public var lastFetchedAt: String?
    /// When it last answered 200 or 304.
    public var lastSeenAt: String?
    /// When it first answered 404 or 410 since it was last seen.
    public var goneAt: String?
}

/// The result of one fetch, as the store records it.
public enum SourceObservation: Sendable {
    /// 200: the body was ingested (as `reportID`, unless it was rejected).
    case fetched(status: Int, reportID: String?, etag: String?, lastModified: String?)
    /// 304: the page is unchanged; its report was seen again.
    case notModified(etag: String?, lastModified: String?)
    /// 404 or 410: the page is gone from its source.
    case gone(status: Int)
    /// Any other failure: only the attempt is recorded.
    case failed(status: Int?)
}

extension ArchiveStore {
    /// The state of a fetched page, by canonical URL.
    public func source(_ key: String) throws(StoreError) -> SourceState? {
        try read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM source WHERE url_key = ?"), arguments: [key]).map { row in
                SourceState(key: row["url_key"], url: row["url"], reportID: row["report_id"], etag: row["etag"],
                            lastModified: row["last_modified"], lastStatus: row["last_status"],
                            lastFetchedAt: row["last_fetched_at"], lastSeenAt: row["last_seen_at"],
                            goneAt: row["gone_at"])
            }
        }
    }

    /// Records what a fetch of `url` (canonical `key`) found at `at`. A 304 also refreshes
    /// "last seen" of the report and its latest revision; returns that report and revision.
    @discardableResult
    public func recordFetch(key: String, url: String, _ observation: SourceObservation,
                            at: String) throws(StoreError) -> (id: String, revision: Int)? {
        try write { db in
            try db.run(sql: """
                INSERT INTO source (url_key, url, last_fetched_at) VALUES (?, ?, ?)
                ON CONFLICT(url_key) DO UPDATE SET url = excluded.url, last_fetched_at = excluded.last_fetched_at
                """, arguments: [key, url, at])
            switch observation {
            case .fetched(let status, let reportID, let etag, let lastModified):
                try db.run(sql: """
                    UPDATE source SET last_status = ?, report_id = coalesce(?, report_id), etag = ?,
                        last_modified = ?, last_seen_at = ?, gone_at = NULL
                    WHERE url_key = ?
                    """, arguments: [status, reportID, etag, lastModified, at, key])
                return nil
            case .notModified(let etag, let lastModified):
                try db.run(sql: """
                    UPDATE source SET last_status = 304, etag = coalesce(?, etag),
                        last_modified = coalesce(?, last_modified), last_seen_at = ?, gone_at = NULL
                    WHERE url_key = ?
                    """, arguments: [etag, lastModified, at, key])
                guard let id = try String.fetchOne(db.cachedStatement(sql: "SELECT report_id FROM source WHERE url_key = ?"),
                                                   arguments: [key]),
                      let latest = try Int.fetchOne(db.cachedStatement(sql: "SELECT latest_revision FROM report WHERE id = ?"),
                                                    arguments: [id])
                else { return nil }
                try db.run(sql: "UPDATE report SET last_seen = ? WHERE id = ?", arguments: [at, id])
                try db.run(sql: "UPDATE revision SET last_seen = ? WHERE report_id = ? AND number = ?",
                               arguments: [at, id, latest])
                return (id, latest)
            case .gone(let status):
                let goneBefore = try String.fetchOne(db.cachedStatement(sql: "SELECT gone_at FROM source WHERE url_key = ?"),
                                                     arguments: [key])
                try db.run(sql: """
                    UPDATE source SET last_status = ?, gone_at = coalesce(gone_at, ?) WHERE url_key = ?
                    """, arguments: [status, at, key])
                if let id = try String.fetchOne(db.cachedStatement(sql: "SELECT report_id FROM source WHERE url_key = ?"),
                                                arguments: [key]) {
                    try Self.audit(db, at: at, event: "gone", reportID: id, detail: "\(url) answered HTTP \(status)")
                    // Once per disappearance: a page that stays gone is not news at every fetch.
                    if goneBefore == nil {
                        let report = try Row.fetchOne(db.cachedStatement(sql: "SELECT title, language FROM report WHERE id = ?"),
                                                      arguments: [id])
                        try Self.recordEvent(.gone, reportID: id, at: at,
                                             payload: NotificationPayload(title: report?["title"],
                                                                          language: report?["language"], source: url,
                                                                          reason: "HTTP \(status)"), in: db)
                    }
                }
                return nil
            case .failed(let status):
                try db.run(sql: "UPDATE source SET last_status = ? WHERE url_key = ?", arguments: [status, key])
                return nil
            }
        }
    }
}
