import FoundationEssentials
import Glibc
import GRDB

/// The file-system side of opening an archive: who may write where, journals left by a crash, and
/// SQLite's rules for reading a WAL database in a folder one cannot write.
///
/// A WAL reader needs the `-shm` file: to create it when it is absent (which takes a writable
/// folder), or to read it when it is there. So, for a reader that cannot write the folder:
/// - no `-wal` beside the file: no writer has it open, and the file is read as `immutable`
///   (no locks, no `-shm`);
/// - a `-wal` and `-shm` are there (the daemon runs as another user): the normal read-only open,
///   which SQLite allows when both exist;
/// - a `-wal` without `-shm`: it cannot be read, and the message says what to change.
enum FileAccess {
    /// Whether this process may create files in `folder`.
    static func canWrite(folder: String) -> Bool { access(folder, W_OK) == 0 }

    /// The folder of a database path.
    static func folder(of path: String) -> String {
        URL(fileURLWithPath: path).deletingLastPathComponent().path
    }

    /// A reader for an archive whose folder this user cannot write, or nil when the folder can be
    /// written (the normal open applies).
    static func readerForUnwritableFolder(path: String,
                                          configuration: Configuration) throws -> (any DatabaseWriter)? {
        let folder = folder(of: path)
        guard !canWrite(folder: folder) else { return nil }
        let fileManager = FileManager.default
        let hasWAL = fileManager.fileExists(atPath: path + "-wal")
        let hasSHM = fileManager.fileExists(atPath: path + "-shm")
        var config = configuration
        config.readonly = true
        if !hasWAL {
            if fileManager.fileExists(atPath: path + "-journal"),
               (try? fileManager.attributesOfItem(atPath: path + "-journal")[.size] as? Int) ?? 0 > 0 {
                throw StoreError.unavailable(
                    path: path, cause: "a crash left a hot journal (\(path)-journal) and \(folder) cannot be written",
                    hint: "run any rir-archive command once as a user who can write \(folder), so SQLite rolls it back")
            }
            // Nobody has the database open for writing: read it as an immutable file.
            return try DatabaseQueue(path: immutableURI(path), configuration: config)
        }
        guard hasSHM else {
            throw StoreError.unavailable(
                path: path, cause: "\(folder) cannot be written and \(path)-shm is missing, which a WAL reader needs",
                hint: "give this user write access to \(folder), or read while the daemon runs (it keeps the -shm file)")
        }
        return try DatabasePool(path: path, configuration: config)
    }

    /// Rolls back a hot `-journal` left by a crash (SQLite does so on the first read of a read-write
    /// connection), so that a read-only open that follows does not fail with "readonly database".
    static func recoverHotJournal(path: String) throws {
        let journal = path + "-journal"
        guard let size = try? FileManager.default.attributesOfItem(atPath: journal)[.size] as? Int, size > 0,
              canWrite(folder: folder(of: path)) else { return }
        let queue = try DatabaseQueue(path: path)
        _ = try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") }
        try queue.close()
    }

    /// What to do when the file or its folder cannot be opened or written.
    static func permissionHint(path: String) -> String {
        let folder = folder(of: path)
        if !FileManager.default.fileExists(atPath: folder) {
            return "create the folder \(folder), or pass --database with a path in an existing folder"
        }
        if !canWrite(folder: folder) {
            return "\(folder) is not writable by this user (or is on a read-only file system): "
                + "run as the archive's owner, give this user write access to \(folder), or remount it read-write"
        }
        if access(path, W_OK) != 0, FileManager.default.fileExists(atPath: path) {
            return "\(path) is not writable by this user: run as its owner or change its permissions"
        }
        return "check that \(path), its -wal and -shm files and \(folder) are readable and writable by this user"
    }

    /// `file:PATH?immutable=1`, with the characters a URI path cannot hold percent-encoded.
    static func immutableURI(_ path: String) -> String {
        var encoded = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "%"), UInt8(ascii: "?"), UInt8(ascii: "#"), 0..<0x21, 0x7F...:
                encoded += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            default:
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            }
        }
        return "file:\(encoded)?immutable=1"
    }

    /// Flushes a folder's entries to disk (after a file was linked into it).
    static func syncFolder(_ folder: String) {
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
