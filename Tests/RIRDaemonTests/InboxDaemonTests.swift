import Foundation
import RIRConfig
import Testing
@testable import RIRDaemon

/// The daemon with fake effects, a real inbox and a real notify socket; one at a time to keep the
/// shared machine quiet.
@Suite(.serialized) struct InboxDaemonTests {
    @Test func theCatchUpScanIngestsFilesPresentAtStartInNameOrderAndSkipsPartialOnes() throws {
        let root = try makeTemporaryFolder()
        let inbox = root + "/inbox"
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        for name in ["b.txt", "a.txt", ".hidden", "c.part", "d.tmp"] { try writeFile("\(inbox)/\(name)") }
        let effects = FakeEffects()
        let running = try RunningDaemon(root: root, effects: effects)

        let ready = running.listener.waitFor(containing: "READY=1")
        #expect(ready?.contains("STATUS=watching \(inbox)") == true)
        #expect(running.listener.waitFor(containing: "2 processed") != nil)
        #expect(running.stop() == 0)

        #expect(effects.ingestedNames == ["a.txt", "b.txt"])
        #expect(effects.calls.withLock { $0.map(\.path) } == ["\(inbox)/.claimed/a.txt", "\(inbox)/.claimed/b.txt"])
        #expect(names(in: inbox + "/processed") == ["a.txt", "b.txt"])
        #expect(names(in: inbox) == [".claimed", ".hidden", "c.part", "d.tmp", "processed", "rejected"])
    }

    @Test func aFileRenamedIntoTheInboxIsProcessedAndItsPartialNameIgnored() throws {
        let root = try makeTemporaryFolder()
        let effects = FakeEffects()
        let running = try RunningDaemon(root: root, effects: effects)
        #expect(running.listener.waitFor(containing: "READY=1") != nil)

        try writeFile(running.inbox + "/.MEX201601.E.swp", "editor scratch")
        try writeFile(running.inbox + "/MEX201601.E.txt.part", "the capture")
        try FileManager.default.moveItem(atPath: running.inbox + "/MEX201601.E.txt.part",
                                         toPath: running.inbox + "/MEX201601.E.txt")
        #expect(running.listener.waitFor(containing: "1 processed") != nil)
        #expect(running.stop() == 0)

        #expect(effects.calls.withLock { $0 } == [
            .init(path: running.inbox + "/.claimed/MEX201601.E.txt", originalName: "MEX201601.E.txt",
                  contents: "the capture"),
        ])
        #expect(names(in: running.inbox + "/processed") == ["MEX201601.E.txt"])
        #expect(names(in: running.inbox + "/.claimed").isEmpty)
    }

    @Test func aRejectedFileMovesToRejectedBesideItsReason() throws {
        let root = try makeTemporaryFolder()
        let effects = FakeEffects { _, _ in .rejected(reason: "incomplete: the References section is missing") }
        let running = try RunningDaemon(root: root, effects: effects)
        #expect(running.listener.waitFor(containing: "READY=1") != nil)

        try writeFile(running.inbox + "/MEX201603.E.txt")
        #expect(running.listener.waitFor(containing: "1 rejected") != nil)
        #expect(running.stop() == 0)

        let rejected = running.inbox + "/rejected"
        #expect(names(in: rejected) == ["MEX201603.E.txt", "MEX201603.E.txt.reason"])
        let reason = try String(contentsOfFile: rejected + "/MEX201603.E.txt.reason", encoding: .utf8)
        #expect(reason == "outcome: rejected\nfile: MEX201603.E.txt\nreason: incomplete: the References section is missing\n")
        #expect(names(in: running.inbox + "/processed").isEmpty)
    }

    @Test func aFailedIngestLeavesTheFileClaimedAndTheNextStartIngestsItAgain() throws {
        let root = try makeTemporaryFolder()
        let failing = FakeEffects { _, _ in .failed(error: "database is locked") }
        let first = try RunningDaemon(root: root, effects: failing)
        #expect(first.listener.waitFor(containing: "READY=1") != nil)
        try writeFile(first.inbox + "/MEX201601.EF.txt", "version française")
        #expect(first.listener.waitFor(containing: "1 failed") != nil)
        #expect(first.stop() == 0)
        #expect(names(in: first.inbox + "/.claimed") == ["MEX201601.EF.txt"])
        #expect(names(in: first.inbox + "/processed").isEmpty)

        let working = FakeEffects()
        let second = try RunningDaemon(root: root, effects: working)
        #expect(second.listener.waitFor(containing: "1 processed") != nil)
        #expect(second.stop() == 0)
        #expect(working.calls.withLock { $0.map(\.originalName) } == ["MEX201601.EF.txt"])
        #expect(working.calls.withLock { $0.first?.contents } == "version française")
        #expect(names(in: second.inbox + "/.claimed").isEmpty)
        #expect(names(in: second.inbox + "/processed") == ["MEX201601.EF.txt"])
    }

    @Test func aSecondFileOfTheSameNameIsKeptUnderANumberedName() throws {
        let root = try makeTemporaryFolder()
        let effects = FakeEffects()
        let running = try RunningDaemon(root: root, effects: effects)
        #expect(running.listener.waitFor(containing: "READY=1") != nil)
        try writeFile(running.inbox + "/MEX201601.E.txt", "first")
        #expect(running.listener.waitFor(containing: "1 processed") != nil)
        try writeFile(running.inbox + "/MEX201601.E.txt", "second")
        #expect(running.listener.waitFor(containing: "2 processed") != nil)
        #expect(running.stop() == 0)
        let processed = running.inbox + "/processed"
        #expect(names(in: processed) == ["MEX201601.E-1.txt", "MEX201601.E.txt"])
        #expect(try String(contentsOfFile: processed + "/MEX201601.E.txt", encoding: .utf8) == "first")
        #expect(try String(contentsOfFile: processed + "/MEX201601.E-1.txt", encoding: .utf8) == "second")
    }

    @Test func aDeletedInboxIsCreatedAgainAndWatched() throws {
        let root = try makeTemporaryFolder()
        let effects = FakeEffects()
        let running = try RunningDaemon(root: root, effects: effects)
        #expect(running.listener.waitFor(containing: "READY=1") != nil)
        try FileManager.default.removeItem(atPath: running.inbox)
        #expect(running.listener.waitFor(containing: "STATUS=watching") != nil)
        try writeFile(running.inbox + "/MEX201601.E.txt")
        #expect(running.listener.waitFor(containing: "1 processed") != nil)
        #expect(running.stop() == 0)
        #expect(names(in: running.inbox + "/processed") == ["MEX201601.E.txt"])
    }

    @Test func anInboxWhoseParentIsMissingIsReportedAndTheDaemonKeepsRunning() throws {
        let root = try makeTemporaryFolder()
        let running = try RunningDaemon(root: root, effects: FakeEffects()) { config in
            config.inbox = root + "/missing/inbox"
        }
        let ready = running.listener.waitFor(containing: "READY=1")
        #expect(ready?.contains("inbox unavailable") == true)
        #expect(running.stop() == 0)
    }
}
