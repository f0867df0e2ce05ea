import Foundation
import Logging
import RIRConfig
import RIRTestSupport
import Synchronization
@testable import RIRDaemon

// MARK: - Temporary folders

/// A fresh folder under /tmp (short, so that socket paths fit in `sun_path`).
func makeTemporaryFolder() throws -> String {
    let path = "/tmp/rirdt-\(UUID().uuidString.prefix(8))"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Writes `text` to `path` (creating or replacing it).
func writeFile(_ path: String, _ text: String = "RIR capture\n") throws {
    try text.write(toFile: path, atomically: false, encoding: .utf8)
}

/// The sorted names in a folder, or [] when it does not exist.
func names(in folder: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
}

// MARK: - Fake effects

/// Records the effects the daemon calls and answers with scripted results.
final class FakeEffects: Sendable {
    struct Call: Equatable, Sendable {
        var path: String
        var originalName: String
        var contents: String
    }

    let calls = Mutex<[Call]>([])
    let sweeps = Mutex(0)
    let fetches = Mutex<[FetchSource]>([])
    let outcome: @Sendable (_ originalName: String, _ attempt: Int) -> InboxResult
    let reloaded: Mutex<Result<ArchiveConfig, ConfigError>>
    let sweepResult: @Sendable (_ sweep: Int) -> TaskResult
    let fetchResult: @Sendable (_ source: FetchSource) -> TaskResult
    /// How many times the daemon asked to cancel the fetches in progress.
    let cancels = Mutex(0)
    /// The backups the daemon ran; nil effect when `backup` is not given.
    let backups = Mutex(0)
    let backupResult: (@Sendable (_ backup: Int) -> TaskResult)?

    init(reload: Result<ArchiveConfig, ConfigError> = .success(.defaults),
         outcome: @escaping @Sendable (_ originalName: String, _ attempt: Int) -> InboxResult = { name, _ in
             .stored(summary: "\(name): new document")
         },
         sweep: @escaping @Sendable (_ sweep: Int) -> TaskResult = { .done(summary: "sweep \($0): nothing expired") },
         fetch: @escaping @Sendable (_ source: FetchSource) -> TaskResult = { _ in .done(summary: "304 not modified") },
         backup: (@Sendable (_ backup: Int) -> TaskResult)? = nil) {
        self.outcome = outcome
        self.reloaded = Mutex(reload)
        self.sweepResult = sweep
        self.fetchResult = fetch
        self.backupResult = backup
    }

    var isCancelled: Bool { cancels.withLock { $0 } > 0 }

    var ingestedNames: [String] { calls.withLock { $0.map(\.originalName) } }

    var dependencies: DaemonDependencies {
        var backup: (@Sendable (ArchiveConfig) -> TaskResult)?
        if let backupResult {
            backup = { _ in backupResult(self.backups.withLock { $0 += 1; return $0 }) }
        }
        return DaemonDependencies(
            ingest: { path, name, _ in
                let contents = (try? String(contentsOfFile: path, encoding: .utf8)) ?? "<unreadable>"
                let attempt = self.calls.withLock { calls in
                    calls.append(Call(path: path, originalName: name, contents: contents))
                    return calls.filter { $0.originalName == name }.count
                }
                return self.outcome(name, attempt)
            },
            sweep: { _ in
                let n = self.sweeps.withLock { $0 += 1; return $0 }
                return self.sweepResult(n)
            },
            fetch: { source, _ in
                self.fetches.withLock { $0.append(source) }
                return self.fetchResult(source)
            },
            reload: { try self.reloaded.withLock { try $0.get() } },
            cancel: { self.cancels.withLock { $0 += 1 } },
            backup: backup
        )
    }
}

// MARK: - Running a daemon

/// A daemon running on its own thread, with its temporary inbox and notify listener.
final class RunningDaemon: @unchecked Sendable {
    let daemon: Daemon
    let listener: NotifyListener
    let root: String
    private let done = DispatchSemaphore(value: 0)
    private let result = Mutex<Int32?>(nil)

    var inbox: String { root + "/inbox" }

    /// Starts a daemon on `root` (inbox `root/inbox`, database `root/archive.db`).
    init(root: String, effects: FakeEffects, environment extra: [String: String] = [:],
         handlesSignals: Bool = false, log: LogRecorder? = nil,
         configure: (inout ArchiveConfig) -> Void = { _ in }) throws {
        self.root = root
        listener = try NotifyListener(folder: root)
        var config = ArchiveConfig.defaults
        config.inbox = root + "/inbox"
        config.database = root + "/archive.db"
        configure(&config)
        var environment = ["NOTIFY_SOCKET": listener.address]
        environment.merge(extra) { _, new in new }
        var logger = Logger(label: "rir-archive.test") { _ in
            log.map { $0.handler } ?? SwiftLogNoOpLogHandler()
        }
        logger.logLevel = .debug
        daemon = Daemon(config: config, dependencies: effects.dependencies, environment: environment,
                        logger: logger, handlesSignals: handlesSignals)
        let thread = Thread { [self] in
            let code = daemon.run()
            result.withLock { $0 = code }
            done.signal()
        }
        thread.start()
    }

    /// Stops the daemon and returns its exit code (nil if it did not return within 10 s).
    func stop() -> Int32? {
        daemon.stop()
        return exitCode()
    }

    /// Waits for `run()` to return and gives its exit code (nil if it did not return within 10 s).
    func exitCode() -> Int32? {
        guard done.wait(timeout: .now() + 10) == .success else { return nil }
        return result.withLock { $0 }
    }
}

// MARK: - Log lines

/// Keeps the lines the daemon logs, formatted exactly as ``StderrLogHandler`` writes them to stderr.
final class LogRecorder: Sendable {
    private let lines = Mutex<[String]>([])

    /// Every line so far.
    var all: [String] { lines.withLock { $0 } }

    var handler: any LogHandler { Handler(recorder: self) }

    private struct Handler: LogHandler {
        let recorder: LogRecorder
        var logLevel: Logger.Level = .debug
        var metadata: Logger.Metadata = [:]
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            var merged = metadata
            if let extra = event.metadata { merged.merge(extra) { _, new in new } }
            let line = StderrLogHandler(priorityPrefixes: false)
                .format(level: event.level, message: event.message.description, metadata: merged)
            recorder.lines.withLock { $0.append(line) }
        }
    }
}
