import ArgumentParser
import FoundationEssentials
import Logging
import RIRArchive
import RIRConfig
import RIRDaemon
import RIRStore

/// `rir-archive daemon`: the long-running service (systemd `Type=notify`).
struct DaemonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "daemon",
        abstract: "Run the service: watch the inbox, fetch the configured sources, sweep daily.",
        discussion: """
        Files dropped in the inbox are claimed, ingested, and moved to processed/ or to rejected/ \
        beside a NAME.reason file. SIGTERM/SIGINT finish the file in hand and exit 0; SIGHUP reloads \
        and validates the configuration. Speaks the systemd notify protocol when $NOTIFY_SOCKET is set. \
        When the archive itself cannot be used (unreadable, damaged, read-only) the daemon logs it and \
        exits 1, so that systemd restarts it.
        """)

    @OptionGroup var archive: ArchiveOptions
    @Option(help: ArgumentHelp("The inbox folder to watch.", valueName: "dir")) var inbox: String?

    func run() throws {
        let options = archive
        let inbox = self.inbox
        let resolve: @Sendable () throws -> ArchiveConfig = { try options.resolvedConfig(inbox: inbox) }
        let initial = try resolve()
        let environment = ProcessInfo.processInfo.environment
        LoggingSystem.bootstrap { label in
            StderrLogHandler(label: label, environment: environment, logLevel: Logger.Level(initial.log.level))
        }
        let logger = Logger(label: "rir-archive")
        let lock = try DaemonLock.acquire(database: initial.database)
        // One archive for the daemon's lifetime: one store, one fetcher (politeness shared by every
        // source and tick). The daemon holds the configuration and hands it to each effect.
        let base = try Archive.open(initial, access: .readWrite, cancellableFetches: true)
        // Channels are registered before the inbox is watched: they hear of every event from then on.
        try base.registerNotificationChannels()
        var effects = Self.effects(base, logger: logger, reload: resolve)
        effects.cancel = { base.cancelFetches() }
        effects.backup = { config in
            Self.task { () throws(ArchiveError) in try base.configured(config).scheduledBackup().summary }
        }
        let daemon = Daemon(config: initial, dependencies: effects,
                            environment: environment, logger: logger, lock: lock)
        let status = daemon.run()
        if status != 0 { throw ExitCode(status) }
    }

    /// The daemon's effects, each a call into the application layer under the daemon's configuration.
    static func effects(_ base: Archive, logger: Logger,
                        reload: @escaping @Sendable () throws -> ArchiveConfig) -> DaemonDependencies {
        DaemonDependencies(
            ingest: { path, name, config in
                do throws(ArchiveError) {
                    switch try base.configured(config).ingestInboxFile(at: path, name: name) {
                    case .stored(let result):
                        return .stored(summary: "\(result.id ?? name): \(result.outcome.rawValue) revision \(result.revision ?? 0)")
                    case .rejected(let reason):
                        return .rejected(reason: reason)
                    case .recovered(let result) where result.outcome == .rejected:
                        return .rejected(reason: result.reason ?? "rejected")
                    case .recovered(let result):
                        return .stored(summary: "\(result.id ?? name): \(result.outcome.rawValue) revision "
                                       + "\(result.revision ?? 0), committed before a restart and not stored again")
                    }
                } catch {
                    return error.stopsService ? .fatal(error: error.description) : .failed(error: error.description)
                }
            },
            sweep: { config in
                task { () throws(ArchiveError) in
                    let archive = try base.configured(config)
                    // The daily task also records the digest of reports entering the expiry window.
                    try archive.recordExpiringDigest()
                    return try archive.sweep(asOf: base.clock.today(), dryRun: false, force: false).summary
                }
            },
            fetch: { source, config in
                task { () throws(ArchiveError) in
                    let report = try base.configured(config).fetch(source)
                    // The summary only counts; what went wrong with a page is logged with its reason.
                    for page in report.pages where [.failed, .rejected, .gone].contains(page.outcome) {
                        logger.warning("fetch \(page.outcome.rawValue): \(page.reason ?? "no reason given")",
                                       metadata: ["url": "\(page.url)"])
                    }
                    return report.summary
                }
            },
            reload: reload,
            deliver: { config in
                task { () throws(ArchiveError) in
                    let round = try base.configured(config).deliverNotifications()
                    for error in round.errors { logger.warning("\(error)") }
                    return round.delivered + round.retrying + round.failed == 0 ? "" : round.summary
                }
            })
    }

    /// A scheduled task's result: an archive failure that will not pass by itself stops the daemon.
    private static func task(_ body: () throws(ArchiveError) -> String) -> TaskResult {
        do {
            return .done(summary: try body())
        } catch {
            return error.stopsService ? .fatal(error: error.description) : .failed(error: error.description)
        }
    }
}
