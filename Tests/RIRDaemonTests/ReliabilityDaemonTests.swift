import Foundation
import RIRConfig
import Synchronization
import Testing
@testable import RIRDaemon

/// What a stalled server, odd inbox entries, hostile names and a full disk do to the daemon.
@Suite(.serialized) struct ReliabilityDaemonTests {
    /// A fetch that blocks until the daemon cancels it (as libcurl's progress callback would).
    static func stalledFetch(_ effects: @escaping @Sendable () -> FakeEffects?) -> @Sendable (FetchSource) -> TaskResult {
        { _ in
            let start = Date()
            while Date().timeIntervalSince(start) < 30 {
                if effects()?.isCancelled == true { return .failed(error: "cancelled (the service is stopping)") }
                Thread.sleep(forTimeInterval: 0.02)
            }
            return .failed(error: "the test's stalled fetch was never cancelled")
        }
    }

    @Test func anInboxFileIsStoredWhileAFetchHangsAndAStopCancelsTheFetch() throws {
        let root = try makeTemporaryFolder()
        let holder = Mutex<FakeEffects?>(nil)
        let fetchStarted = DispatchSemaphore(value: 0)
        let stalled = Self.stalledFetch { holder.withLock { $0 } }
        let effects = FakeEffects(fetch: { source in
            fetchStarted.signal()
            return stalled(source)
        })
        holder.withLock { $0 = effects }
        let running = try RunningDaemon(root: root, effects: effects) { config in
            config.fetch.sources = [FetchSource(url: "http://127.0.0.1:9/rir", interval: ConfigDuration(milliseconds: 50))]
        }
        #expect(running.listener.waitFor(containing: "READY=1") != nil)
        #expect(fetchStarted.wait(timeout: .now() + 10) == .success)

        let dropped = Date()
        try writeFile(running.inbox + "/MEX201601.E.txt")
        #expect(running.listener.waitFor(containing: "1 processed") != nil)
        #expect(Date().timeIntervalSince(dropped) < 1, "the inbox waited for the fetch")

        let stopping = Date()
        #expect(running.stop() == 0)
        #expect(Date().timeIntervalSince(stopping) < 5)
        #expect(effects.cancels.withLock { $0 } == 1)
        #expect(names(in: running.inbox + "/processed") == ["MEX201601.E.txt"])
    }

    @Test func aFetchThatIgnoresTheCancellationDoesNotHoldTheStopPastTheGracePeriod() throws {
        let root = try makeTemporaryFolder()
        let started = DispatchSemaphore(value: 0)
        let effects = FakeEffects(fetch: { _ in
            started.signal()
            Thread.sleep(forTimeInterval: 20)
            return .done(summary: "late")
        })
        let running = try RunningDaemon(root: root, effects: effects) { config in
            config.fetch.sources = [FetchSource(url: "http://127.0.0.1:9/rir", interval: ConfigDuration(milliseconds: 50))]
        }
        #expect(started.wait(timeout: .now() + 10) == .success)
        let stopping = Date()
        #expect(running.stop() == 0)
        #expect(Date().timeIntervalSince(stopping) < Daemon.stopGrace + 1)
    }

