#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Dispatch
import Logging
import RIRConfig

/// The rir-archive service: watches the inbox, runs the sweep and fetch schedules, pings the systemd
/// watchdog, and answers SIGTERM/SIGINT (stop) and SIGHUP (reload).
///
/// The inbox and the sweep run on one named serial queue (``queueLabel``), which also holds all of the
/// daemon's mutable state. Scheduled fetches run on their own serial queue and backups on another, so a
/// stalled server or a long backup never delays an inbox file; their results come back to the main
/// queue, and every write still goes through the store's one writer. Nothing polls: inotify, signals
/// and timers are Dispatch sources (plus a low-rate rescan of the inbox). A stop cancels a fetch in
/// flight (``DaemonDependencies/cancel``) and waits at most ``stopGrace`` for background work.
/// ``run()`` blocks the calling thread until a stop and returns the exit code.
///
/// Wiring, from a synchronous `ParsableCommand.run()` (never from top-level code in `main.swift`):
/// ```swift
/// let environment = ProcessInfo.processInfo.environment
/// let resolve = { try ArchiveConfig.resolve(file: configPath, environment: environment, overrides: overrides) }
/// let config = try resolve()
/// LoggingSystem.bootstrap { StderrLogHandler(label: $0, environment: environment) }
/// let lock = try DaemonLock.acquire(database: config.database)  // before the store is opened
/// let store = try ...open config.database...
/// let dependencies = DaemonDependencies(
///     ingest: { path, name, config in ...ingest the file → .stored / .rejected / .failed / .fatal... },
///     sweep: { config in ...retention sweep with the valve → .done(summary) / .failed / .fatal... },
///     fetch: { source, config in ...fetch one source → .done(summary) / .failed / .fatal... },
///     reload: resolve)
/// let daemon = Daemon(config: config, dependencies: dependencies, environment: environment,
///                     logger: Logger(label: "rir-archive"), lock: lock)
/// throw ExitCode(daemon.run())
/// ```
public final class Daemon: @unchecked Sendable {
    /// Label of the serial queue all work runs on.
    public static let queueLabel = "ca.rir-archive.daemon"

    let queue = DispatchQueue(label: Daemon.queueLabel)
    /// Where scheduled fetches run, one at a time.
    let fetchQueue = DispatchQueue(label: "\(Daemon.queueLabel).fetch")
    /// Where scheduled backups run.
    let backupQueue = DispatchQueue(label: "\(Daemon.queueLabel).backup")
    /// Background work (fetches, backups) in flight; a stop waits for it, within ``stopGrace``.
    let background = DispatchGroup()
    let dependencies: DaemonDependencies
    let environment: [String: String]
    let handlesSignals: Bool
    var config: ArchiveConfig
    var logger: Logger

    // MARK: State (on `queue` only)

    enum Phase { case created, running, stopped }
    var phase = Phase.created
    /// Whether a stop has finished (the lock released, ``run()`` told to return).
    var ended = false
    var lock: DaemonLock?
    var ownsLock = false
    var notifier: SystemdNotifier?
    var notifyFailureLogged = false
    var folder: InboxFolder
    var watcher: InboxWatcher?
    var inboxProblem: String?
    var pending: [WorkItem] = []
    var pendingSet: Set<WorkItem> = []
    var draining = false
    /// Names waiting at the top of the inbox while a file of the same name is still claimed.
    var waitingForName: Set<String> = []
    var tally = InboxCounts()
    var lastSweep: String?
    var sweepTimer: (any DispatchSourceTimer)?
    var fetchTimers: [FetchSource: any DispatchSourceTimer] = [:]
    var retryTimer: (any DispatchSourceTimer)?
    var delivery: DeliveryLoop?
    var retryDelay = Daemon.firstRetryDelay
    /// When the claimed files are retried next (seconds since the epoch), for `STATUS=`.
    var retryAt: Int?
    /// Why the last ingest could not be stored (disk full, database busy), until one is stored again.
    var archiveProblem: String?
    var rescanTimer: (any DispatchSourceTimer)?
    /// Odd inbox entries that could not be moved to `rejected/`: warned about once.
    var unmovable: Set<InboxFolder.Entry> = []
    var fetchesInFlight: Set<FetchSource> = []
    var backupTimer: (any DispatchSourceTimer)?
    var backupInFlight = false
    var lastBackup: String?
    var signalSources: [any DispatchSourceSignal] = []
    var exitCode: Int32 = 0
    let watchdog: WatchdogPing
    private let finished = DispatchSemaphore(value: 0)

    /// Delay before claimed files are retried after a failed ingest; doubles up to ``longestRetryDelay``.
    static let firstRetryDelay: Double = 30
    /// Longest delay between two retries of failed files.
    static let longestRetryDelay: Double = 900
    /// How long a stop waits for a cancelled fetch or a backup to return before the process exits anyway
    /// (well inside systemd's `TimeoutStopSec`; nothing partial is ever committed).
    static let stopGrace: Double = 4

