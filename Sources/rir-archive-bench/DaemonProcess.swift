import Foundation
import RIRTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A `rir-archive daemon` child: started with `$NOTIFY_SOCKET` pointing at a datagram socket
/// this process listens on (the test suite's listener, whose thread reads every datagram: the
/// daemon sends `STATUS=` after every file, and a datagram socket holds only about ten unread
/// messages before the sender's next send blocks), so that the benchmark knows when it is ready.
final class DaemonProcess {
    let pid: pid_t
    let log: String
    private let notify: NotifyListener

    init(program: String, inbox: String, database: String, folder: String) throws {
        notify = try NotifyListener(path: folder + "/notify.sock")
        log = folder + "/daemon.log"
        var environment = Harness.cleanEnvironment
        environment["NOTIFY_SOCKET"] = notify.address
        pid = try Harness.spawn(program, ["daemon", "--inbox", inbox, "--database", database],
                                    environment: environment, output: log)
    }

    /// Waits up to `seconds` for a `READY=1` datagram.
    func waitUntilReady(seconds: Int = 60) throws {
        let deadline = Harness.clock.now + .seconds(seconds)
        while Harness.clock.now < deadline {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                throw BenchError.daemon("the daemon exited before READY=1 (status \(status)); see \(tail())")
            }
            if notify.waitFor(within: 0.1, { $0.split(separator: "\n").contains("READY=1") }) != nil { return }
        }
        throw BenchError.daemon("no READY=1 within \(seconds) s; \(tail())")
    }

    /// Resident memory in MiB, from `/proc/PID/status`.
    func residentMegabytes() throws -> Double {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kilobytes = Double(line.split(separator: " ", omittingEmptySubsequences: true)[1])
        else { throw BenchError.daemon("no VmRSS in /proc/\(pid)/status") }
        return kilobytes / 1024
    }

    /// Resident memory by mapping (file name, `[heap]`, `[anon]`), largest first, in MiB.
    func residentByMapping() -> [(name: String, megabytes: Double)] {
        // /proc files report a size of 0: read to the end rather than by the size.
        guard let handle = FileHandle(forReadingAtPath: "/proc/\(pid)/smaps") else { return [] }
        defer { try? handle.close() }
        let smaps = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
        var totals: [String: Double] = [:]
        var current = "[anon]"
        for line in smaps.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if let first = fields.first, first.contains("-"), fields.count >= 5 {
                current = fields.count >= 6 ? String(fields[5].split(separator: "/").last ?? fields[5]) : "[anon]"
            } else if fields.first == "Rss:", fields.count >= 2, let kilobytes = Double(fields[1]) {
                totals[current, default: 0] += kilobytes / 1024
            }
        }
        return totals.sorted { $0.value > $1.value }.map { ($0.key, $0.value) }
    }

    /// Sends SIGTERM and waits; throws unless the daemon exits 0.
    func stop() throws {
        kill(pid, SIGTERM)
        let status = Harness.wait(pid)
        guard status == 0 else { throw BenchError.daemon("the daemon exited with status \(status) on SIGTERM; \(tail())") }
    }

    /// The end of the daemon's log, for error messages.
    func tail() -> String {
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        return "log \(log): " + text.split(separator: "\n").suffix(5).joined(separator: " | ")
    }
}

/// Names of files moved into the inbox's `processed/` and `rejected/` folders, through inotify.
final class FolderArrivals {
    private let fd: Int32
    private var watches: [Int32: String] = [:]
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)

    init(_ folders: [String]) throws {
        fd = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
        guard fd >= 0 else { throw BenchError.daemon("inotify_init1 failed") }
        for folder in folders {
            let wd = inotify_add_watch(fd, folder, UInt32(IN_MOVED_TO | IN_CREATE))
            guard wd >= 0 else { throw BenchError.daemon("cannot watch \(folder): \(String(cString: strerror(errno)))") }
            watches[wd] = (folder as NSString).lastPathComponent
        }
    }

    deinit { close(fd) }

    /// The (folder, name) pairs that arrived, waiting up to `milliseconds` for the first.
    func next(waiting milliseconds: Int32) -> [(folder: String, name: String)] {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&entry, 1, milliseconds) > 0 else { return [] }
        let count = read(fd, &buffer, buffer.count)
        guard count > 0 else { return [] }
        var arrivals: [(String, String)] = []
        var offset = 0
        while offset + 16 <= count {
            let wd = buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: Int32.self) }
            let length = Int(buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self) })
            let nameBytes = buffer[(offset + 16)..<(offset + 16 + length)].prefix { $0 != 0 }
            arrivals.append((watches[wd] ?? "?", String(decoding: nameBytes, as: UTF8.self)))
            offset += 16 + length
        }
        return arrivals
    }
}
