import FoundationEssentials
import GRDB
import RIRModel
import Synchronization

extension ArchiveStore {
    /// Longest chain of dictionaries a read may have to decompress.
    static let maxBlobDepth = 16

    /// Stores captured bytes once, compressed, under their SHA-256; returns the blob's id.
    ///
    /// A later capture of a report is compressed with an earlier capture of it as a zstd
    /// dictionary, so a small edit costs about its size: a recapture of revision `revision`
    /// against that revision's first capture (recaptures of an unchanged report, the daily case,
    /// do not lengthen the chain), any other capture against the report's latest one. Chains
    /// stop at ``maxBlobDepth``: past it the report's first capture is the dictionary again.
    static func storeBlob(_ bytes: [UInt8], reportID: String, recapturing revision: Int? = nil,
                          in db: Database) throws -> Int64 {
        let sha = SHA256Hex.digest(of: bytes)
        let address = BlobAddress(hex: sha)!
        if let id = try BlobAddress.find(address, in: db) { return id }
        let previous: Row?
        if let revision {
            previous = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT b.id, b.depth, b.sha256 FROM capture c JOIN blob b ON b.id = c.blob_id
                WHERE c.report_id = ? AND c.revision = ? ORDER BY c.id LIMIT 1
                """), arguments: [reportID, revision])
        } else {
            previous = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT b.id, b.depth, b.sha256 FROM capture c JOIN blob b ON b.id = c.blob_id
                WHERE c.report_id = ? ORDER BY c.id DESC LIMIT 1
                """), arguments: [reportID])
        }
        var dictionary: (id: Int64, depth: Int, sha256: Data)?
        if let previous {
            dictionary = (previous["id"], previous["depth"], previous["sha256"])
            if let chosen = dictionary, chosen.depth >= maxBlobDepth,
               let root = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT b.id, b.sha256 FROM capture c JOIN blob b ON b.id = c.blob_id
                WHERE c.report_id = ? AND b.depth = 0 ORDER BY c.id LIMIT 1
                """), arguments: [reportID]) {
                dictionary = (root["id"], 0, root["sha256"])
            }
        }
        var codec = "zstd"
        var depth = 0
        let data: [UInt8]
        if let dictionary, dictionary.depth < maxBlobDepth {
            // Compressing against a capture of the same report is never worse than without one.
            let plain = try DictionaryCache.shared.bytes(of: dictionary.sha256) {
                try loadBlob(dictionary.id, in: db)
            }
            data = try Compression.compress(bytes, dictionary: plain)
            codec = "zstd-dict"
            depth = dictionary.depth + 1
        } else {
            data = try Compression.compress(bytes)
        }
        try db.run(sql: """
            INSERT INTO blob (sha256, size, codec, dictionary_id, depth, data) VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [address.data, bytes.count, codec, codec == "zstd-dict" ? dictionary?.id : nil, depth,
                             Data(data)])
        DictionaryCache.shared.keep(bytes, as: address.data)
        return db.lastInsertedRowID
    }

    /// The exact bytes of the blob with SHA-256 `sha256` (hex).
    static func loadBlob(sha256: String, in db: Database) throws -> [UInt8] {
        guard let address = BlobAddress(hex: sha256), let id = try BlobAddress.find(address, in: db) else {
            throw StoreError.corrupt("capture bytes \(sha256) are missing")
        }
        return try loadBlob(id, in: db)
    }

    /// The exact bytes stored in blob `id`.
    static func loadBlob(_ id: Int64, in db: Database) throws -> [UInt8] {
        guard let row = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT sha256, size, codec, dictionary_id, data FROM blob WHERE id = ?"),
            arguments: [id])
        else { throw StoreError.corrupt("stored capture \(id) is missing") }
        let sha256 = SHA256Hex.hex(row["sha256"] as Data)
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

/// A capture's address as `blob.sha256` stores it (since v7): the 32 bytes of the SHA-256,
/// found through the `blob_address` index of their first 8.
struct BlobAddress {
    let data: Data

    /// The address of a 64-digit hex SHA-256 (either case); nil for anything else.
    init?(hex: String) {
        let digits = Array(hex.utf8)
        guard digits.count == 64 else { return nil }
        var bytes = [UInt8]()
        bytes.reserveCapacity(32)
        for index in stride(from: 0, to: 64, by: 2) {
            guard let high = Self.nibble(digits[index]), let low = Self.nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        data = Data(bytes)
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// The id of the blob stored under `address`, if any.
    static func find(_ address: BlobAddress, in db: Database) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: """
            SELECT id FROM blob WHERE substr(sha256, 1, 8) = substr(?1, 1, 8) AND sha256 = ?1
            """), arguments: [address.data])
    }

    /// `rir_unhex(text)`: the bytes of a hex string (v7's rebuild of `blob` uses it; SQLite 3.40 has
    /// no `unhex`). Fails on anything that is not a 64-digit SHA-256, so no address is lost.
    static func unhexFunction() -> DatabaseFunction {
        DatabaseFunction("rir_unhex", argumentCount: 1, pure: true) { values in
            guard let hex = String.fromDatabaseValue(values[0]), let address = BlobAddress(hex: hex) else {
                throw StoreError.corrupt("a stored capture's address is not a SHA-256: \(values[0])")
            }
            return address.data
        }
    }
}

/// The plain bytes of the few captures most recently stored or used as dictionaries, keyed by
/// their SHA-256, so that storing the next capture of a report does not decompress the chain of
/// its dictionary again. Keyed by content address, an entry is right for every archive.
final class DictionaryCache: Sendable {
    static let shared = DictionaryCache(limit: 8)

    private let limit: Int
    /// Most recently used last.
    private let entries = Mutex<[(address: Data, bytes: [UInt8])]>([])

    init(limit: Int) { self.limit = limit }

    /// The bytes under `address`, from the cache or else from `load` (checked against the
    /// address before they are kept).
    func bytes(of address: Data, load: () throws -> [UInt8]) throws -> [UInt8] {
        let cached = entries.withLock { entries -> [UInt8]? in
            guard let index = entries.firstIndex(where: { $0.address == address }) else { return nil }
            let entry = entries.remove(at: index)
            entries.append(entry)
            return entry.bytes
        }
        if let cached { return cached }
        let loaded = try load()
        if BlobAddress(hex: SHA256Hex.digest(of: loaded))?.data == address { keep(loaded, as: address) }
        return loaded
    }

    /// Keeps `bytes`, whose SHA-256 is `address`, dropping the least recently used entry past the limit.
    func keep(_ bytes: [UInt8], as address: Data) {
        entries.withLock { entries in
            entries.removeAll { $0.address == address }
            entries.append((address, bytes))
            if entries.count > limit { entries.removeFirst(entries.count - limit) }
        }
    }
}
