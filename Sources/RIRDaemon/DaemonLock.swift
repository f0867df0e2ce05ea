#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// One daemon per database: an exclusive `flock` on `DATABASE.lock`, which holds the owner's PID.
///
/// The lock is released when the value is released or ``release()`` is called (and by the kernel
/// when the process dies); the file itself stays, so that no other process can race on re-creating it.
public final class DaemonLock: @unchecked Sendable {
    /// The lock file.
    public let path: String
    private var fd: Int32

    private init(path: String, fd: Int32) {
        self.path = path
        self.fd = fd
    }

    /// The lock file of a database: its path with `.lock` appended.
    public static func lockPath(forDatabase database: String) -> String { database + ".lock" }

    /// Takes the lock of `database` without waiting, or throws naming the PID that holds it.
    public static func acquire(database: String) throws(DaemonError) -> DaemonLock {
        try acquire(lockPath: lockPath(forDatabase: database))
    }

    /// Takes the lock at `lockPath` without waiting and writes this process's PID into it.
    public static func acquire(lockPath: String) throws(DaemonError) -> DaemonLock {
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .lockFailed(lockPath: lockPath, reason: POSIX.lastError) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            let holder = code == EWOULDBLOCK ? readPID(fd) : nil
            close(fd)
            if code == EWOULDBLOCK { throw .lockHeld(lockPath: lockPath, pid: holder) }
            throw .lockFailed(lockPath: lockPath, reason: POSIX.message(code))
        }
        let text = Array("\(getpid())\n".utf8)
        guard ftruncate(fd, 0) == 0, POSIX.writeAll(fd, text) else {
            let reason = POSIX.lastError
            close(fd)
            throw .lockFailed(lockPath: lockPath, reason: "cannot write the PID: \(reason)")
        }
        return DaemonLock(path: lockPath, fd: fd)
    }

    /// Releases the lock (idempotent).
    public func release() {
        guard fd >= 0 else { return }
        close(fd)
        fd = -1
    }

    deinit { release() }

    private static func readPID(_ fd: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        let text = String(decoding: buffer[..<count], as: UTF8.self)
        return Int32(text.split(whereSeparator: \.isWhitespace).first ?? "")
    }
}
