import Foundation
import Logging
import RIRConfig
import Synchronization
import Testing
@testable import RIRDaemon

/// The delivery loop runs on a queue of its own: a slow ingest does not stop it, and it never waits
/// for the inbox.
@Suite struct DaemonDeliveryTests {
    /// A daemon whose `deliver` effect is `deliver`, its rounds every 50 ms, on a thread of its own.
    static func start(root: String, effects: FakeEffects,
                      deliver: @escaping @Sendable (ArchiveConfig) -> TaskResult) throws -> (Daemon, DispatchSemaphore) {
        var config = ArchiveConfig.defaults
        config.inbox = root + "/inbox"
        config.database = root + "/archive.db"
        config.notify.interval = ConfigDuration(milliseconds: 50)
        var dependencies = effects.dependencies
        dependencies.deliver = deliver
        let daemon = Daemon(config: config, dependencies: dependencies, environment: [:],
                            logger: Logger(label: "rir-archive.test") { _ in SwiftLogNoOpLogHandler() },
                            handlesSignals: false)
        let done = DispatchSemaphore(value: 0)
        Thread { _ = daemon.run(); done.signal() }.start()
        return (daemon, done)
    }

    @Test func roundsGoOnWhileAnIngestIsStillRunning() throws {
        let root = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let release = DispatchSemaphore(value: 0)
        let ingesting = Mutex(false)
        let effects = FakeEffects(outcome: { name, _ in
            ingesting.withLock { $0 = true }
            _ = release.wait(timeout: .now() + 10)
            return .stored(summary: "\(name): new document")
        })
        let rounds = Mutex(0)
        let (daemon, done) = try Self.start(root: root, effects: effects) { config in
            #expect(config.notify.interval.milliseconds == 50)
            rounds.withLock { $0 += 1 }
            return .done(summary: "")
        }
        #expect(waitUntil { rounds.withLock { $0 } >= 1 }, "the first round runs at start")
        try writeFile(root + "/inbox/a.txt")
        #expect(waitUntil { ingesting.withLock { $0 } })
        let before = rounds.withLock { $0 }
        #expect(waitUntil { rounds.withLock { $0 } >= before + 3 }, "rounds stopped while the ingest ran")
        release.signal()
        #expect(waitUntil { names(in: root + "/inbox/processed") == ["a.txt"] })
        daemon.stop()
        #expect(done.wait(timeout: .now() + 10) == .success)
    }

    @Test func aFatalRoundStopsTheDaemonWithExitStatus1() throws {
        let root = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        var config = ArchiveConfig.defaults
        config.inbox = root + "/inbox"
        config.database = root + "/archive.db"
        var dependencies = FakeEffects().dependencies
        dependencies.deliver = { _ in .fatal(error: "the outbox table is gone") }
        let daemon = Daemon(config: config, dependencies: dependencies, environment: [:],
                            logger: Logger(label: "rir-archive.test") { _ in SwiftLogNoOpLogHandler() },
                            handlesSignals: false)
        #expect(daemon.run() == 1)
    }

    private func waitUntil(_ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(10)
        while !condition() {
            if Date() > deadline { return false }
            usleep(10_000)
        }
        return true
    }
}
