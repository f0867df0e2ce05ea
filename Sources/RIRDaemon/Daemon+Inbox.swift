#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Dispatch
import Logging
import RIRConfig

/// One unit of inbox work.
enum WorkItem: Hashable {
    /// A file already in `.claimed/` (left by a crash or a failed ingest).
    case claimed(String)
    /// A file waiting at the top of the inbox.
    case waiting(String)
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
        case .arrived(let name):
            if InboxFolder.isCandidate(name: name) { enqueue(.waiting(name)) }
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

    /// Queues the claimed leftovers, then the waiting files, each in name order.
    func scan() {
        let claimed: [String]
        let waiting: [String]
        switch (folder.claimedNames(), folder.waitingNames()) {
        case (.success(let c), .success(let w)):
            claimed = c
            waiting = w
        case (.failure(let error), _), (_, .failure(let error)):
            watcher?.retryLater(because: error.description)
            return
        }
        watcher?.confirmHealthy()
        if !claimed.isEmpty {
            logger.info("resuming \(claimed.count) claimed file(s)", metadata: ["inbox": "\(folder.root)"])
        }
        claimed.forEach { enqueue(.claimed($0)) }
        waiting.forEach { enqueue(.waiting($0)) }
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

    private func claimAndIngest(_ name: String) {
        do {
            switch try folder.claim(name) {
            case .gone:
                return
            case .nameInUse:
                logger.notice("\(name) waits: a file of the same name is still being ingested")
                waitingForName.insert(name)
            case .claimed(let path):
                ingest(name, at: path)
            }
        } catch {
            logger.error("\(error)", metadata: ["file": "\(name)"])
            tally.failed += 1
            scheduleRetry()
            sendStatus()
        }
    }

    private func ingest(_ name: String, at path: String) {
        guard POSIX.fileType(path) == S_IFREG else { return }
        let result = dependencies.ingest(path, name, config)
        do {
            switch result {
            case .stored(let summary):
                let destination = try folder.moveToProcessed(name)
                tally.processed += 1
                retryDelay = Self.firstRetryDelay
                logger.info("stored \(name): \(summary)", metadata: ["moved_to": "\(destination)"])
            case .rejected(let reason):
                let destination = try folder.moveToRejected(name, reason: reason)
                tally.rejected += 1
                retryDelay = Self.firstRetryDelay
                logger.warning("rejected \(name): \(reason)", metadata: ["moved_to": "\(destination)"])
            case .failed(let error):
                tally.failed += 1
                logger.error("cannot ingest \(name): \(error); it stays claimed and is retried",
                             metadata: ["file": "\(path)"])
                scheduleRetry()
            case .fatal(let error):
                tally.failed += 1
                stopForArchiveFailure("cannot ingest \(name): \(error)")
                return
            }
        } catch {
            tally.failed += 1
            logger.error("\(error)", metadata: ["file": "\(name)"])
            scheduleRetry()
        }
        if !POSIX.exists(path), waitingForName.remove(name) != nil { enqueue(.waiting(name)) }
        sendStatus()
    }

    /// Scans again (claimed files first) after a backoff, once per burst of failures.
    private func scheduleRetry() {
        guard retryTimer == nil, phase == .running else { return }
        let delay = retryDelay
        retryDelay = min(retryDelay * 2, Self.longestRetryDelay)
        logger.info("retrying claimed files in \(Int(delay))s")
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + delay, leeway: .seconds(1))
        timer.setEventHandler { [weak self] in
            guard let self else { return }
            self.retryTimer?.cancel()
            self.retryTimer = nil
            self.scan()
        }
        timer.resume()
        retryTimer = timer
    }
}
