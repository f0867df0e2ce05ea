import FoundationEssentials
import GRDB
import Synchronization

/// The full-text index (FTS5, `unicode61 remove_diacritics 2`) over every distinct
/// stored text: each `content` row once, keyed by its id, and each distinct title of a
/// report's revisions (keyed by minus its `title` row id).
///
/// The index holds no copy of the texts (external content read through the
/// `search_source` view), and is kept in the transaction that adds or deletes a text.
enum SearchIndex {
    /// `rir_content_text(codec, body, base_body)`: the text of a `content` row, decoding a
    /// delta against its base's body. Registered on every connection of the archive.
    static func contentTextFunction() -> DatabaseFunction {
        DatabaseFunction("rir_content_text", argumentCount: 3, pure: true) { values in
            guard let codec = String.fromDatabaseValue(values[0]),
                  let body = Data.fromDatabaseValue(values[1]) else { return nil }
            switch codec {
            case "text":
                return String(decoding: body, as: UTF8.self)
            case "zstd-dict":
                guard let base = Data.fromDatabaseValue(values[2]) else {
                    throw StoreError.corrupt("a delta-compressed shared text has no base text")
                }
                let plain = try Compression.decompress([UInt8](body), dictionary: [UInt8](base))
                return String(decoding: plain, as: UTF8.self)
            default:
                throw StoreError.corrupt("a shared text uses an unknown codec \(codec)")
            }
        }
    }

    /// Indexes one text under `rowid` when the write transaction's work is done (``flushPending(in:)``).
    ///
    /// FTS5 writes its pending terms out as a new segment whenever a rowid smaller than the last
    /// one is inserted, and a revision's title (a negative rowid) comes after its sections: every
    /// revision made a segment, and their merging was a seventh of ingest. The texts wait here, in
    /// memory (the strings are the reports' own), and are indexed in rowid order at the end of the
    /// transaction; a transaction that fails drops them (``discardPending(in:)``). A temporary table
    /// was tried first and cost more than it saved: its pages spilled to a temporary file.
    static func add(rowid: Int64, heading: String?, body: String, in db: Database) throws {
        let text = PendingText(rowid: rowid, heading: heading, body: body)
        pending.withLock { $0[ObjectIdentifier(db), default: []].append(text) }
    }

    /// A text waiting to be indexed.
    private struct PendingText: Sendable {
        var rowid: Int64
        var heading: String?
        var body: String
    }

    /// The texts waiting to be indexed, by connection (the archive's one writer connection).
    private static let pending = Mutex<[ObjectIdentifier: [PendingText]]>([:])

    /// Indexes the texts ``add(rowid:heading:body:in:)`` queued in this transaction, in rowid order.
    /// ``ArchiveStore`` calls it at the end of every write transaction.
    static func flushPending(in db: Database) throws {
        guard let texts = pending.withLock({ $0.removeValue(forKey: ObjectIdentifier(db)) }) else { return }
        for text in texts.sorted(by: { $0.rowid < $1.rowid }) {
            try db.run(sql: "INSERT INTO search_index (rowid, heading, body) VALUES (?, ?, ?)",
                       arguments: [text.rowid, text.heading, text.body])
        }
    }

    /// Drops what this transaction queued: it failed, and its texts were never stored.
    static func discardPending(in db: Database) {
        _ = pending.withLock { $0.removeValue(forKey: ObjectIdentifier(db)) }
    }

    /// Removes the index entries of `rowid`; call it while its text is still stored,
    /// since FTS5 needs the text to know which entries to remove.
    static func remove(rowid: Int64, in db: Database) throws {
        // What waits to be indexed goes in first, so that the index holds every text it is told to forget.
        try flushPending(in: db)
        try db.run(sql: """
            INSERT INTO search_index (search_index, rowid, heading, body)
            SELECT 'delete', id, heading, body FROM search_source WHERE id = ?
            """, arguments: [rowid])
    }

    /// Records (and indexes) a title of a report's revision, once per report and title.
    static func addTitle(_ title: String, of reportID: String, in db: Database) throws {
        try db.run(sql: "INSERT OR IGNORE INTO title (report_id, text) VALUES (?, ?)",
                       arguments: [reportID, title])
        if db.changesCount > 0 {
            try add(rowid: -db.lastInsertedRowID, heading: nil, body: title, in: db)
        }
    }

    /// Removes a report's titles and their index entries.
    static func removeTitles(of reportID: String, in db: Database) throws {
        for id in try Int64.fetchAll(db.cachedStatement(sql: "SELECT id FROM title WHERE report_id = ?"), arguments: [reportID]) {
            try remove(rowid: -id, in: db)
        }
        try db.run(sql: "DELETE FROM title WHERE report_id = ?", arguments: [reportID])
    }

    /// Rewrites the index as one segment, so that no older segment (nor the deletion
    /// markers FTS5 writes) still holds the terms of removed texts; with `secure_delete`
    /// the freed pages are zeroed.
    static func rewrite(in db: Database) throws {
        try db.run(sql: "INSERT INTO search_index (search_index) VALUES ('optimize')")
    }

    /// The rowids the index holds an entry for (one `_docsize` row per indexed text).
    static func indexedRowids(in db: Database) throws -> Set<Int64> {
        Set(try Int64.fetchAll(db.cachedStatement(sql: "SELECT id FROM search_index_docsize")))
    }

    /// The rowids of every stored text.
    static func textRowids(in db: Database) throws -> Set<Int64> {
        Set(try Int64.fetchAll(db.cachedStatement(sql: "SELECT id FROM content UNION ALL SELECT -id FROM title")))
    }
}

extension ArchiveStore {
    /// Rewrites the search index as one segment (FTS5 `optimize`), dropping every trace
    /// of removed texts. ``purge(_:reason:at:rewritingIndex:)`` does it unless told not
    /// to; a sweep that purges many reports can purge without and call this once.
    public func rewriteSearchIndex() throws(StoreError) {
        try write { db in try SearchIndex.rewrite(in: db) }
    }
}
