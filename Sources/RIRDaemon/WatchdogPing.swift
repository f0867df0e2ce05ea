#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Dispatch
import RIRConfig
import Synchronization

/// The systemd watchdog: `WATCHDOG=1` every `WATCHDOG_USEC`/2 when systemd asks for it.
///
/// The ping runs on its own queue so that one long item (a large sweep) does not get the daemon killed,
/// but it stops pinging when the work queue has been stuck on one item for longer than ``stuckAfter``:
/// a wedged daemon is then restarted by systemd, as the watchdog intends.
/// `start` and `stop` are called on the daemon's queue; the busy mark is shared under a mutex.
final class WatchdogPing: @unchecked Sendable {
    /// Time between two pings (half of `WATCHDOG_USEC`), or nil when the watchdog is off.
    let interval: ConfigDuration?
    /// How long one work item may run before the pings stop.
    static let stuckAfter: UInt64 = 15 * 60 * 1_000_000

    private let queue = DispatchQueue(label: "\(Daemon.queueLabel).watchdog")
    private let busySince = Mutex<UInt64?>(nil)
    private var timer: (any DispatchSourceTimer)?

    /// Reads `WATCHDOG_USEC` and `WATCHDOG_PID` (the watchdog is for this process when the PID is absent
    /// or equals `processID`).
    init(environment: [String: String], processID: Int32) {
        interval = Self.interval(environment: environment, processID: processID)
    }

    /// The ping interval the environment asks for, if any.
    static func interval(environment: [String: String], processID: Int32) -> ConfigDuration? {
        guard let text = environment["WATCHDOG_USEC"], let microseconds = UInt64(text), microseconds > 0 else {
            return nil
        }
        if let pid = environment["WATCHDOG_PID"], !pid.isEmpty, Int32(pid) != processID { return nil }
        return ConfigDuration(milliseconds: Int64(max(1, microseconds / 2000)))
    }

    /// Starts pinging through `notifier` (nothing happens without an interval or a notifier).
    func start(notifier: SystemdNotifier?) {
        guard let interval, let notifier, notifier.isEnabled else { return }
        let source = DispatchSource.makeTimerSource(queue: queue)
        source.schedule(deadline: .now(), repeating: .milliseconds(Int(interval.milliseconds)),
                        leeway: .milliseconds(Int(max(1, interval.milliseconds / 20))))
        source.setEventHandler { [weak self] in
            guard let self, !self.isStuck else { return }
            try? notifier.watchdog()
        }
        source.resume()
        timer = source
    }

    /// Stops pinging.
    func stop() {
        timer?.cancel()
        timer = nil
    }

    /// Runs one work item, marking the work queue busy meanwhile.
    func working(_ body: () -> Void) {
        busySince.withLock { $0 = POSIX.monotonicMicroseconds }
        defer { busySince.withLock { $0 = nil } }
        body()
    }

    private var isStuck: Bool {
        guard let since = busySince.withLock({ $0 }) else { return false }
        return POSIX.monotonicMicroseconds - since > Self.stuckAfter
    }
}
