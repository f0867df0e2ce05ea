import Foundation
import Logging
import RIRConfig
import Testing
@testable import RIRDaemon

@Suite(.serialized) struct DaemonLifecycleTests {
    @Test func stopSendsStoppingAndRunReturnsZero() throws {
        let running = try RunningDaemon(root: try makeTemporaryFolder(), effects: FakeEffects())
        #expect(running.listener.waitFor(containing: "READY=1") != nil)
        #expect(running.stop() == 0)
        #expect(running.listener.waitFor(containing: "STOPPING=1") != nil)
    }

    @Test func sighupReloadsAndSigtermStopsWithExitCodeZero() throws {
        let running = try RunningDaemon(root: try makeTemporaryFolder(), effects: FakeEffects(),
                                        handlesSignals: true)
        // The handlers are installed before READY=1, so the signals cannot reach a default disposition.
        #expect(running.listener.waitFor(containing: "READY=1") != nil)
        kill(getpid(), SIGHUP)
        #expect(running.listener.waitFor(containing: "RELOADING=1") != nil)
        #expect(running.listener.waitFor(containing: "READY=1") != nil)
        kill(getpid(), SIGTERM)
        #expect(running.listener.waitFor(containing: "STOPPING=1") != nil)
        #expect(running.exitCode() == 0)
    }

    @Test func watchdogPingsArriveWhenWatchdogUsecIsSet() throws {
        let running = try RunningDaemon(root: try makeTemporaryFolder(), effects: FakeEffects(),
                                        environment: ["WATCHDOG_USEC": "100000", "WATCHDOG_PID": "\(getpid())"])
        #expect(running.listener.waitFor(containing: "WATCHDOG=1") != nil)
        #expect(running.listener.waitFor(containing: "WATCHDOG=1") != nil)
        #expect(running.stop() == 0)
    }

    @Test func aSweepThatFindsTheArchiveBrokenStopsTheDaemonWithExitCodeOne() throws {
        let effects = FakeEffects(sweep: { _ in .fatal(error: "database error in /x/archive.db: no such table: hold") })
        let running = try RunningDaemon(root: try makeTemporaryFolder(), effects: effects) {
            $0.retention.sweepInterval = ConfigDuration(milliseconds: 50)
        }
        #expect(running.listener.waitFor(containing: "STOPPING=1") != nil)
        #expect(running.exitCode() == 1)
        #expect(effects.sweeps.withLock { $0 } == 1)
    }

    @Test func aSweepThatFailsForNowIsLoggedAndTheDaemonGoesOn() throws {
        let effects = FakeEffects(sweep: { _ in .failed(error: "cannot use the archive database: the disk is full") })
        let running = try RunningDaemon(root: try makeTemporaryFolder(), effects: effects) {
            $0.retention.sweepInterval = ConfigDuration(milliseconds: 50)
        }
        #expect(running.listener.waitFor(containing: "READY=1") != nil)
        let swept = Date().addingTimeInterval(5)
        while effects.sweeps.withLock({ $0 }) < 3, Date() < swept { usleep(20_000) }
        #expect(effects.sweeps.withLock { $0 } >= 3)
        #expect(running.stop() == 0)
    }

    @Test func anInboxFileThatFindsTheArchiveBrokenStopsTheDaemonAndStaysClaimed() throws {
        let effects = FakeEffects { _, _ in .fatal(error: "the archive database is damaged: file is not a database") }
        let running = try RunningDaemon(root: try makeTemporaryFolder(), effects: effects)
        #expect(running.listener.waitFor(containing: "READY=1") != nil)
        try writeFile(running.inbox + "/MEX201601.E.txt")
        #expect(running.exitCode() == 1)
        #expect(!names(in: running.inbox + "/processed").contains("MEX201601.E.txt"))
        #expect(!names(in: running.inbox + "/rejected").contains("MEX201601.E.txt"))
    }

    @Test func theWatchdogIntervalIsHalfOfWatchdogUsecAndOnlyForThisProcess() {
        #expect(WatchdogPing.interval(environment: ["WATCHDOG_USEC": "60000000"], processID: 42)
                == .seconds(30))
        #expect(WatchdogPing.interval(environment: ["WATCHDOG_USEC": "60000000", "WATCHDOG_PID": "42"],
                                      processID: 42) == .seconds(30))
        #expect(WatchdogPing.interval(environment: ["WATCHDOG_USEC": "60000000", "WATCHDOG_PID": "7"],
                                      processID: 42) == nil)
        #expect(WatchdogPing.interval(environment: ["WATCHDOG_USEC": "zero"], processID: 42) == nil)
        #expect(WatchdogPing.interval(environment: [:], processID: 42) == nil)
    }

    @Test func aReloadWithAnInvalidConfigKeepsTheOldOneAndTheDaemonGoesOn() throws {
        let effects = FakeEffects(reload: .failure(.invalidValue(origin: "x.yaml", line: 3, key: "retention.years",
                                                                 problem: "must be a whole number ≥ 1")))
        let running = try RunningDaemon(root: try makeTemporaryFolder(), effects: effects)
        #expect(running.listener.waitFor(containing: "READY=1") != nil)
        running.daemon.reload()
        #expect(running.listener.waitFor(containing: "RELOADING=1") != nil)
        #expect(running.listener.waitFor(containing: "READY=1") != nil)
        try writeFile(running.inbox + "/MEX201601.E.txt")
        #expect(running.listener.waitFor(containing: "1 processed") != nil)
        #expect(running.stop() == 0)
    }

    @Test func aReloadToAnotherInboxWatchesTheNewOne() throws {
        let root = try makeTemporaryFolder()
        var next = ArchiveConfig.defaults
        next.inbox = root + "/second"
        next.database = root + "/archive.db"
        let effects = FakeEffects(reload: .success(next))
        let running = try RunningDaemon(root: root, effects: effects)
        #expect(running.listener.waitFor(containing: "READY=1") != nil)
        running.daemon.reload()
        #expect(running.listener.next { $0.contains("READY=1") && $0.contains("watching \(root)/second") }
                != nil)
        try writeFile(root + "/second/MEX201601.E.txt")
        #expect(running.listener.waitFor(containing: "1 processed") != nil)
        #expect(running.stop() == 0)
        #expect(names(in: root + "/second/processed") == ["MEX201601.E.txt"])
    }

    @Test func theSweepAndFetchSchedulesCallTheirEffects() throws {
        let effects = FakeEffects()
        let source = FetchSource(url: "https://irb.gc.ca/rir?doc=1", interval: ConfigDuration(milliseconds: 50))
        let running = try RunningDaemon(root: try makeTemporaryFolder(), effects: effects) { config in
            config.retention.sweepInterval = ConfigDuration(milliseconds: 50)
            config.fetch.sources = [source]
        }
        #expect(running.listener.waitFor(containing: "last sweep: sweep 2: nothing expired") != nil)
        #expect(running.stop() == 0)
        #expect(effects.fetches.withLock { $0.first } == source)
    }

    @Test func aSecondDaemonOnTheSameDatabaseIsRefused() throws {
        let root = try makeTemporaryFolder()
        let lock = try DaemonLock.acquire(database: root + "/archive.db")
        var config = ArchiveConfig.defaults
        config.database = root + "/archive.db"
        config.inbox = root + "/inbox"
        let refused = Daemon(config: config, dependencies: FakeEffects().dependencies, environment: [:],
                             logger: .init(label: "test") { _ in SwiftLogNoOpLogHandler() }, handlesSignals: false)
        #expect(refused.run() == 1)
        lock.release()
    }
}
