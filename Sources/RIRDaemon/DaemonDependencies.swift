import RIRConfig

/// What the injected ingest step made of one inbox file.
public enum InboxResult: Sendable, Hashable {
    /// The capture is durably committed; `summary` is logged (e.g. `MEX201601.E: new revision 2`).
    case stored(summary: String)
    /// The capture was refused for good (unparseable, incomplete, expired…); the file goes to `rejected/`.
    case rejected(reason: String)
    /// Nothing was decided (e.g. the database is unavailable); the file stays claimed and is retried.
    case failed(error: String)
}

/// The effects the daemon drives but does not implement; the `rir-archive` command wires them to the store.
///
/// Each closure is called on the daemon's one serial queue, never two at a time, and may block.
public struct DaemonDependencies: Sendable {
    /// Ingests the file at `path` (in the claim folder) that arrived as `originalName`; must be idempotent.
    public var ingest: @Sendable (_ path: String, _ originalName: String) -> InboxResult
    /// Runs one retention sweep (using the valve, never forcing) and returns a one-line summary.
    public var sweep: @Sendable () -> String
    /// Fetches one configured source and returns a one-line summary.
    public var fetch: @Sendable (_ source: FetchSource) -> String
    /// Re-reads and validates the configuration (on SIGHUP); a thrown error keeps the old one.
    public var reload: @Sendable () throws -> ArchiveConfig

    /// Creates the set of effects.
    public init(ingest: @escaping @Sendable (_ path: String, _ originalName: String) -> InboxResult,
                sweep: @escaping @Sendable () -> String,
                fetch: @escaping @Sendable (_ source: FetchSource) -> String,
                reload: @escaping @Sendable () throws -> ArchiveConfig) {
        self.ingest = ingest
        self.sweep = sweep
        self.fetch = fetch
        self.reload = reload
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
