import FoundationEssentials
import GRDB
import RIRModel

/// Content-addressed text (sections and back-matter lists) with counted references
/// and delta compression against a predecessor's text.
enum ContentStore {
    /// A text as stored: heading (sections only) and body.
    struct Text: Hashable {
        var heading: String?
        var body: String
    }

    /// The address of a piece of content: SHA-256 over the heading (or its absence) and the body.
    static func address(heading: String?, body: String) -> String {
        // The bytes of `(heading.map { "h:" + $0 } ?? "-") + "\u{1F}" + body`, built once.
        var key: [UInt8] = []
        key.reserveCapacity((heading?.utf8.count ?? 0) + body.utf8.count + 3)
        if let heading {
            key += [0x68, 0x3A]
            key += heading.utf8
        } else {
            key.append(0x2D)
        }
        key.append(0x1F)
        key += body.utf8
        return SHA256Hex.digest(of: key)
    }

    /// Adds one reference to the content for (heading, body), storing (and indexing it for
    /// search) if new; returns its id.
    ///
    /// A new text is stored as a zstd delta against `predecessor`'s base text (the
    /// text `predecessor` itself was stored against, or `predecessor` when it is plain),
    /// so a lightly edited section costs about its edit. Bases are never deltas, so a
    /// text is always one decompression away.
    static func retain(heading: String?, body: String, predecessor: Int64?, in db: Database) throws -> Int64 {
        let hash = address(heading: heading, body: body)
        if let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM content WHERE hash = ?"), arguments: [hash]) {
            try db.run(sql: "UPDATE content SET refs = refs + 1 WHERE id = ?", arguments: [id])
            return id
        }
        let plain = Array(body.utf8)
        var codec = "text"
        var stored = plain
        var base: Int64?
        if let predecessor, plain.count >= 64,
           let root = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, codec, base_id FROM content WHERE id = ?"),
                                       arguments: [predecessor]) {
            let rootID: Int64 = (root["codec"] as String) == "text" ? root["id"] : root["base_id"]
            let dictionary = Array(try load(rootID, in: db).body.utf8)
            let delta = try Compression.compress(plain, dictionary: dictionary)
            if delta.count * 5 < plain.count * 4 {
                codec = "zstd-dict"
                stored = delta
                base = rootID
                try db.run(sql: "UPDATE content SET refs = refs + 1 WHERE id = ?", arguments: [rootID])
            }
        }
        try db.run(sql: """
            INSERT INTO content (hash, heading, codec, base_id, body, refs) VALUES (?, ?, ?, ?, ?, 1)
            """, arguments: [hash, heading, codec, base, Data(stored)])
        let id = db.lastInsertedRowID
        try SearchIndex.add(rowid: id, heading: heading, body: body, in: db)
        return id
    }

    /// The text of one content row.
    static func load(_ id: Int64, in db: Database) throws -> Text {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT heading, codec, base_id, body FROM content WHERE id = ?"),
                                         arguments: [id]) else {
            throw StoreError.corrupt("shared text \(id) is missing")
        }
        let body = [UInt8](row["body"] as Data)
        switch row["codec"] as String {
        case "text":
            return Text(heading: row["heading"], body: String(decoding: body, as: UTF8.self))
        case "zstd-dict":
            guard let baseID: Int64 = row["base_id"] else { throw StoreError.corrupt("shared text \(id) names no base") }
            let base = try load(baseID, in: db)
            let plain = try Compression.decompress(body, dictionary: Array(base.body.utf8))
            return Text(heading: row["heading"], body: String(decoding: plain, as: UTF8.self))
        case let codec:
            throw StoreError.corrupt("shared text \(id) uses an unknown codec \(codec)")
        }
    }

    /// Drops one reference to each id (an id may repeat); deletes the texts nothing uses any
    /// more, then the bases only those texts used, each with its search index entries.
    static func release(_ ids: [Int64], in db: Database) throws {
        for id in ids {
            try db.run(sql: "UPDATE content SET refs = refs - 1 WHERE id = ?", arguments: [id])
        }
        while true {
            let orphans = try Row.fetchAll(db.cachedStatement(sql: "SELECT id, base_id FROM content WHERE refs = 0"))
            if orphans.isEmpty { return }
            for orphan in orphans {
                try SearchIndex.remove(rowid: orphan["id"], in: db)
                try db.run(sql: "DELETE FROM content WHERE id = ?", arguments: [orphan["id"] as Int64])
                if let base: Int64 = orphan["base_id"] {
                    try db.run(sql: "UPDATE content SET refs = refs - 1 WHERE id = ?", arguments: [base])
                }
            }
        }
    }
}

/// A revision's section list as stored in `revision.sections`: one line per
/// section, "CONTENT_ID LEVEL NUMBER" (NUMBER "-" for the unnumbered opening section).
struct SectionList: Hashable {
    struct Entry: Hashable {
        var contentID: Int64
        var level: Int
        var number: String?
    }

    var entries: [Entry]

    var encoded: String {
        entries.map { "\($0.contentID) \($0.level) \($0.number ?? "-")" }.joined(separator: "\n")
    }

    init(entries: [Entry]) { self.entries = entries }

    init(decoding text: String) throws {
        entries = try text.split(separator: "\n").map { line in
            let parts = line.split(separator: " ")
            guard parts.count == 3, let id = Int64(parts[0]), let level = Int(parts[1]) else {
                throw StoreError.corrupt("a revision's section list has a malformed line: \(line)")
            }
            return Entry(contentID: id, level: level, number: parts[2] == "-" ? nil : String(parts[2]))
        }
    }
}