    @Test func oddEntriesAreRejectedWithAReasonAndALinkIsNeverFollowed() throws {
        let root = try makeTemporaryFolder()
        let inbox = root + "/inbox"
        try FileManager.default.createDirectory(atPath: inbox + "/folder", withIntermediateDirectories: true)
        let secret = root + "/secret.txt"
        try writeFile(secret, "not for the archive")
        #expect(symlink(secret, inbox + "/link.txt") == 0)
        #expect(mkfifo(inbox + "/pipe", 0o644) == 0)
        let undecodable = Array(inbox.utf8) + Array("/bad".utf8) + [0xFF, 0x2E, 0x74, 0x78, 0x74]
        let fd = (undecodable + [0]).withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) }
        }
        #expect(fd >= 0)
        close(fd)
        try writeFile(inbox + "/MEX201601.E.txt")
        let effects = FakeEffects()
        let running = try RunningDaemon(root: root, effects: effects)
        #expect(running.listener.waitFor(containing: "4 rejected") != nil)
        #expect(running.stop() == 0)

        #expect(effects.ingestedNames == ["MEX201601.E.txt"])
        let rejected = inbox + "/rejected"
        #expect(names(in: rejected) == ["bad\\xff.txt", "bad\\xff.txt.reason", "folder", "folder.reason",
                                        "link.txt", "link.txt.reason", "pipe", "pipe.reason"])
        let link = try String(contentsOfFile: rejected + "/link.txt.reason", encoding: .utf8)
        #expect(link.contains("reason: it is a symbolic link"))
        #expect(POSIX.fileType(rejected + "/link.txt") == S_IFLNK)
        #expect(try String(contentsOfFile: secret, encoding: .utf8) == "not for the archive")
        #expect(try String(contentsOfFile: rejected + "/bad\\xff.txt.reason", encoding: .utf8)
                == "outcome: rejected\nfile: bad\\xff.txt\nreason: \(InboxFolder.undecodableReason)\n")
        #expect(try String(contentsOfFile: rejected + "/pipe.reason", encoding: .utf8).contains("FIFO"))
        #expect(try String(contentsOfFile: rejected + "/folder.reason", encoding: .utf8).contains("folder"))
    }

    @Test func anEntryThatCannotBeMovedIsWarnedAboutOnceAndLeftInPlace() throws {
        let root = try makeTemporaryFolder()
        let inbox = root + "/inbox"
        // A folder where the reason file's temporary file goes: the reason cannot be written, so the
        // FIFO cannot be moved (tests run as root, which no permission stops).
        try FileManager.default.createDirectory(atPath: inbox + "/rejected/.pipe.reason.tmp",
                                                withIntermediateDirectories: true)
        #expect(mkfifo(inbox + "/pipe", 0o644) == 0)
        let log = LogRecorder()
        let running = try RunningDaemon(root: root, effects: FakeEffects(), log: log)
        #expect(running.listener.waitFor(containing: "READY=1") != nil)
        for _ in 0..<3 {
            running.daemon.queue.sync { running.daemon.scan(periodic: false) }
            for _ in 0..<3 { running.daemon.queue.sync {} }
        }
        #expect(running.stop() == 0)
        let warnings = log.all.filter { $0.contains("cannot move pipe out of the inbox") }
        #expect(warnings.count == 1)
        #expect(warnings.first?.hasPrefix("WARNING ") == true)
        #expect(POSIX.fileType(inbox + "/pipe") == S_IFIFO)
    }

    @Test func aHardLinkIntoTheInboxIsIngestedWithoutARestart() throws {
        let root = try makeTemporaryFolder()
        let outside = root + "/MEX201603.E.txt"
        try writeFile(outside, "linked capture")
        let effects = FakeEffects()
        let running = try RunningDaemon(root: root, effects: effects)
        #expect(running.listener.waitFor(containing: "READY=1") != nil)
        #expect(link(outside, running.inbox + "/MEX201603.E.txt") == 0)
        #expect(running.listener.waitFor(containing: "1 processed") != nil)
        #expect(running.stop() == 0)
        #expect(effects.calls.withLock { $0.map(\.contents) } == ["linked capture"])
    }

    @Test func aPeriodicRescanNeverClaimsAFileStillBeingWritten() throws {
        let root = try makeTemporaryFolder()
        let effects = FakeEffects()
        let running = try RunningDaemon(root: root, effects: effects)
        #expect(running.listener.waitFor(containing: "READY=1") != nil)
        let path = running.inbox + "/MEX201601.E.txt"
        let fd = open(path, O_CREAT | O_WRONLY, 0o644)
        #expect(fd >= 0)
        _ = "half a capture".withCString { write(fd, $0, 14) }
        running.daemon.queue.sync { running.daemon.scan(periodic: true) }
        for _ in 0..<3 { running.daemon.queue.sync {} }
        #expect(effects.ingestedNames.isEmpty)
        #expect(POSIX.fileType(path) == S_IFREG)
        _ = " and the rest".withCString { write(fd, $0, 13) }
        close(fd)
        #expect(running.listener.waitFor(containing: "1 processed") != nil)
        #expect(running.stop() == 0)
        #expect(effects.calls.withLock { $0.map(\.contents) } == ["half a capture and the rest"])
    }

    @Test func namesWithControlCharactersAreEscapedInReasonFilesAndLogLines() throws {
        let root = try makeTemporaryFolder()
        let hostile = ["MEX\nforged: yes.txt", "cr\rname.txt", "tab\tname.txt", "ansi\u{1B}[31mred.txt"]
        let effects = FakeEffects { name, _ in .rejected(reason: "cannot parse \(name): it is empty") }
        let log = LogRecorder()
        let running = try RunningDaemon(root: root, effects: effects, log: log)
        #expect(running.listener.waitFor(containing: "READY=1") != nil)
        for name in hostile { try writeFile(running.inbox + "/" + name) }
        #expect(running.listener.waitFor(containing: "4 rejected") != nil)
        #expect(running.stop() == 0)

        let rejected = running.inbox + "/rejected"
        let reason = try String(contentsOfFile: rejected + "/MEX\nforged: yes.txt.reason", encoding: .utf8)
        #expect(reason == "outcome: rejected\nfile: MEX\\nforged: yes.txt\nreason: cannot parse MEX\\nforged: yes.txt: it is empty\n")
        #expect(InboxFolder.reasonText(name: "a.txt", reason: "cannot parse a.txt: no date\nhint: check it")
                == "outcome: rejected\nfile: a.txt\nreason: cannot parse a.txt: no date\\nhint: check it\n")
        for name in hostile {
            let text = try String(contentsOfFile: rejected + "/\(name).reason", encoding: .utf8)
            #expect(text.split(separator: "\n").count == 3)
            #expect(!text.contains("\r") && !text.contains("\t") && !text.contains("\u{1B}"))
        }
        let lines = log.all
        #expect(lines.contains { $0.contains("rejected ansi\\x1b[31mred.txt") })
        #expect(lines.contains { $0.contains("rejected cr\\rname.txt") })
        for line in lines {
            #expect(!line.dropLast().contains("\n") && !line.contains("\r") && !line.contains("\t")
                    && !line.contains("\u{1B}"), "raw control character in \(line.debugDescription)")
        }
    }

    @Test func aFullDiskKeepsTheFileClaimedAndSaysSoInTheStatus() throws {
        let root = try makeTemporaryFolder()
        let effects = FakeEffects { _, attempt in
            attempt == 1 ? .failed(error: "cannot use the archive database /x/archive.db: the disk is full\nhint: free space")
                : .stored(summary: "stored")
        }
        let running = try RunningDaemon(root: root, effects: effects)
        #expect(running.listener.waitFor(containing: "READY=1") != nil)
        try writeFile(running.inbox + "/MEX201601.E.txt")
        let status = running.listener.waitFor(containing: "cannot store")
        #expect(status?.contains("STATUS=cannot store, files wait in the inbox: cannot use the archive database /x/archive.db: the disk is full (retry in") == true)
        #expect(names(in: running.inbox + "/.claimed") == ["MEX201601.E.txt"])
        #expect(running.stop() == 0)
        #expect(names(in: running.inbox + "/.claimed") == ["MEX201601.E.txt"])
    }

    @Test func aScheduledBackupRunsOffTheInboxQueueAndShowsInTheStatus() throws {
        let root = try makeTemporaryFolder()
        let effects = FakeEffects(backup: { n in .done(summary: "archive-\(n).db verified") })
        let running = try RunningDaemon(root: root, effects: effects) { config in
            config.backup = .init(dir: root + "/backups", keep: 2, interval: ConfigDuration(milliseconds: 100))
        }
        #expect(running.listener.waitFor(containing: "READY=1") != nil)
        try writeFile(running.inbox + "/MEX201601.E.txt")
        #expect(running.listener.waitFor(containing: "last backup: archive-") != nil)
        #expect(running.stop() == 0)
        #expect(effects.backups.withLock { $0 } >= 1)
    }
}
