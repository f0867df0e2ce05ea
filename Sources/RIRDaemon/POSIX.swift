#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Small wrappers over the C library calls the daemon makes.
enum POSIX {
    /// The text of the current `errno`.
    static var lastError: String { String(cString: strerror(errno)) }

    /// The text of an error number.
    static func message(_ code: Int32) -> String { String(cString: strerror(code)) }

    /// Flushes a directory's entries to disk so that renames in it survive a crash.
    @discardableResult
    static func syncDirectory(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return fsync(fd) == 0
    }

    /// The `lstat` file type of `path` (`S_IFREG`, `S_IFDIR`, …), or nil with `errno` set.
    static func fileType(_ path: String) -> mode_t? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return info.st_mode & S_IFMT
    }

    /// Whether something (of any type) exists at `path`, without following a final symlink.
    static func exists(_ path: String) -> Bool { fileType(path) != nil }

    /// Creates a directory unless it exists; returns nil on success, else the reason.
    static func makeDirectory(_ path: String, mode: mode_t = 0o755) -> String? {
        if mkdir(path, mode) == 0 { return nil }
        let code = errno
        if code == EEXIST, fileType(path) == S_IFDIR { return nil }
        return code == EEXIST ? "exists and is not a directory" : message(code)
    }

    /// What `lstat` says of one entry: its type, link count and change time.
    struct EntryInfo {
        var type: mode_t
        var links: UInt
        /// Seconds since the epoch of the last change (content, name or link count).
        var changed: Int
    }

    /// The `lstat` of `path` (never following a final symlink), or nil with `errno` set.
    static func entryInfo(_ path: String) -> EntryInfo? { entryInfo(bytes: Array(path.utf8)) }

    /// The `lstat` of a path given as raw bytes.
    static func entryInfo(bytes path: [UInt8]) -> EntryInfo? {
        var info = stat()
        let found = (path + [0]).withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { lstat($0.baseAddress!, &info) == 0 }
        }
        guard found else { return nil }
        return EntryInfo(type: info.st_mode & S_IFMT, links: UInt(info.st_nlink), changed: Int(info.st_ctim.tv_sec))
    }

    /// The wall clock in whole seconds (to compare with ``EntryInfo/changed``).
    static var wallSeconds: Int { Int(time(nil)) }

    /// The raw names (bytes, valid UTF-8 or not) in a directory other than `.` and `..`.
    static func directoryEntries(_ path: String) -> Result<[[UInt8]], DaemonError> {
        guard let dir = opendir(path) else {
            return .failure(.inbox(operation: "read the folder", path: path, reason: lastError))
        }
        defer { closedir(dir) }
        var names: [[UInt8]] = []
        while true {
            errno = 0
            guard let entry = readdir(dir) else {
                if errno != 0 {
                    return .failure(.inbox(operation: "read the folder", path: path, reason: lastError))
                }
                break
            }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix(while: { $0 != 0 })) }
            guard name != [0x2E], name != [0x2E, 0x2E] else { continue }
            names.append(name)
        }
        return .success(names)
    }

    /// Renames between two paths given as raw bytes (a name that is not UTF-8 cannot be a `String`).
    static func rename(_ source: [UInt8], _ target: [UInt8]) -> Bool {
        (source + [0]).withUnsafeBufferPointer { from in
            (target + [0]).withUnsafeBufferPointer { to in
                from.withMemoryRebound(to: CChar.self) { from in
                    to.withMemoryRebound(to: CChar.self) { to in
                        Glibc.rename(from.baseAddress!, to.baseAddress!) == 0
                    }
                }
            }
        }
    }

    /// Names in a directory other than `.` and `..` that are valid UTF-8 (the others are left to
    /// ``directoryEntries(_:)``), or the reason it cannot be read.
    static func directoryNames(_ path: String) -> Result<[String], DaemonError> {
        directoryEntries(path).map { entries in entries.compactMap { String(validating: $0, as: UTF8.self) } }
    }

    /// Writes all of `bytes` to `fd`, retrying on `EINTR` and short writes.
    @discardableResult
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let count = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += count
            }
            return true
        }
    }

    /// The monotonic clock in microseconds (for `MONOTONIC_USEC=` of a reload).
    static var monotonicMicroseconds: UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1000
    }
}
