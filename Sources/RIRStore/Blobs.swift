import Foundation
import GRDB
import RIRModel

extension ArchiveStore {
    /// Stores captured bytes once, compressed, under their SHA-256; returns the address.
    ///
    /// Later captures of a report are compressed with the report's first capture as
    /// a zstd dictionary, so a small edit costs a small blob. The dictionary is
    /// never itself dictionary-compressed, so reading needs at most one extra blob.
    static func storeBlob(_ bytes: [UInt8], reportID: String, in db: Database) throws -> String {
        let sha = SHA256Hex.digest(of: bytes)
        if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM blob WHERE sha256 = ?)", arguments: [sha]) == true {
            return sha
        }
        let base = try String.fetchOne(db, sql: """
            SELECT b.sha256 FROM capture c JOIN blob b ON b.sha256 = c.blob_sha256
            WHERE c.report_id = ? AND b.dictionary_sha256 IS NULL ORDER BY c.id LIMIT 1
            """, arguments: [reportID])
        var codec = "zstd"
        var data = try Compression.compress(bytes)
        if let base {
            let dictionary = try loadBlob(base, in: db)
            let delta = try Compression.compress(bytes, dictionary: dictionary)
            if delta.count < data.count {
                data = delta
                codec = "zstd-dict"
            }
        }
        try db.execute(sql: """
            INSERT INTO blob (sha256, size, codec, dictionary_sha256, data) VALUES (?, ?, ?, ?, ?)
            """, arguments: [sha, bytes.count, codec, codec == "zstd-dict" ? base : nil, Data(data)])
        return sha
    }

    /// The exact bytes stored under `sha256`.
    static func loadBlob(_ sha256: String, in db: Database) throws -> [UInt8] {
        guard let row = try Row.fetchOne(
            db, sql: "SELECT size, codec, dictionary_sha256, data FROM blob WHERE sha256 = ?", arguments: [sha256])
        else { throw StoreError.corrupt("capture bytes \(sha256) are missing") }
        let size: Int = row["size"]
        let codec: String = row["codec"]
        let data = [UInt8](row["data"] as Data)
        switch codec {
        case "raw":
            return data
        case "zstd":
            return try Compression.decompress(data, size: size)
        case "zstd-dict":
            guard let base: String = row["dictionary_sha256"] else {
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
    static func deleteUnusedBlob(_ sha256: String, in db: Database) throws -> Bool {
        try db.execute(sql: """
            DELETE FROM blob WHERE sha256 = ?
              AND NOT EXISTS (SELECT 1 FROM capture WHERE blob_sha256 = ?)
              AND NOT EXISTS (SELECT 1 FROM blob WHERE dictionary_sha256 = ?)
            """, arguments: [sha256, sha256, sha256])
        return db.changesCount > 0
    }
}
