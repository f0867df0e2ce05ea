import FoundationEssentials
import Glibc
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
        /// Read only; the file must exist and is never modified (not even its header), except that an
        /// archive made by an older version is upgraded once before it is read.
        case readOnly
        /// Read only, and an archive that needs a schema upgrade is refused rather than upgraded:
        /// for a process that must never write the file (the web server).
        case readOnlyAsIs
    }

    /// Opens the archive at `path` and brings its schema up to date.
    ///
    /// A new archive is created and migrated under a temporary name and then linked into place, so
    /// no reader ever sees a half-made file. A read-only open first rolls back a hot journal left by
    /// a crash (when the folder can be written), and reads an archive in a folder this user cannot
    /// write as long as SQLite's WAL rules allow it (see ``FileAccess``).
    public init(path: String, access: Access = .readWrite) throws(StoreError) {
        self.path = path
        if access != .readWrite, !FileManager.default.fileExists(atPath: path) {
            throw .missingDatabase(path: path)
        }
        if access == .readWrite, !FileManager.default.fileExists(atPath: path) {
            try Self.createWhole(at: path)
        }
        do {
            if access == .readOnly || access == .readOnlyAsIs {
                if let reader = try FileAccess.readerForUnwritableFolder(path: path, configuration: Self.configuration()) {
                    writer = reader
                    guard try reader.read({ db in try Schema.migrator.hasCompletedMigrations(db) }) else {
                        throw StoreError.unavailable(
                            path: path, cause: "the archive needs a schema upgrade and its folder cannot be written",
                            hint: "run any write command (rir-archive verify does not write) once as the archive's owner")
                    }
                    return
                }
                try FileAccess.recoverHotJournal(path: path)
                var config = Self.configuration()
                config.readonly = true
                // A command that reads once needs one connection, not a pool (a writer connection and
                // then a reader, each parsing the schema): the web server, which serves readers at
                // the same time, keeps the pool.
                let reader: any DatabaseWriter = access == .readOnly
                    ? try DatabaseQueue(path: path, configuration: config)
                    : try DatabasePool(path: path, configuration: config)
                if try reader.read({ db in try Schema.migrator.hasCompletedMigrations(db) }) {
                    writer = reader
                    return
                }
                guard access == .readOnly else {
                    try reader.close()
                    throw StoreError.unavailable(
                        path: path, cause: "the archive was made by an older version and needs a schema upgrade, which this read-only process does not do",
                        hint: "start the daemon, or run one write command (such as rir-archive ingest), once to upgrade it")
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
        } catch let error as StoreError {
            throw error
        } catch {
            throw Self.openingError(path: path, error)
        }
    }

    /// Creates and migrates a new archive as `.NAME.creating-PID` beside `path`, closes it (the WAL is
    /// checkpointed away and removed) and links it into place: the archive appears whole or not at all. When
    /// another process created it first, its file is kept and ours dropped.
    static func createWhole(at path: String) throws(StoreError) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let temporary = "\(folder)/.\(url.lastPathComponent).creating-\(getpid())"
        let leftovers = ["", "-wal", "-shm", "-journal"].map { temporary + $0 }
        defer { for file in leftovers { unlink(file) } }
        for file in leftovers { unlink(file) }
        do {
            // One connection, so that closing it folds the WAL into the file and removes it: what is
            // linked into place is the whole archive, in one file, already in WAL mode.
            let migrating = try DatabaseQueue(path: temporary, configuration: configuration())
            try migrating.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            try Schema.migrator.migrate(migrating)
            // The migrator leaves a statement of its own active once a migration has rebuilt a table
            // (v7), and a checkpoint needs none: the WAL is folded in from a fresh connection.
            try migrating.close()
            let queue = try DatabaseQueue(path: temporary, configuration: configuration())
            try queue.writeWithoutTransaction { db in
                _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            }
            try queue.close()
        } catch {
            throw openingError(path: path, error)
        }
        if let size = try? FileManager.default.attributesOfItem(atPath: temporary + "-wal")[.size] as? Int, size > 0 {
            throw .cannotOpen(path: path, cause: "the new archive's write-ahead log was not folded in on close")
        }
        if link(temporary, path) != 0, errno != EEXIST {
            let cause = String(cString: strerror(errno))
            throw .cannotOpen(path: path, cause: "cannot put the new archive in place: \(cause)")
        }
        FileAccess.syncFolder(folder)
    }

    /// The error for a failure to open or create the database: a full disk, a read-only place, a
    /// permission or a lock named as such, with what to do.
    static func openingError(path: String, _ error: any Error) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? DatabaseError {
            switch error.resultCode.primaryResultCode {
            case .SQLITE_FULL, .SQLITE_READONLY, .SQLITE_BUSY, .SQLITE_LOCKED:
                return classify(error, path: path) ?? .cannotOpen(path: path, cause: describe(error))
            case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
                return .unavailable(path: path, cause: "cannot open the file (\(describe(error)))",
                                    hint: FileAccess.permissionHint(path: path))
            default:
                break
            }
        }
        return .cannotOpen(path: path, cause: describe(error))
    }

    /// A full disk, a lock held too long or a read-only file as ``StoreError/unavailable(path:cause:hint:)``.
    static func classify(_ error: DatabaseError, path: String) -> StoreError? {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        switch error.resultCode.primaryResultCode {
        case .SQLITE_FULL:
            return .unavailable(path: path, cause: "the disk is full",
                                hint: "free space on the file system that holds \(folder); nothing stored was lost")
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return .unavailable(path: path, cause: "another process holds the database lock",
                                hint: "wait for the other writer (the daemon or another rir-archive command) to finish")
        case .SQLITE_READONLY:
            return .unavailable(path: path, cause: "the database cannot be written (\(describe(error)))",
                                hint: FileAccess.permissionHint(path: path))
        default:
            return nil
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
            db.add(function: BlobAddress.unhexFunction())
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
        do {
            return try writer.write { db in
                do {
                    let result = try body(db)
                    try SearchIndex.flushPending(in: db)
                    return result
                } catch {
                    SearchIndex.discardPending(in: db)
                    throw error
                }
            }
        } catch { throw wrap(error) }
    }

    /// A store error for what SQLite or GRDB threw: a full disk, a lock held too long or a
    /// read-only file is `unavailable` (the archive may work again later); the rest is `database`.
    func wrap(_ error: any Error) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? DatabaseError, let classified = Self.classify(error, path: path) {
            return classified
        }
        return .database(path: path, cause: Self.describe(error))
    }

    // MARK: - Backup

    /// Copies the whole archive into a new database file at `destination` with SQLite's online
    /// backup: a consistent snapshot even while another connection (the daemon) writes. The copy is
    /// checkpointed and closed when this returns (one file, no `-wal`).
    public func backup(to destination: String) throws(StoreError) {
        do {
            let copy = try DatabaseQueue(path: destination)
            try writer.backup(to: copy)
            try copy.writeWithoutTransaction { db in
                // A self-contained file: rollback journal, the WAL folded in.
                try db.execute(sql: "PRAGMA journal_mode = DELETE")
            }
            try copy.close()
        } catch {
            throw Self.openingError(path: destination, error)
        }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            return error.message ?? "SQLite error \(error.resultCode.rawValue)"
        }
        return String(describing: error)
    }
}
