/// Why the daemon, or one of its parts, could not do what it was asked.
public enum DaemonError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Another process holds the lock of the database.
    case lockHeld(lockPath: String, pid: Int32?)
    /// The lock file could not be opened or locked.
    case lockFailed(lockPath: String, reason: String)
    /// A file-system operation on the inbox failed.
    case inbox(operation: String, path: String, reason: String)
    /// The notify socket in `NOTIFY_SOCKET` cannot be used.
    case notifySocket(address: String, reason: String)
    /// The inotify instance could not be created or read.
    case inotify(reason: String)

    /// What failed, the subject, the cause, and a hint where one helps.
    public var description: String {
        switch self {
        case let .lockHeld(lockPath, pid):
            let holder = pid.map { "another rir-archive daemon (PID \($0))" } ?? "another rir-archive daemon"
            return "cannot lock the database: \(holder) holds \(lockPath)\n"
                + "hint: stop it first (systemctl stop rir-archive), or give this one another --database"
        case let .lockFailed(lockPath, reason):
            return "cannot lock the database: \(lockPath): \(reason)"
        case let .inbox(operation, path, reason):
            return "cannot \(operation) \(path): \(reason)"
        case let .notifySocket(address, reason):
            return "cannot notify systemd at \(address): \(reason)"
        case let .inotify(reason):
            return "cannot watch the inbox: inotify: \(reason)"
        }
    }
}
