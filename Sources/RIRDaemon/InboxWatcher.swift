#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Dispatch
import Logging

/// Watches the inbox folder with inotify through a Dispatch read source.
///
/// Reports files closed after writing (`IN_CLOSE_WRITE`) or renamed in (`IN_MOVED_TO`, folders too),
/// entries created whole (`IN_CREATE`: a hard link, a symlink, a FIFO, a device), and notices the
/// folder going away (`IN_DELETE_SELF`, `IN_MOVE_SELF`, `IN_IGNORED`, `IN_UNMOUNT`). A missing or
/// unreadable inbox is re-created or retried on a one-shot timer with backoff (1 s doubling to 30 s):
/// nothing polls while the inbox is there. All methods and callbacks run on `queue`.
final class InboxWatcher: @unchecked Sendable {
    /// What the watcher reports.
    enum Event: Equatable {
        /// The inbox is (again) watched: scan it to catch up.
        case available
        /// An entry of this name arrived whole at the top of the inbox (written and closed, or moved in).
        case arrived(InboxFolder.Entry)
        /// An entry of this name was created at the top of the inbox; it may still be being written.
        case created(InboxFolder.Entry)
        /// Events were lost (queue overflow): scan the inbox.
        case rescan
        /// The inbox cannot be watched for this reason; a retry is scheduled.
        case unavailable(String)
    }

    let path: String
    private let queue: DispatchQueue
    private let logger: Logger
    private let onEvent: (Event) -> Void
    private var inotifyFD: Int32 = -1
    private var readSource: (any DispatchSourceRead)?
    private var watch: Int32 = -1
    private var retryTimer: (any DispatchSourceTimer)?
    private var retryDelay = InboxWatcher.firstRetryDelay
    private var stopped = false

    static let firstRetryDelay: Double = 1
    static let longestRetryDelay: Double = 30

    private static let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE_SELF | IN_MOVE_SELF
                                     | IN_ONLYDIR)
    private static let lostMask = UInt32(IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED | IN_UNMOUNT)

    /// Creates a watcher of the folder at `path`; `onEvent` is called on `queue`.
    init(path: String, queue: DispatchQueue, logger: Logger, onEvent: @escaping (Event) -> Void) {
        self.path = path
        self.queue = queue
        self.logger = logger
        self.onEvent = onEvent
    }

    // MARK: - Life cycle

    /// Opens the inotify instance and starts watching (or retrying).
    func start() {
        dispatchPrecondition(condition: .onQueue(queue))
        let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else {
            report(.unavailable(DaemonError.inotify(reason: POSIX.lastError).description))
            scheduleRetry()
            return
        }
        inotifyFD = fd
        let source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: queue)
        source.setEventHandler { [weak self] in self?.readEvents() }
        source.setCancelHandler { close(fd) }
        source.resume()
        readSource = source
        attach()
    }

    /// Stops watching and closes the inotify instance.
    func stop() {
        stopped = true
        retryTimer?.cancel()
        retryTimer = nil
        readSource?.cancel()
        readSource = nil
        inotifyFD = -1
        watch = -1
    }

    /// Drops the watch and tries again after the current backoff (e.g. the inbox cannot be read).
    func retryLater(because reason: String) {
        dispatchPrecondition(condition: .onQueue(queue))
        detach()
        report(.unavailable(reason))
        scheduleRetry()
    }

    /// Resets the backoff once the inbox has been read successfully.
    func confirmHealthy() { retryDelay = Self.firstRetryDelay }

    // MARK: - Watching

    private func attach() {
        guard !stopped else { return }
        if inotifyFD < 0 {
            start()
            return
        }
        if let reason = POSIX.makeDirectory(path) {
            report(.unavailable(DaemonError.inbox(operation: "create the inbox", path: path, reason: reason)
                .description))
            scheduleRetry()
            return
        }
        let descriptor = inotify_add_watch(inotifyFD, path, Self.mask)
        guard descriptor >= 0 else {
            report(.unavailable(DaemonError.inbox(operation: "watch", path: path, reason: POSIX.lastError)
                .description))
            scheduleRetry()
            return
        }
        watch = descriptor
        report(.available)
    }

    private func detach() {
        if watch >= 0, inotifyFD >= 0 { inotify_rm_watch(inotifyFD, watch) }
        watch = -1
    }

    private func scheduleRetry() {
        guard !stopped else { return }
        retryTimer?.cancel()
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + retryDelay, leeway: .milliseconds(100))
        timer.setEventHandler { [weak self] in
            guard let self else { return }
            self.retryTimer?.cancel()
            self.retryTimer = nil
            self.attach()
        }
        timer.resume()
        retryTimer = timer
        retryDelay = min(retryDelay * 2, Self.longestRetryDelay)
    }

    private func report(_ event: Event) {
        guard !stopped else { return }
        onEvent(event)
    }

    // MARK: - Reading events

    private func readEvents() {
        let capacity = 64 * 1024
        var buffer = [UInt8](repeating: 0, count: capacity)
        while inotifyFD >= 0 {
            let count = buffer.withUnsafeMutableBytes { read(inotifyFD, $0.baseAddress, capacity) }
            if count < 0 {
                if errno == EINTR { continue }
                if errno != EAGAIN {
                    logger.error("cannot read inotify events: \(POSIX.lastError)")
                }
                return
            }
            if count == 0 { return }
            for event in Self.parse(buffer[..<count]) { handle(event) }
        }
    }

    private func handle(_ event: RawEvent) {
        if event.mask & UInt32(IN_Q_OVERFLOW) != 0 {
            logger.warning("inotify queue overflowed; rescanning the inbox", metadata: ["inbox": "\(path)"])
            report(.rescan)
            return
        }
        guard event.watch == watch, watch >= 0 else { return }
        if event.mask & Self.lostMask != 0 {
            // The watch follows a moved folder: drop it and watch the path again.
            detach()
            report(.unavailable("the inbox \(path) was deleted or moved away"))
            attach()
            return
        }
        guard !event.name.isEmpty else { return }
        let entry: InboxFolder.Entry = String(validating: event.name, as: UTF8.self).map { .named($0) }
            ?? .undecodable(event.name)
        if event.mask & UInt32(IN_MOVED_TO) != 0
            || event.mask & UInt32(IN_CLOSE_WRITE | IN_ISDIR) == UInt32(IN_CLOSE_WRITE) {
            report(.arrived(entry))
        } else if event.mask & UInt32(IN_CREATE) != 0, event.mask & UInt32(IN_ISDIR) == 0 {
            // A folder being filled is left to the periodic rescan, once it has settled.
            report(.created(entry))
        }
    }

    /// One `struct inotify_event`: watch descriptor, mask, and the name's bytes (empty for the folder itself).
    struct RawEvent: Equatable {
        var watch: Int32
        var mask: UInt32
        var name: [UInt8]
    }

    /// Splits a buffer read from an inotify descriptor into events.
    static func parse(_ bytes: ArraySlice<UInt8>) -> [RawEvent] {
        var events: [RawEvent] = []
        let header = 16
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset + header <= raw.count {
                let watch = raw.loadUnaligned(fromByteOffset: offset, as: Int32.self)
                let mask = raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
                let length = Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                let end = min(offset + header + length, raw.count)
                let name = Array(raw[(offset + header)..<end].prefix { $0 != 0 })
                events.append(RawEvent(watch: watch, mask: mask, name: name))
                offset += header + length
            }
        }
        return events
    }
}
