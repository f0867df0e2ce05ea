import Dispatch
import Logging
import RIRConfig

extension Daemon {
    /// The first run of a schedule comes after its interval, but no later than this after the start,
    /// so that a daemon restarted more often than daily still sweeps and fetches.
    static let firstRunCeiling = ConfigDuration.seconds(60)

    // MARK: - Retention sweep

    func scheduleSweep() {
        sweepTimer?.cancel()
        let interval = config.retention.sweepInterval
        sweepTimer = repeatingTimer(every: interval) { daemon in
            switch daemon.dependencies.sweep(daemon.config) {
            case .done(let summary):
                daemon.lastSweep = summary
                daemon.logger.info("retention sweep: \(summary)")
            case .failed(let error):
                daemon.lastSweep = "failed"
                daemon.logger.error("retention sweep failed: \(error); it runs again at the next interval")
            case .fatal(let error):
                daemon.stopForArchiveFailure("retention sweep: \(error)")
                return
            }
            daemon.sendStatus()
        }
        logger.debug("retention sweep every \(interval)")
    }

    // MARK: - Fetch schedule

    /// Keeps the timers of unchanged sources, cancels those of removed ones and starts the new ones.
    /// A tick hands the fetch to the fetch queue; a source whose previous fetch is still running skips it.
    func scheduleFetches(_ sources: [FetchSource]) {
        let wanted = Set(sources)
        for (source, timer) in fetchTimers where !wanted.contains(source) {
            timer.cancel()
            fetchTimers[source] = nil
        }
        for source in sources where fetchTimers[source] == nil {
            fetchTimers[source] = repeatingTimer(every: source.interval) { daemon in
                daemon.startFetch(of: source)
            }
        }
    }

    private func startFetch(of source: FetchSource) {
        guard fetchesInFlight.insert(source).inserted else {
            logger.notice("fetch of \(source.url) is still running; this tick is skipped")
            return
        }
        let config = self.config
        let fetch = dependencies.fetch
        inBackground(on: fetchQueue, { fetch(source, config) }) { daemon, result, seconds in
            daemon.fetchesInFlight.remove(source)
            let limit = config.fetch.maxTimePerURL.seconds
            if seconds > config.fetch.totalTimeout.seconds {
                daemon.logger.warning("slow source: fetching \(source.url) took \(Int(seconds)) s", metadata: [
                    "total_timeout": "\(config.fetch.totalTimeout)", "max_time_per_url": "\(config.fetch.maxTimePerURL)",
                    "over_limit": "\(seconds > limit)"])
            }
            switch result {
            case .done(let summary):
                daemon.logger.info("fetched \(source.url): \(summary)")
            case .failed(let error):
                daemon.logger.error("cannot fetch \(source.url): \(error); it is tried again at the next interval")
            case .fatal(let error):
                daemon.stopForArchiveFailure("fetch of \(source.url): \(error)")
                return
            }
            daemon.sendStatus()
        }
    }

    // MARK: - Backups

    /// Starts (or stops) the backup timer from `backup.dir` and `backup.interval`; only with a backup effect.
    func scheduleBackups() {
        backupTimer?.cancel()
        backupTimer = nil
        guard let backup = dependencies.backup, config.backup.dir != nil else { return }
        backupTimer = repeatingTimer(every: config.backup.interval) { daemon in
            guard !daemon.backupInFlight else { return }
            daemon.backupInFlight = true
            let config = daemon.config
            daemon.inBackground(on: daemon.backupQueue, { backup(config) }) { daemon, result, _ in
                daemon.backupInFlight = false
                switch result {
                case .done(let summary):
                    daemon.lastBackup = summary
                    daemon.logger.info("backup: \(summary)")
                case .failed(let error):
                    daemon.lastBackup = "failed"
                    daemon.logger.error("backup failed: \(error); it runs again at the next interval")
                case .fatal(let error):
                    daemon.stopForArchiveFailure("backup: \(error)")
                    return
                }
                daemon.sendStatus()
            }
        }
        logger.debug("backup every \(config.backup.interval)")
    }

    // MARK: - Background work

    /// Runs `work` on `queue` (off the inbox's path), then `completion` on the daemon's queue with the
    /// result and the seconds it took, unless the daemon stopped meanwhile.
    func inBackground(on workQueue: DispatchQueue, _ work: @escaping @Sendable () -> TaskResult,
                      completion: @escaping @Sendable (Daemon, TaskResult, Double) -> Void) {
        background.enter()
        workQueue.async { [self] in
            let start = POSIX.monotonicMicroseconds
            let result = work()
            let seconds = Double(POSIX.monotonicMicroseconds - start) / 1_000_000
            queue.async { [self] in
                defer { background.leave() }
                guard phase == .running else { return }
                completion(self, result, seconds)
            }
        }
    }

    // MARK: - Timers

    private func repeatingTimer(every interval: ConfigDuration,
                                _ action: @escaping @Sendable (Daemon) -> Void) -> any DispatchSourceTimer {
        let first = min(interval, Self.firstRunCeiling)
        let leeway = max(1, min(interval.milliseconds / 100, 60_000))
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + .nanoseconds(first.nanoseconds),
                       repeating: .nanoseconds(interval.nanoseconds), leeway: .milliseconds(Int(leeway)))
        timer.setEventHandler { [weak self] in
            guard let self, self.phase == .running else { return }
            self.watchdog.working { action(self) }
        }
        timer.resume()
        return timer
    }
}
