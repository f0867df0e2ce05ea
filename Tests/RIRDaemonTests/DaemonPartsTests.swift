import Foundation
import RIRTestSupport
import Logging
import Testing
@testable import RIRDaemon

@Suite struct DaemonLockTests {
    @Test func aSecondHolderIsRefusedWithThePIDAndTheLockPath() throws {
        let root = try makeTemporaryFolder()
        let first = try DaemonLock.acquire(database: root + "/archive.db")
        let lockPath = root + "/archive.db.lock"
        #expect(first.path == lockPath)
        #expect(try String(contentsOfFile: lockPath, encoding: .utf8) == "\(getpid())\n")

        let error = try #require(throws: DaemonError.self) { try DaemonLock.acquire(database: root + "/archive.db") }
        #expect(error == .lockHeld(lockPath: lockPath, pid: getpid()))
        #expect(error.description.contains("PID \(getpid())"))
        #expect(error.description.contains(lockPath))

        first.release()
        let again = try DaemonLock.acquire(database: root + "/archive.db")
        again.release()
    }
}

@Suite struct SystemdNotifierTests {
    @Test func messagesReachAnAbstractSocket() throws {
        let listener = try NotifyListener(folder: try makeTemporaryFolder(), abstract: true)
        #expect(listener.address.hasPrefix("@"))
        let notifier = try SystemdNotifier(environment: ["NOTIFY_SOCKET": listener.address])
        try notifier.ready(status: "watching /srv/inbox:\n0 processed")
        #expect(listener.waitFor(containing: "READY=1") == "READY=1\nSTATUS=watching /srv/inbox: 0 processed")
    }

    @Test func messagesReachAPathSocket() throws {
        let listener = try NotifyListener(folder: try makeTemporaryFolder())
        let notifier = try SystemdNotifier(environment: ["NOTIFY_SOCKET": listener.address])
        try notifier.reloading()
        try notifier.stopping()
        #expect(listener.waitFor(containing: "RELOADING=1")?.contains("MONOTONIC_USEC=") == true)
        #expect(listener.waitFor(containing: "STOPPING=1") == "STOPPING=1")
    }

    @Test func aListenerThatStopsReadingNeverBlocksTheSender() throws {
        let listener = try NotifyListener(folder: try makeTemporaryFolder(), reading: false)
        let notifier = try SystemdNotifier(environment: ["NOTIFY_SOCKET": listener.address])
        var dropped = 0
        // Far more than the socket queue holds; a blocking send would hang here.
        for n in 0..<500 {
            do { try notifier.status("\(n) processed") } catch { dropped += 1 }
        }
        #expect(dropped > 0)
        listener.startReading()
        #expect(listener.waitFor(containing: "STATUS=0 processed") != nil)
    }

    @Test func withoutNotifySocketNothingIsSent() throws {
        let notifier = try SystemdNotifier(environment: [:])
        #expect(!notifier.isEnabled)
        try notifier.ready(status: "ok")
    }

    @Test func aRelativeNotifySocketIsAnError() {
        #expect(throws: DaemonError.self) { try SystemdNotifier(environment: ["NOTIFY_SOCKET": "run/notify"]) }
    }
}

@Suite struct StderrLogHandlerTests {
    @Test func underJournaldLinesCarryTheSyslogPriority() {
        let handler = StderrLogHandler(label: "t", environment: ["JOURNAL_STREAM": "8:1234"])
        #expect(handler.priorityPrefixes)
        #expect(handler.format(level: .error, message: "cannot ingest a.txt: database is locked",
                               metadata: ["file": "a.txt"]) == "<3>cannot ingest a.txt: database is locked file=a.txt\n")
        #expect(handler.format(level: .warning, message: "w", metadata: [:]) == "<4>w\n")
        #expect(handler.format(level: .info, message: "i", metadata: [:]) == "<6>i\n")
        #expect(handler.format(level: .debug, message: "d", metadata: [:]) == "<7>d\n")
    }

    @Test func elsewhereLinesStartWithTheLevelName() {
        let handler = StderrLogHandler(label: "t", environment: [:])
        #expect(!handler.priorityPrefixes)
        #expect(handler.format(level: .info, message: "stored a.txt: new document\nhint: x",
                               metadata: ["moved_to": "/srv/in box/processed/a.txt", "n": "2"])
                == "INFO stored a.txt: new document | hint: x moved_to=\"/srv/in box/processed/a.txt\" n=2\n")
    }

    @Test func aLoggedLineIsWrittenToTheDescriptorAtOnce() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]) }
        var logger = Logger(label: "t") { _ in StderrLogHandler(priorityPrefixes: true, fileDescriptor: fds[1]) }
        logger.logLevel = .info
        logger.debug("hidden")
        logger.warning("inbox unavailable")
        close(fds[1])
        let data = FileHandle(fileDescriptor: fds[0]).readDataToEndOfFile()
        #expect(String(decoding: data, as: UTF8.self) == "<4>inbox unavailable\n")
    }
}

@Suite struct InboxFolderTests {
    @Test(arguments: [("MEX201601.E.txt", true), ("MEX201601.E", true), ("a.part", false), ("a.tmp", false),
                      (".hidden", false), ("processed", false), ("rejected", false), (".claimed", false)])
    func partialAndPrivateNamesAreNotCandidates(name: String, candidate: Bool) {
        #expect(InboxFolder.isCandidate(name: name) == candidate)
    }

    @Test func aTakenNameGetsANumberThatKeepsTheReportIDReadable() throws {
        let root = try makeTemporaryFolder()
        let folder = InboxFolder(root: root)
        try writeFile(root + "/MEX201601.E.txt")
        try writeFile(root + "/MEX201601.E.txt".replacingOccurrences(of: ".txt", with: "-1.txt"))
        try writeFile(root + "/MEX201601.E")
        #expect(folder.freeName(for: "MEX201601.E.txt", in: root) == "MEX201601.E-2.txt")
        #expect(folder.freeName(for: "MEX201601.E", in: root) == "MEX201601.E-1")
        #expect(folder.freeName(for: "MEX201603.E.txt", in: root) == "MEX201603.E.txt")
        try writeFile(root + "/x.txt.reason")
        #expect(folder.freeName(for: "x.txt", in: root, alsoFree: ".reason") == "x-1.txt")
    }

    @Test func inotifyEventsAreSplitWithTheirNames() {
        var bytes: [UInt8] = []
        func append(watch: Int32, mask: UInt32, name: String) {
            let padded = name.isEmpty ? [] : Array(name.utf8) + [UInt8](repeating: 0, count: 16 - name.utf8.count % 16)
            withUnsafeBytes(of: watch.littleEndian) { bytes += $0 }
            withUnsafeBytes(of: mask.littleEndian) { bytes += $0 }
            withUnsafeBytes(of: UInt32(0)) { bytes += $0 }
            withUnsafeBytes(of: UInt32(padded.count).littleEndian) { bytes += $0 }
            bytes += padded
        }
        append(watch: 1, mask: 0x80, name: "MEX201601.E.txt")
        append(watch: 1, mask: 0x400, name: "")
        #expect(InboxWatcher.parse(bytes[...]) == [
            .init(watch: 1, mask: 0x80, name: Array("MEX201601.E.txt".utf8)), .init(watch: 1, mask: 0x400, name: []),
        ])
    }
}