    /// Creates the daemon; nothing starts before ``run()``.
    ///
    /// - Parameters:
    ///   - config: the effective configuration (``ArchiveConfig/resolve(file:environment:overrides:)``).
    ///   - dependencies: the ingest, sweep, fetch and reload effects.
    ///   - environment: the process environment, for `NOTIFY_SOCKET`, `WATCHDOG_USEC` and `WATCHDOG_PID`.
    ///   - logger: where the daemon logs; its level follows `config.log.level`.
    ///   - lock: the database lock if the caller already took it; else ``run()`` takes it.
    ///   - handlesSignals: whether ``run()`` installs the SIGTERM, SIGINT and SIGHUP handlers.
    public init(config: ArchiveConfig, dependencies: DaemonDependencies, environment: [String: String],
                logger: Logger, lock: DaemonLock? = nil, handlesSignals: Bool = true) {
        self.config = config
        self.dependencies = dependencies
        self.environment = environment
        self.logger = logger
        self.logger.logLevel = Logger.Level(config.log.level)
        self.lock = lock
        self.handlesSignals = handlesSignals
        self.folder = InboxFolder(root: config.inbox)
        self.watchdog = WatchdogPing(environment: environment, processID: getpid())
    }

    // MARK: - Entry points

    /// Starts the daemon and blocks until it stops; returns the process exit code (0 after a stop signal,
    /// 1 when it cannot start, e.g. another daemon holds the database lock).
    public func run() -> Int32 {
        dispatchPrecondition(condition: .notOnQueue(queue))
        if let error = queue.sync(execute: { start() }) {
            logger.critical("\(error)")
            return 1
        }
        finished.wait()
        return queue.sync { exitCode }
    }

    /// Stops after the item in hand: `STOPPING=1`, timers and watches cancelled, ``run()`` returns 0.
    /// What SIGTERM and SIGINT call.
    public func stop() {
        queue.async { self.finish(exitCode: 0) }
    }

    /// Reloads the configuration through the injected `reload`: `RELOADING=1`, then `READY=1`; an invalid
    /// configuration is logged and the old one kept. What SIGHUP calls.
    public func reload() {
        queue.async { self.performReload() }
    }

    /// Files handled since the start (never call it from an injected effect: they run on the daemon's queue).
    public var counts: InboxCounts { queue.sync { tally } }

    // MARK: - Start and stop

    private func start() -> DaemonError? {
        precondition(phase == .created, "Daemon.run() is called once")
        do {
            notifier = try SystemdNotifier(environment: environment)
            if lock == nil {
                lock = try DaemonLock.acquire(database: config.database)
                ownsLock = true
            }
        } catch {
            phase = .stopped
            return error
        }
        phase = .running
        logger.info("starting", metadata: ["inbox": "\(folder.root)", "database": "\(config.database)",
                                            "pid": "\(getpid())"])
        startWatching()
        // READY=1 waits until the signal sources are registered, so that a SIGTERM or SIGHUP sent as soon
        // as systemd sees READY is caught rather than lost.
        if handlesSignals {
            installSignalHandlers { [weak self] in self?.announceReady() }
        } else {
            announceReady()
        }
        watchdog.start(notifier: notifier)
        if let interval = watchdog.interval {
            logger.debug("watchdog ping every \(interval.seconds)s")
        }
        scheduleSweep()
        scheduleFetches(config.fetch.sources)
        scheduleBackups()
        startRescanning()
        startDelivery()
        return nil
    }

    /// The archive itself failed: log it at `critical` (journald shows it as an error) and stop with exit
    /// status 1, so that systemd restarts the service and an operator sees why.
    func stopForArchiveFailure(_ message: String) {
        logger.critical("\(message); the archive cannot be used, stopping")
        finish(exitCode: 1)
    }

    func finish(exitCode code: Int32) {
        guard phase == .running else { return }
        phase = .stopped
        notify { try $0.stopping() }
        logger.info("stopping", metadata: ["counts": "\(tally)"])
        watcher?.stop()
        watcher = nil
        watchdog.stop()
        sweepTimer?.cancel()
        fetchTimers.values.forEach { $0.cancel() }
        fetchTimers = [:]
        backupTimer?.cancel()
        retryTimer?.cancel()
        rescanTimer?.cancel()
        delivery?.stop()
        // Dispatch keeps its own handler installed for these signals; the sources are only cancelled.
        for source in signalSources { source.cancel() }
        signalSources = []
        exitCode = code
        // A fetch in flight is cancelled (libcurl's progress callback sees it within a second); the
        // process ends once background work has returned, or after the grace period at the latest.
        if !fetchesInFlight.isEmpty || backupInFlight {
            logger.info("waiting for background work to end", metadata: [
                "fetches": "\(fetchesInFlight.count)", "backup": "\(backupInFlight)"])
        }
        dependencies.cancel()
        let end: @Sendable () -> Void = { [self] in
            // Runs on the queue, from whichever comes first: the background work's end or the grace period.
            guard !ended else { return }
            ended = true
            if ownsLock { lock?.release() }
            finished.signal()
        }
        background.notify(queue: queue, execute: end)
        queue.asyncAfter(deadline: .now() + Self.stopGrace, execute: end)
    }

