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
    func scheduleFetches(_ sources: [FetchSource]) {
        let wanted = Set(sources)
        for (source, timer) in fetchTimers where !wanted.contains(source) {
            timer.cancel()
            fetchTimers[source] = nil
        }
        for source in sources where fetchTimers[source] == nil {
            fetchTimers[source] = repeatingTimer(every: source.interval) { daemon in
                switch daemon.dependencies.fetch(source, daemon.config) {
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
