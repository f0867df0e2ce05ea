import Dispatch
import Logging
import RIRConfig

extension Daemon {
    /// Starts the delivery loop when a `deliver` effect is injected.
    func startDelivery() {
        guard let deliver = dependencies.deliver else { return }
        let loop = DeliveryLoop(deliver: deliver, logger: logger) { [weak self] message in
            // The archive failed under the delivery loop: stop the daemon as any archive failure does.
            guard let self else { return }
            self.queue.async { self.stopForArchiveFailure(message) }
        }
        delivery = loop
        loop.start(config)
    }
}

/// The notification delivery loop: a timer every `notify.interval` on a serial queue of its own (never
/// the inbox queue), so that a receiver that is slow, down or answering errors never holds up an
/// ingest. The first round runs at once, so that deliveries left by a crash go out after a restart.
final class DeliveryLoop: @unchecked Sendable {
    /// Label of the loop's serial queue.
    static let queueLabel = "\(Daemon.queueLabel).delivery"

    private let queue = DispatchQueue(label: DeliveryLoop.queueLabel)
    private let deliver: @Sendable (ArchiveConfig) -> TaskResult
    private let logger: Logger
    private let onFatal: @Sendable (String) -> Void
    // MARK: State (on `queue` only)
    private var config = ArchiveConfig.defaults
    private var timer: (any DispatchSourceTimer)?
    private var stopped = false

    init(deliver: @escaping @Sendable (ArchiveConfig) -> TaskResult, logger: Logger,
         onFatal: @escaping @Sendable (String) -> Void) {
        self.deliver = deliver
        self.logger = logger
        self.onFatal = onFatal
    }

    /// Starts the rounds under `config`.
    func start(_ config: ArchiveConfig) {
        queue.async {
            self.config = config
            self.schedule(first: .now())
        }
    }

    /// Takes a reloaded configuration; a new interval restarts the timer.
    func update(_ newConfig: ArchiveConfig) {
        queue.async {
            guard !self.stopped else { return }
            let interval = self.config.notify.interval
            self.config = newConfig
            if newConfig.notify.interval != interval { self.schedule(first: .now()) }
        }
    }

    /// Stops after the round in hand (a delivery cut short by the exit is sent again after a restart).
    func stop() {
        queue.async {
            self.stopped = true
            self.timer?.cancel()
            self.timer = nil
        }
    }

    private func schedule(first: DispatchTime) {
        timer?.cancel()
        let interval = config.notify.interval
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: first, repeating: .nanoseconds(interval.nanoseconds),
                       leeway: .milliseconds(Int(max(1, min(interval.milliseconds / 10, 1000)))))
        timer.setEventHandler { [weak self] in self?.round() }
        timer.resume()
        self.timer = timer
        logger.debug("notification deliveries every \(interval)")
    }

    private func round() {
        guard !stopped else { return }
        switch deliver(config) {
        case .done(let summary):
            if summary.isEmpty {
                logger.debug("notifications: nothing due")
            } else {
                logger.info("notifications: \(summary)")
            }
        case .failed(let error):
            logger.error("notification deliveries failed: \(error); they are tried again at the next interval")
        case .fatal(let error):
            stopped = true
            timer?.cancel()
            onFatal("notification deliveries: \(error)")
        }
    }
}
