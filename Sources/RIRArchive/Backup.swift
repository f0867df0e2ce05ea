import Foundation
import Glibc
import RIRModel
import RIRStore

/// Why a backup was not made.
public enum BackupError: Error, Sendable, CustomStringConvertible {
    /// The destination (or its folder) cannot be written.
    case cannotWrite(path: String, cause: String)
    /// The copy was written but `verify` found problems in it; it was not put in place.
    case verifyFailed(path: String, problems: [String])
    /// `backup.dir` is not set, so the daemon has nowhere to write.
    case noFolder

    public var description: String {
        switch self {
        case .cannotWrite(let path, let cause):
            "cannot back up to \(path): \(cause)\nhint: check that the folder exists, has room, and is writable by this user"
        case .verifyFailed(let path, let problems):
            "the backup copy \(path) did not verify (\(problems.count) problems, first: \(problems.first ?? "?")); "
                + "it was not kept\nhint: run rir-archive verify on the archive itself"
        case .noFolder:
            "no backup folder is configured\nhint: set backup.dir in the configuration"
        }
    }
}

/// A verified backup in place.
public struct BackupOutcome: Sendable {
    /// Where the copy is.
    public var path: String
    /// Its size in bytes.
    public var bytes: Int
    /// What `verify` found in the copy (healthy, or the backup would have failed).
    public var verified: VerifyReport
    /// Older scheduled backups deleted to keep `backup.keep`.
    public var removed: [String]

    /// `archive-20261201T155035Z.db: 12 reports, 30 captures, 1234567 bytes, verified`.
    public var summary: String {
        "\((path as NSString).lastPathComponent): \(verified.reports) reports, \(verified.captures) captures, "
            + "\(bytes) bytes, verified" + (removed.isEmpty ? "" : "; \(removed.count) older backup(s) removed")
    }
}

extension Archive {
    /// The name of a backup file made at `timestamp` (`2026-12-01T15:50:35Z` → `archive-20261201T155035Z.db`).
    public static func backupName(at timestamp: String) -> String {
        "archive-\(timestamp.filter { $0 != "-" && $0 != ":" }).db"
    }

    /// Writes a consistent copy of the archive to `destination` (a file path, or an existing folder
    /// that gets `archive-TIMESTAMP.db`) while other connections may write: SQLite's online backup
    /// into `.NAME.partial-PID` beside it, a full `verify` of the copy, then an atomic rename into
    /// place. A copy that does not verify is deleted, and what was at `destination` stays.
    public func backup(to destination: String) throws(ArchiveError) -> BackupOutcome {
        var isFolder: ObjCBool = false
        let target = FileManager.default.fileExists(atPath: destination, isDirectory: &isFolder) && isFolder.boolValue
            ? (destination as NSString).appendingPathComponent(Self.backupName(at: clock.timestamp()))
            : destination
        let folder = ((target as NSString).deletingLastPathComponent as NSString).length == 0
            ? "." : (target as NSString).deletingLastPathComponent
        let partial = (folder as NSString).appendingPathComponent(
            ".\((target as NSString).lastPathComponent).partial-\(getpid())")
        let companions = ["", "-wal", "-shm", "-journal"].map { partial + $0 }
        defer { for file in companions { unlink(file) } }
        for file in companions { unlink(file) }

        do { try store.backup(to: partial) } catch {
            throw .backup(.cannotWrite(path: target, cause: error.description))
        }
        let verified: VerifyReport
        do {
            verified = try ArchiveStore(path: partial, access: .readOnly).verify()
        } catch {
            throw .backup(.verifyFailed(path: target, problems: [error.description]))
        }
        guard verified.isHealthy else { throw .backup(.verifyFailed(path: target, problems: verified.problems)) }
        // The reader left its -shm (and an empty -wal) behind; the copy itself is whole in one file.
        for file in companions.dropFirst() { unlink(file) }
        let fd = Glibc.open(partial, O_RDONLY | O_CLOEXEC)
        if fd >= 0 {
            fsync(fd)
            close(fd)
        }
        guard rename(partial, target) == 0 else {
            throw .backup(.cannotWrite(path: target, cause: String(cString: strerror(errno))))
        }
        let folderFD = Glibc.open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folderFD >= 0 {
            fsync(folderFD)
            close(folderFD)
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: target)[.size] as? Int) ?? 0
        return BackupOutcome(path: target, bytes: size, verified: verified, removed: [])
    }

    /// The daemon's scheduled backup: one verified copy into `backup.dir` (created if needed), then
    /// the oldest `archive-*.db` files there beyond `backup.keep` deleted.
    public func scheduledBackup() throws(ArchiveError) -> BackupOutcome {
        guard let folder = config.backup.dir else { throw .backup(.noFolder) }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw .backup(.cannotWrite(path: folder, cause: "cannot create the folder: \(error)"))
        }
        var outcome = try backup(to: folder)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasPrefix("archive-") && $0.hasSuffix(".db") }
            .sorted()
        for name in names.dropLast(config.backup.keep) {
            let path = (folder as NSString).appendingPathComponent(name)
            if path != outcome.path, unlink(path) == 0 { outcome.removed.append(path) }
        }
        return outcome
    }
}
