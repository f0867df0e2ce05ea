import Foundation
import GRDB

/// Direct SQLite access for baselines, checkpoints and the bulk-built database.
enum GRDBAccess {
    /// Runs `PRAGMA wal_checkpoint(TRUNCATE)` on the database at `path`.
    static func checkpoint(_ path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in _ = try Row.fetchAll(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        try queue.close()
    }

    /// Bytes per table or index of a database (through the `dbstat` table), largest first.
    static func spaceByObject(_ path: String) -> [(name: String, bytes: Int)] {
        guard let queue = try? DatabaseQueue(path: path) else { return [] }
        defer { try? queue.close() }
        let rows = (try? queue.read { db in
            try Row.fetchAll(db, sql: "SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC")
        }) ?? []
        return rows.map { ($0["name"], $0["bytes"]) }
    }

    /// The baseline of the ingest figure: every capture's bytes as a blob in a plain table,
    /// all in one transaction; milliseconds.
    static func insertBlobs(_ captures: [SyntheticCapture], into path: String) throws -> Double {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE capture_blob (id INTEGER PRIMARY KEY, name TEXT NOT NULL, data BLOB NOT NULL)")
        }
        return try Harness.time {
            try queue.write { db in
                let statement = try db.makeStatement(sql: "INSERT INTO capture_blob (name, data) VALUES (?, ?)")
                for capture in captures {
                    try statement.execute(arguments: [capture.name, capture.bytes.withUnsafeBytes { Data($0) }])
                }
            }
        }
    }

    /// The baseline of the durable ingest figure: each capture's bytes as a blob in a plain table,
    /// one transaction (one durable commit) per blob under the store's pragmas (WAL,
    /// `synchronous = FULL`).
    final class DurableBlobs {
        let queue: DatabaseQueue

        init(path: String) throws {
            var configuration = Configuration()
            configuration.prepareDatabase { db in
                _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                try db.execute(sql: "PRAGMA synchronous = FULL")
            }
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.write { db in
                try db.execute(sql: "CREATE TABLE capture_blob (id INTEGER PRIMARY KEY, name TEXT NOT NULL, data BLOB NOT NULL)")
            }
        }

        /// Inserts one capture in its own transaction.
        func insert(_ capture: SyntheticCapture) throws {
            try queue.write { db in
                try db.execute(sql: "INSERT INTO capture_blob (name, data) VALUES (?, ?)",
                               arguments: [capture.name, capture.bytes.withUnsafeBytes { Data($0) }])
            }
        }

        func close() throws { try queue.close() }
    }
}