    private func announceReady() {
        guard phase == .running else { return }
        notify { try $0.ready(status: statusLine) }
        logger.info("ready", metadata: ["status": "\(statusLine)"])
    }

    /// Signal sources for SIGTERM, SIGINT (stop) and SIGHUP (reload); `onRegistered` runs on the queue once
    /// all three are registered with Dispatch.
    private func installSignalHandlers(onRegistered: @escaping @Sendable () -> Void) {
        let actions: [(Int32, @Sendable (Daemon) -> Void)] = [
            (SIGTERM, { $0.logger.info("SIGTERM received"); $0.finish(exitCode: 0) }),
            (SIGINT, { $0.logger.info("SIGINT received"); $0.finish(exitCode: 0) }),
            (SIGHUP, { $0.logger.info("SIGHUP received"); $0.performReload() }),
        ]
        var unregistered = actions.count
        var blocked = sigset_t()
        pthread_sigmask(SIG_BLOCK, nil, &blocked)
        for (number, action) in actions {
            // Ignore the signal until Dispatch installs its handler, unless a handler is already there
            // (an earlier source in this process): replacing it would make Dispatch lose signals.
            // A signal blocked by a mask inherited from the parent is left alone: it stays pending until
            // Dispatch reads it, whereas ignoring it would discard a SIGTERM sent during the start-up.
            if sigismember(&blocked, number) != 1 {
                let previous = signal(number, SIG_IGN)
                if previous != nil { signal(number, previous) }
            }
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [weak self] in
                guard let self else { return }
                action(self)
            }
            source.setRegistrationHandler {
                unregistered -= 1
                if unregistered == 0 { onRegistered() }
            }
            source.resume()
            signalSources.append(source)
        }
    }

    // MARK: - Reload

    func performReload() {
        guard phase == .running else { return }
        notify { try $0.reloading() }
        let newConfig: ArchiveConfig
        do {
            newConfig = try dependencies.reload()
        } catch {
            logger.error("cannot reload the configuration, keeping the old one: \(error)")
            notify { try $0.ready(status: statusLine) }
            return
        }
        apply(newConfig)
        logger.info("configuration reloaded")
        notify { try $0.ready(status: statusLine) }
    }

    private func apply(_ newConfig: ArchiveConfig) {
        var newConfig = newConfig
        if newConfig.database != config.database {
            logger.warning("a new database path takes a restart; keeping \(config.database)",
                           metadata: ["requested": "\(newConfig.database)"])
            newConfig.database = config.database
        }
        let old = config
        config = newConfig
        logger.logLevel = Logger.Level(newConfig.log.level)
        if InboxFolder(root: newConfig.inbox) != folder {
            logger.info("switching inbox", metadata: ["from": "\(folder.root)", "to": "\(newConfig.inbox)"])
            watcher?.stop()
            pending.removeAll()
            pendingSet.removeAll()
            waitingForName.removeAll()
            folder = InboxFolder(root: newConfig.inbox)
            inboxProblem = nil
            startWatching()
        }
        if newConfig.retention.sweepInterval != old.retention.sweepInterval { scheduleSweep() }
        scheduleFetches(newConfig.fetch.sources)
        if newConfig.backup != old.backup { scheduleBackups() }
        delivery?.update(newConfig)
    }

    // MARK: - systemd

    /// The `STATUS=` line: where the inbox stands and the counts; when files cannot be stored (a full
    /// disk), that first, with when they are retried.
    var statusLine: String {
        var line = ""
        if let archiveProblem {
            line += "cannot store, files wait in the inbox: \(archiveProblem)"
            if let retryAt { line += " (retry in \(max(0, retryAt - POSIX.wallSeconds))s)" }
            line += "; "
        }
        line += inboxProblem.map { "inbox unavailable (\($0))" } ?? "watching \(folder.root)"
        line += ": \(tally)"
        if let lastSweep { line += "; last sweep: \(lastSweep)" }
        if let lastBackup { line += "; last backup: \(lastBackup)" }
        return line
    }

    func sendStatus() { notify { try $0.status(statusLine) } }

    func notify(_ message: (SystemdNotifier) throws -> Void) {
        guard let notifier else { return }
        do {
            try message(notifier)
            notifyFailureLogged = false
        } catch {
            if !notifyFailureLogged { logger.warning("\(error)") }
            notifyFailureLogged = true
        }
    }
}
