import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Timing, statistics and child processes for the figures.
enum Harness {
    static let clock = ContinuousClock()

    static func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }

    /// Milliseconds taken by `body`.
    static func time(_ body: () throws -> Void) rethrows -> Double {
        let start = clock.now
        try body()
        return milliseconds(clock.now - start)
    }

    static func median(_ samples: [Double]) -> Double {
        let sorted = samples.sorted()
        guard !sorted.isEmpty else { return .nan }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    // MARK: - Files

    /// A fresh private folder under $TMPDIR, removed by the caller.
    static func temporaryFolder(_ label: String) throws -> String {
        let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array("\(base)/rir-bench-\(label)-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw BenchError.tool("cannot create a folder under \(base)") }
        return String(cString: made)
    }

    /// Set by `--keep`: temporary folders stay for profiling.
    nonisolated(unsafe) static var keepFolders = false

    /// Removes a temporary folder (unless `--keep`) or a file.
    static func removeFolder(_ path: String) {
        if keepFolders {
            FileHandle.standardError.write(Data("kept \(path)\n".utf8))
        } else {
            remove(path)
        }
    }

    static func remove(_ path: String) { try? FileManager.default.removeItem(atPath: path) }

    /// Size of a file in bytes (0 when absent).
    static func fileSize(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            throw BenchError.tool("cannot write \(path)")
        }
    }

    // MARK: - Child processes

    /// The absolute path of a program found on $PATH.
    static func which(_ program: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(program)" }.first { access($0, X_OK) == 0 }
    }

    /// Starts `executable` with `arguments`; stdout and stderr go to `output` (default /dev/null).
    static func spawn(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                      output: String = "/dev/null") throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let env = (environment ?? ProcessInfo.processInfo.environment).map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { env.forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, nil, argv, env)
        guard status == 0 else { throw BenchError.tool("cannot start \(executable): \(String(cString: strerror(status)))") }
        return pid
    }

    /// Waits for a child; its exit status (or 128 + signal).
    static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }

    /// Runs a command to the end; its exit status and wall time in milliseconds.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                    output: String = "/dev/null",
                    accepting statuses: Set<Int32> = [0]) throws -> Double {
        let start = clock.now
        let pid = try spawn(executable, arguments, environment: environment, output: output)
        let status = wait(pid)
        let elapsed = milliseconds(clock.now - start)
        guard statuses.contains(status) else {
            throw BenchError.tool("\(([executable] + arguments).joined(separator: " ")) exited with status \(status)")
        }
        return elapsed
    }

    /// The environment for child processes: this one without any rir-archive setting.
    static var cleanEnvironment: [String: String] {
        ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("RIR_ARCHIVE") && $0.key != "NOTIFY_SOCKET" }
    }

    /// The release `rir-archive` beside this benchmark binary.
    static var archiveExecutable: String {
        let own = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        return own.deletingLastPathComponent().appendingPathComponent("rir-archive").path
    }
}
