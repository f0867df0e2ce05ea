import ArgumentParser
import Foundation
import Logging
import RIRConfig
import RIRDaemon
import RIRStore
import Synchronization

/// `rir-archive daemon`: the long-running service (systemd `Type=notify`).
struct DaemonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "daemon",
        abstract: "Run the service: watch the inbox, fetch the configured sources, sweep daily.",
        discussion: """
        Files dropped in the inbox are claimed, ingested, and moved to processed/ or to rejected/ \
        beside a NAME.reason file. SIGTERM/SIGINT finish the file in hand and exit 0; SIGHUP reloads \
        and validates the configuration. Speaks the systemd notify protocol when $NOTIFY_SOCKET is set.
        """)

    @Option(help: ArgumentHelp("The YAML configuration file (default: $RIR_ARCHIVE_CONFIG, else built-in defaults).",
                               valueName: "file"))
    var config: String?
    @Option(help: ArgumentHelp("The inbox folder to watch.", valueName: "dir")) var inbox: String?
    @Option(help: ArgumentHelp("The archive database file.", valueName: "path")) var database: String?

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let file = config ?? environment[ArchiveConfig.configFileVariable].flatMap { $0.isEmpty ? nil : $0 }
        let overrides = ConfigOverrides(database: database, inbox: inbox)
        let resolve: @Sendable () throws -> ArchiveConfig = {
            try ArchiveConfig.resolve(file: file, environment: environment, overrides: overrides)
        }
        let initial = try resolve()
        LoggingSystem.bootstrap { label in
            StderrLogHandler(label: label, environment: environment, logLevel: Logger.Level(initial.log.level))
        }
        let logger = Logger(label: "rir-archive")
        let lock = try DaemonLock.acquire(database: initial.database)
        let store = try ArchiveStore(path: initial.database)
        let current = Mutex(initial)

        let dependencies = DaemonDependencies(
            ingest: { path, name in
                Self.ingest(path: path, name: name, store: store, config: current.withLock { $0 })
            },
            sweep: {
                Self.sweep(store: store, config: current.withLock { $0 })
            },
            fetch: { source in
                let (lines, summary) = SourceFetch(store: store, config: current.withLock { $0 }).run(source)
                // The summary only counts; what went wrong with a page is logged with its reason.
                for line in lines where ["failed", "rejected", "gone"].contains(line.outcome) {
                    logger.warning("fetch \(line.outcome): \(line.reason ?? "no reason given")",
                                   metadata: ["url": "\(line.url)"])
                }
                return summary
            },
            reload: {
                let config = try resolve()
                if config.database != initial.database {
                    logger.warning("database changed to \(config.database) in the configuration; it takes effect at the next start")
                }
                current.withLock { $0 = config }
                return config
            })
        let daemon = Daemon(config: initial, dependencies: dependencies, environment: environment, logger: logger,
                            lock: lock)
        let status = daemon.run()
        if status != 0 { throw ExitCode(status) }
    }

    /// One inbox file through the shared ingest pipeline.
    static func ingest(path: String, name: String, store: ArchiveStore, config: ArchiveConfig) -> InboxResult {
        do {
            let bytes = try CaptureFile.read(path, maxBytes: config.ingest.maxBytes)
            let ingestion = try Ingestion(store: store, config: config, asOf: Clock.today())
            let result = try ingestion.ingest(bytes, name: name, source: "inbox/\(name)")
            if result.outcome == .rejected { return .rejected(reason: result.reason ?? "rejected") }
            return .stored(summary: "\(result.id ?? name): \(result.outcome.rawValue) revision \(result.revision ?? 0)")
        } catch let error as InputError {
            return .rejected(reason: error.description)
        } catch {
            return .failed(error: "\(error)")
        }
    }

    /// The daily sweep: with the valve, never forced.
    static func sweep(store: ArchiveStore, config: ArchiveConfig) -> String {
        do {
            let outcome = try RetentionSweep(store: store, config: config)
                .run(asOf: Clock.today(), dryRun: false, force: false)
            let plan = outcome.plan
            if let reason = plan.reason { return "sweep refused: \(reason)" }
            return "sweep as of \(plan.asOf.iso): purged \(plan.purge.count) of \(plan.totalReports) reports, \(plan.held.count) held"
        } catch {
            return "sweep failed: \(error)"
        }
    }
}

/// `rir-archive config check`: validate a configuration and print the effective one.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Configuration tools.", subcommands: [Check.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate the configuration and print the effective one (flag > environment > file > default).")

        @OptionGroup var archive: ArchiveOptions

        func run() throws {
            let config = try archive.resolvedConfig()
            for name in ArchiveConfig.unknownEnvironmentVariables(in: ProcessInfo.processInfo.environment) {
                Output.error("warning: \(name) is set but is not a rir-archive setting")
            }
            Output.write(config.effectiveYAML, to: .standardOutput)
        }
    }
}
