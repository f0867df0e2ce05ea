#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Dispatch
import Logging
import RIRConfig
import RIRModel

/// One unit of inbox work.
enum WorkItem: Hashable {
    /// A file already in `.claimed/` (left by a crash or a failed ingest).
    case claimed(String)
    /// An entry waiting at the top of the inbox: a file to claim, or an odd entry to reject.
    case waiting(InboxFolder.Entry)
}

extension Daemon {
    /// Time between two rescans of the inbox: they catch what inotify does not report (a hard link
    /// made before the watch, a folder filled in place) and retry odd entries that could not be moved.
    static let rescanInterval: Double = 60
    /// A periodic rescan takes only entries unchanged for this many seconds (never a file being written).
    static let settleSeconds = 5
}

extension Daemon {
    // MARK: - Watching

    func startWatching() {
        let watcher = InboxWatcher(path: folder.root, queue: queue, logger: logger) { [weak self] event in
            self?.handle(event)
        }
        self.watcher = watcher
        watcher.start()
    }

    private func handle(_ event: InboxWatcher.Event) {
        guard phase == .running else { return }
        switch event {
        case .available:
            if let error = folder.prepare() {
                watcher?.retryLater(because: error.description)
                return
            }
            if inboxProblem != nil { logger.notice("inbox available again", metadata: ["inbox": "\(folder.root)"]) }
            inboxProblem = nil
            scan()
            sendStatus()
        case .arrived(let entry):
            if entry.isCandidate { enqueue(.waiting(entry)) }
        case .created(let entry):
            // A regular file just created is still being written (its IN_CLOSE_WRITE follows); an
            // entry created whole is taken now: a hard link to a written file, a symlink, a FIFO.
            guard entry.isCandidate, let info = POSIX.entryInfo(bytes: folder.path(of: entry)) else { return }
            if info.type != S_IFREG || info.links > 1 { enqueue(.waiting(entry)) }
        case .rescan:
            scan()
        case .unavailable(let reason):
            if inboxProblem != reason {
                logger.warning("inbox unavailable, watching for it again: \(reason)")
            }
            inboxProblem = reason
            sendStatus()
        }
    }

    /// Queues the claimed leftovers, then the waiting entries, each in name order. A periodic rescan
    /// takes only the entries that have settled.
    func scan(periodic: Bool = false) {
        var claimed: [String]
        let waiting: [InboxFolder.Entry]
        let settled = periodic ? POSIX.wallSeconds - Self.settleSeconds : nil
        switch (folder.claimedNames(), folder.waitingEntries(settledBefore: settled)) {
        case (.success(let c), .success(let w)):
            claimed = c
            waiting = w
        case (.failure(let error), _), (_, .failure(let error)):
            watcher?.retryLater(because: error.description)
            return
        }
        watcher?.confirmHealthy()
        // Claimed files that failed are retried by their own backoff timer, not by the periodic rescan.
        if periodic { claimed = [] }
        if !claimed.isEmpty {
            logger.info("resuming \(claimed.count) claimed file(s)", metadata: ["inbox": "\(folder.root)"])
        }
        claimed.forEach { enqueue(.claimed($0)) }
        waiting.forEach { enqueue(.waiting($0)) }
    }

