import RIRConfig
import RIRFetch
import RIRModel
import RIRRetention
import RIRStore

/// The archive's use cases: what the CLI, the daemon, the benchmark and (later) the web server call.
///
/// An `Archive` is a cheap value over long-lived parts: the store (one SQLite file), one fetcher
/// (whose per-site politeness delay holds across every fetch of the process) and an injected clock.
/// The configuration is the one the caller holds; ``configured(_:)`` gives the same archive under a
/// reloaded configuration, keeping the store and the fetcher.
public struct Archive: Sendable {
    /// The configuration every operation follows.
    public let config: ArchiveConfig
    /// The archive database.
    public let store: ArchiveStore
    /// Where "now" comes from.
    public let clock: ArchiveClock
    /// The one fetcher of the process.
    public let fetcher: Fetcher
    /// The retention policy of ``config``.
    public let policy: RetentionPolicy

    /// An archive over `store` that follows `config`; the fetcher is built from `config.fetch`
    /// (over libcurl) unless one is given.
    public init(config: ArchiveConfig, store: ArchiveStore, clock: ArchiveClock = .system,
                fetcher: Fetcher? = nil) throws(ArchiveError) {
        self.config = config
        self.store = store
        self.clock = clock
        self.fetcher = fetcher ?? Fetcher(settings: FetchSettings(config.fetch))
        policy = try RetentionPolicy(config.retention)
    }

    /// Opens the database `config` names: `.readWrite` creates it when needed, `.readOnly` never
    /// modifies the file.
    ///
    /// With `cancellableFetches`, ``cancelFetches()`` can stop a fetch in progress from another
    /// thread (the daemon, on SIGTERM).
    public static func open(_ config: ArchiveConfig, access: ArchiveStore.Access, clock: ArchiveClock = .system,
                            cancellableFetches: Bool = false) throws(ArchiveError) -> Archive {
        let store = try stored { () throws(StoreError) in try ArchiveStore(path: config.database, access: access) }
        let fetcher = Fetcher(settings: FetchSettings(config.fetch),
                              cancellation: cancellableFetches ? FetchCancellation() : nil)
        return try Archive(config: config, store: store, clock: clock, fetcher: fetcher)
    }

    /// Stops the fetches in progress and every later one (a transfer within a second, a wait at once);
    /// only for an archive opened with `cancellableFetches`.
    public func cancelFetches() {
        fetcher.cancellation?.cancel()
    }

    /// The same archive (store, fetcher, clock) under `config`, as after a reload. The fetcher
    /// takes the new fetch settings and keeps its politeness state.
    public func configured(_ config: ArchiveConfig) throws(ArchiveError) -> Archive {
        fetcher.update(FetchSettings(config.fetch))
        return try Archive(config: config, store: store, clock: clock, fetcher: fetcher)
    }
}

extension FetchSettings {
    /// The fetcher settings the configuration describes.
    public init(_ fetch: ArchiveConfig.Fetch) {
        self.init(userAgent: fetch.userAgentHeader,
                  connectTimeout: fetch.connectTimeout.seconds, totalTimeout: fetch.totalTimeout.seconds,
                  maxBodyBytes: fetch.maxBodyBytes, retries: fetch.retries,
                  minHostDelay: fetch.minHostDelay.seconds, allowedHosts: Set(fetch.effectiveAllowedHosts),
                  maxTimePerURL: fetch.maxTimePerURL.seconds)
    }
}

extension ConfigDuration {
    /// The duration in seconds.
    public var seconds: Double { Double(milliseconds) / 1000 }
}
