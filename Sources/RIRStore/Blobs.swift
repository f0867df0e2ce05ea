import Foundation
import GRDB
import RIRModel

extension ArchiveStore {
    /// Longest chain of dictionaries a read may have to decompress.
    static let maxBlobDepth = 16

    /// Stores captured bytes once, compressed, under their SHA-256; returns the blob's id.
    ///
    /// A later capture of a report is compressed with the report's previous capture as a
    /// zstd dictionary, so a small edit costs about its size. Chains stop at
    /// ``maxBlobDepth``: past it the report's first capture is the dictionary again.
    static func storeBlob(_ bytes: [UInt8], reportID: String, in db: Database) throws -> Int64 {
        let sha = SHA256Hex.digest(of: bytes)
        if let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM blob WHERE sha256 = ?"), arguments: [sha]) {
            return id
        }
        var dictionary: (id: Int64, depth: Int)?
        if let previous = try Row.fetchOne(db, sql: """
            SELECT b.id, b.depth FROM capture c JOIN blob b ON b.id = c.blob_id
            WHERE c.report_id = ? ORDER BY c.id DESC LIMIT 1
            """, arguments: [reportID]) {
            dictionary = (previous["id"], previous["depth"])
            if let chosen = dictionary, chosen.depth >= maxBlobDepth,
               let root = try Int64.fetchOne(db, sql: """
                SELECT b.id FROM capture c JOIN blob b ON b.id = c.blob_id
                WHERE c.report_id = ? AND b.depth = 0 ORDER BY c.id LIMIT 1
                """, arguments: [reportID]) {
                dictionary = (root, 0)
            }
        }
        var codec = "zstd"
        var depth = 0
        let data: [UInt8]
        if let dictionary, dictionary.depth < maxBlobDepth {
            // Compressing against a capture of the same report is never worse than without one.
            data = try Compression.compress(bytes, dictionary: try loadBlob(dictionary.id, in: db))
            codec = "zstd-dict"
            depth = dictionary.depth + 1
        } else {
            data = try Compression.compress(bytes)
        }
        try db.run(sql: """
            INSERT INTO blob (sha256, size, codec, dictionary_id, depth, data) VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [sha, bytes.count, codec, codec == "zstd-dict" ? dictionary?.id : nil, depth, Data(data)])
        return db.lastInsertedRowID
    }

    /// The exact bytes of the blob with SHA-256 `sha256`.
    static func loadBlob(sha256: String, in db: Database) throws -> [UInt8] {
        guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM blob WHERE sha256 = ?", arguments: [sha256]) else {
            throw StoreError.corrupt("capture bytes \(sha256) are missing")
        }
        return try loadBlob(id, in: db)
    }

    /// The exact bytes stored in blob `id`.
    static func loadBlob(_ id: Int64, in db: Database) throws -> [UInt8] {
        guard let row = try Row.fetchOne(
            db, sql: "SELECT sha256, size, codec, dictionary_id, data FROM blob WHERE id = ?", arguments: [id])
        else { throw StoreError.corrupt("stored capture \(id) is missing") }
        let sha256: String = row["sha256"]
        let size: Int = row["size"]
        let codec: String = row["codec"]
        let data = [UInt8](row["data"] as Data)
        switch codec {
        case "zstd":
            return try Compression.decompress(data, size: size)
        case "zstd-dict":
            guard let base: Int64 = row["dictionary_id"] else {
                throw StoreError.corrupt("capture bytes \(sha256) name no dictionary")
            }
            return try Compression.decompress(data, size: size, dictionary: try loadBlob(base, in: db))
        default:
            throw StoreError.corrupt("capture bytes \(sha256) use an unknown codec \(codec)")
        }
    }

    /// Deletes a blob no capture refers to (and that no other blob uses as its
    /// dictionary); returns whether it was deleted.
    @discardableResult
    static func deleteUnusedBlob(_ id: Int64, in db: Database) throws -> Bool {
        try db.run(sql: """
            DELETE FROM blob WHERE id = ?
              AND NOT EXISTS (SELECT 1 FROM capture WHERE blob_id = ?)
              AND NOT EXISTS (SELECT 1 FROM blob WHERE dictionary_id = ?)
            """, arguments: [id, id, id])
        return db.changesCount > 0
    }
}
