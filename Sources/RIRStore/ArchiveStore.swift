import Foundation
import GRDB
import RIRModel

/// The archive: one SQLite database in WAL mode holding reports, captures,
/// revisions and their content-addressed text.
///
/// Every write goes through the single writer connection in one transaction per
/// capture, so a crash leaves a whole capture or nothing. Readers (the CLI while
/// the daemon runs) use the pool's concurrent read connections.
public final class ArchiveStore: Sendable {
    let writer: any DatabaseWriter
    /// The database file, or `:memory:`.
    public let path: String

    /// How a command uses the archive.
    public enum Access: Sendable {
        /// Read and write, creating the file if needed.
        case readWrite
        /// Read and write an archive that must already exist.
        case readWriteExisting
        /// Read only; the file must exist and is never modified (not even its header).
        case readOnly
    }

    /// Opens the archive at `path` and brings its schema up to date.
    public init(path: String, access: Access = .readWrite) throws(StoreError) {
        self.path = path
        if access != .readWrite, !FileManager.default.fileExists(atPath: path) {
            throw .missingDatabase(path: path)
        }
        do {
            if access == .readOnly {
                var config = Self.configuration()
                config.readonly = true
                let reader = try DatabasePool(path: path, configuration: config)
                if try reader.read({ db in try Schema.migrator.hasCompletedMigrations(db) }) {
                    writer = reader
                    return
                }
                // An archive from an older version: migrate once, then read.
                try reader.close()
                try Schema.migrator.migrate(try DatabasePool(path: path, configuration: Self.configuration()))
                writer = try DatabasePool(path: path, configuration: config)
                return
            }
            let pool = try DatabasePool(path: path, configuration: Self.configuration())
            // GRDB sets synchronous = NORMAL for WAL; a capture must be durable once committed.
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            try Schema.migrator.migrate(pool)
            writer = pool
        } catch {
            throw .cannotOpen(path: path, cause: Self.describe(error))
        }
    }

    /// A private in-memory archive (for tests and dry runs).
    public init(inMemory: Void = ()) throws(StoreError) {
        path = ":memory:"
        do {
            writer = try DatabaseQueue(configuration: Self.configuration())
            try Schema.migrator.migrate(writer)
        } catch {
            throw .cannotOpen(path: ":memory:", cause: Self.describe(error))
        }
    }

    /// The names of the migrations applied to this database, in order.
    public func appliedMigrations() throws(StoreError) -> [String] {
        try read { db in try Schema.migrator.appliedMigrations(db) }
    }

    /// Applies the migrations again (a no-op when they are all applied).
    public func migrate() throws(StoreError) {
        do { try Schema.migrator.migrate(writer) } catch { throw wrap(error) }
    }

    static func configuration() -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(10)
        // A long-running daemon should stay small: few readers, each with a modest page cache.
        config.maximumReaderCount = 2
        config.label = "rir-archive"
        config.prepareDatabase { db in
            db.add(function: SearchIndex.contentTextFunction())
            try db.execute(sql: "PRAGMA secure_delete = ON")
            try db.execute(sql: "PRAGMA cache_size = -1024")
        }
        return config
    }

    // MARK: - Access

    func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws(StoreError) -> T {
        do { return try writer.read(body) } catch { throw wrap(error) }
    }

    func write<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws(StoreError) -> T {
        do { return try writer.write(body) } catch { throw wrap(error) }
    }

    /// A store error for what SQLite or GRDB threw: a full disk, a lock held too long or a
    /// read-only file is `unavailable` (the archive may work again later); the rest is `database`.
    func wrap(_ error: any Error) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? DatabaseError {
            switch error.resultCode.primaryResultCode {
            case .SQLITE_FULL:
                return .unavailable(path: path, cause: "the disk is full",
                                    hint: "free space on the file system that holds \(path)")
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                return .unavailable(path: path, cause: "another process holds the database lock",
                                    hint: "wait for the other writer (the daemon or another rir-archive command) to finish")
            case .SQLITE_READONLY:
                return .unavailable(path: path, cause: "the database cannot be written (\(Self.describe(error)))",
                                    hint: "check that the file and its folder are writable by this user")
            default:
                break
            }
        }
        return .database(path: path, cause: Self.describe(error))
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            return error.message ?? "SQLite error \(error.resultCode.rawValue)"
        }
        return String(describing: error)
    }
}