    /// Rescans the inbox every ``rescanInterval`` (a low rate: one `readdir`), for what inotify missed.
    func startRescanning() {
        rescanTimer?.cancel()
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + Self.rescanInterval, repeating: Self.rescanInterval, leeway: .seconds(5))
        timer.setEventHandler { [weak self] in
            guard let self, self.phase == .running, self.inboxProblem == nil else { return }
            self.scan(periodic: true)
        }
        timer.resume()
        rescanTimer = timer
    }

    // MARK: - Work queue

    func enqueue(_ item: WorkItem) {
        if pendingSet.insert(item).inserted { pending.append(item) }
        scheduleDrain()
    }

    /// Handles one item per turn of the queue, so a stop or reload gets in between two files.
    private func scheduleDrain() {
        guard !draining, !pending.isEmpty, phase == .running else { return }
        draining = true
        queue.async { [weak self] in self?.drainOne() }
    }

    private func drainOne() {
        draining = false
        guard phase == .running, !pending.isEmpty else { return }
        let item = pending.removeFirst()
        pendingSet.remove(item)
        watchdog.working {
            switch item {
            case .claimed(let name): ingest(name, at: "\(folder.claimedFolder)/\(name)")
            case .waiting(let name): claimAndIngest(name)
            }
        }
        scheduleDrain()
    }

    // MARK: - One file

    private func claimAndIngest(_ entry: InboxFolder.Entry) {
        guard case .named(let name) = entry else {
            rejectOdd(entry, reason: InboxFolder.undecodableReason)
            return
        }
        guard let info = POSIX.entryInfo(bytes: folder.path(of: entry)) else { return }
        if let reason = InboxFolder.oddness(of: info.type) {
            rejectOdd(entry, reason: reason)
            return
        }
        do {
            switch try folder.claim(name) {
            case .gone:
                return
            case .nameInUse:
                logger.notice("\(EscapedName.escape(name)) waits: a file of the same name is still being ingested")
                waitingForName.insert(name)
            case .claimed(let path):
                ingest(name, at: path)
            }
        } catch {
            logger.error("\(error)", metadata: ["file": "\(EscapedName.escape(name))"])
            tally.failed += 1
            scheduleRetry()
            sendStatus()
        }
    }

    /// Moves an entry that is not a regular file (or whose name is not UTF-8) to `rejected/` with its
    /// reason, never opening or following it; one that cannot be moved is logged once at warning.
    private func rejectOdd(_ entry: InboxFolder.Entry, reason: String) {
        let shown = entry.escaped
        do {
            guard let destination = try folder.rejectInPlace(entry, reason: reason) else { return }
            unmovable.remove(entry)
            tally.rejected += 1
            logger.warning("rejected \(shown): \(reason)", metadata: ["moved_to": "\(EscapedName.escape(destination))"])
            sendStatus()
        } catch {
            if unmovable.insert(entry).inserted {
                logger.warning("cannot move \(shown) out of the inbox (\(reason)); it is left in place: \(error)")
            }
        }
    }
    private func ingest(_ name: String, at path: String) {
        guard POSIX.fileType(path) == S_IFREG else { return }
        let shown = EscapedName.escape(name)
        let result = dependencies.ingest(path, name, config)
        do {
            switch result {
            case .stored(let summary):
                let destination = try folder.moveToProcessed(name)
                tally.processed += 1
                retryDelay = Self.firstRetryDelay
                archiveProblem = nil
                logger.info("stored \(shown): \(summary)", metadata: ["moved_to": "\(EscapedName.escape(destination))"])
            case .rejected(let reason):
                let destination = try folder.moveToRejected(name, reason: reason)
                tally.rejected += 1
                retryDelay = Self.firstRetryDelay
                archiveProblem = nil
                logger.warning("rejected \(shown): \(reason)", metadata: ["moved_to": "\(EscapedName.escape(destination))"])
            case .failed(let error):
                tally.failed += 1
                // The file stays where it is (claimed) and nothing is lost; STATUS= says why it waits.
                archiveProblem = String(error.split(separator: "\n").first ?? Substring(error))
                logger.error("cannot ingest \(shown): \(error); it stays claimed and is retried",
                             metadata: ["file": "\(EscapedName.escape(path))"])
                scheduleRetry()
            case .fatal(let error):
                tally.failed += 1
                stopForArchiveFailure("cannot ingest \(shown): \(error)")
                return
            }
        } catch {
            tally.failed += 1
            logger.error("\(error)", metadata: ["file": "\(shown)"])
            scheduleRetry()
        }
        if !POSIX.exists(path), waitingForName.remove(name) != nil { enqueue(.waiting(.named(name))) }
        sendStatus()
    }

    /// Scans again (claimed files first) after a backoff, once per burst of failures.
    private func scheduleRetry() {
        guard retryTimer == nil, phase == .running else { return }
        let delay = retryDelay
        retryDelay = min(retryDelay * 2, Self.longestRetryDelay)
        logger.info("retrying claimed files in \(Int(delay))s")
        retryAt = POSIX.wallSeconds + Int(delay)
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + delay, leeway: .seconds(1))
        timer.setEventHandler { [weak self] in
            guard let self else { return }
            self.retryTimer?.cancel()
            self.retryTimer = nil
            self.retryAt = nil
            self.scan()
        }
        timer.resume()
        retryTimer = timer
    }
}
