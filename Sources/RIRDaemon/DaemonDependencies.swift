import RIRConfig

/// What the injected ingest step made of one inbox file.
public enum InboxResult: Sendable, Hashable {
    /// The capture is durably committed; `summary` is logged (e.g. `MEX201601.E: new-revision revision 2`).
    case stored(summary: String)
    /// The capture was refused for good (unparseable, incomplete, expired…); the file goes to `rejected/`.
    case rejected(reason: String)
    /// Nothing was decided for now (the disk is full, the database busy); the file stays claimed and is retried.
    case failed(error: String)
    /// The archive itself cannot be used (unreadable, damaged, gone read-only): the daemon stops with a
    /// non-zero exit so that systemd shows it and restarts it. The file stays claimed.
    case fatal(error: String)
}

/// What a scheduled task (a sweep, a fetch of one source) came to.
public enum TaskResult: Sendable, Hashable {
    /// It ran; the summary is logged (`purged 2 of 10 reports`, `1 new-revision, 3 unchanged`).
    case done(summary: String)
    /// It could not run this time; logged as an error, tried again at the next tick.
    case failed(error: String)
    /// The archive itself cannot be used: the daemon stops with a non-zero exit.
    case fatal(error: String)
}

/// The effects the daemon drives but does not implement; the `rir-archive` command wires them to the
/// application layer.
///
/// Each effect is given the daemon's configuration (the one it holds, swapped on reload) and may block.
/// `ingest` and `sweep` are called on the daemon's serial queue, never two at a time; `fetch` runs on
/// the fetch queue and `backup` on the backup queue, so they may run while a file is ingested (the
/// store's one writer orders the writes).
public struct DaemonDependencies: Sendable {
    /// Ingests the file at `path` (in the claim folder) that arrived as `originalName`; must be idempotent.
    public var ingest: @Sendable (_ path: String, _ originalName: String, _ config: ArchiveConfig) -> InboxResult
    /// Runs one retention sweep (using the valve, never forcing).
    public var sweep: @Sendable (_ config: ArchiveConfig) -> TaskResult
    /// Fetches one configured source.
    public var fetch: @Sendable (_ source: FetchSource, _ config: ArchiveConfig) -> TaskResult
    /// Re-reads and validates the configuration (on SIGHUP); a thrown error keeps the old one.
    public var reload: @Sendable () throws -> ArchiveConfig
    /// Stops the fetches in progress, soon (called once when the daemon stops, from its queue).
    public var cancel: @Sendable () -> Void
    /// Writes one verified backup into `backup.dir` and prunes old ones; nil schedules no backups.
    public var backup: (@Sendable (_ config: ArchiveConfig) -> TaskResult)?
    /// Runs one round of notification deliveries (send what is due, record each attempt). Unlike the
    /// other effects it is called on the delivery loop's own serial queue, so that a slow receiver never
    /// holds up an ingest; an empty summary means the round had nothing to do. Nil: no delivery loop.
    public var deliver: (@Sendable (_ config: ArchiveConfig) -> TaskResult)?

    /// Creates the set of effects.
    public init(ingest: @escaping @Sendable (_ path: String, _ originalName: String, _ config: ArchiveConfig) -> InboxResult,
                sweep: @escaping @Sendable (_ config: ArchiveConfig) -> TaskResult,
                fetch: @escaping @Sendable (_ source: FetchSource, _ config: ArchiveConfig) -> TaskResult,
                reload: @escaping @Sendable () throws -> ArchiveConfig,
                cancel: @escaping @Sendable () -> Void = {},
                backup: (@Sendable (_ config: ArchiveConfig) -> TaskResult)? = nil,
                deliver: (@Sendable (_ config: ArchiveConfig) -> TaskResult)? = nil) {
        self.ingest = ingest
        self.sweep = sweep
        self.fetch = fetch
        self.reload = reload
        self.cancel = cancel
        self.backup = backup
        self.deliver = deliver
    }
}

/// Files the daemon has handled since it started.
public struct InboxCounts: Sendable, Hashable, CustomStringConvertible {
    /// Files stored and moved to `processed/`.
    public var processed = 0
    /// Files moved to `rejected/`.
    public var rejected = 0
    /// Ingest attempts that failed and left the file claimed for a retry.
    public var failed = 0

    /// Creates counts.
    public init(processed: Int = 0, rejected: Int = 0, failed: Int = 0) {
        self.processed = processed
        self.rejected = rejected
        self.failed = failed
    }

    /// `3 processed, 1 rejected, 0 failed`.
    public var description: String { "\(processed) processed, \(rejected) rejected, \(failed) failed" }
}
