import Foundation
import RIRModel
import RIRTestSupport
import Testing

/// Whether the binary can be run as another user (tests run as root, which no permission stops).
let otherUserAvailable: Bool = {
    guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { return false }
    return (try? CLI.runAs(nobody: ["--version"]).status) == 0
}()

extension CLI {
    /// Runs the binary as `nobody` through `setpriv` (util-linux).
    static func runAs(nobody arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        process.arguments = ["--reuid=nobody", "--regid=nogroup", "--clear-groups", binary] + arguments
        process.environment = ["NO_COLOR": "1", "PATH": "/usr/bin:/bin"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: outData, stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// The archive's edges: read-only folders, crashes while an archive is created, full disks, refused
/// sweeps, backups and restores, all through the built binary.
@Suite(.serialized) struct ReliabilityCLITests {
    let folder: URL
    var database: String { folder.appendingPathComponent("archive.db").path }

    init() throws {
        folder = try CLI.temporaryFolder()
        chmod(folder.path, 0o755)
        chmod(folder.deletingLastPathComponent().path, 0o755)
    }

    func ingestSeeds() throws {
        let result = try CLI.run(["ingest", CLI.repositoryRoot.appendingPathComponent("seeds").path, "--database", database])
        #expect(result.status == 0, "\(result.stderr)")
    }

    // MARK: - Reading where one cannot write

    @Test(.enabled(if: otherUserAvailable, "needs root and setpriv (util-linux) to run as nobody"))
    func anArchiveInAFolderTheReaderCannotWriteIsStillRead() throws {
        try ingestSeeds()
        chmod(folder.path, 0o555)
        defer { chmod(folder.path, 0o755) }
        let list = try CLI.runAs(nobody: ["list", "--database", database])
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.lines.count == 4)
        let history = try CLI.runAs(nobody: ["history", "MEX201601.E", "--database", database])
        #expect(history.status == 0, "\(history.stderr)")
        #expect(try CLI.runAs(nobody: ["verify", "--database", database]).status == 0)
        // Nothing was created beside the archive.
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []) == ["archive.db"])
    }

    @Test(.enabled(if: otherUserAvailable, "needs root and setpriv (util-linux) to run as nobody"))
    func aReaderCannotWriteTheFolderWhileTheDaemonRunsAndStillReads() throws {
        try ingestSeeds()
        let inbox = folder.appendingPathComponent("inbox").path
        let daemon = try CLI.start(["daemon", "--inbox", inbox, "--database", database], environment: [:],
                                   stderrPath: folder.appendingPathComponent("daemon.err").path)
        defer { daemon.terminate() }
        #expect(CLI.waitUntil { FileManager.default.fileExists(atPath: database + "-shm") })
        chmod(folder.path, 0o555)
        defer { chmod(folder.path, 0o755) }
        let list = try CLI.runAs(nobody: ["list", "--database", database])
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.lines.count == 4)
    }

    @Test(.enabled(if: otherUserAvailable, "needs root and setpriv (util-linux) to run as nobody"))
    func aWriterWithoutPermissionIsToldWhichFolderAndWhatToDo() throws {
        try ingestSeeds()
        chmod(folder.path, 0o555)
        defer { chmod(folder.path, 0o755) }
        let hold = try CLI.runAs(nobody: ["retention", "hold", "MEX201601.E", "--reason", "t", "--database", database])
        #expect(hold.status == 74)
        #expect(hold.stderr.contains(database), "\(hold.stderr)")
        #expect(hold.stderr.contains("hint:"), "\(hold.stderr)")
    }

    // MARK: - A new archive appears whole

    @Test func anIngestKilledWhileItCreatesTheArchiveNeverLeavesOneReadersCannotOpen() throws {
        var generator = SplitMix64(seed: 3)
        for round in 0..<12 {
            let path = folder.appendingPathComponent("new-\(round).db").path
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CLI.binary)
            process.arguments = ["ingest", CLI.seed("MEX201601.E.txt"), "--database", path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32.random(in: 1_000...40_000, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let list = try CLI.run(["list", "--database", path])
            #expect(list.status == 0 || list.status == 66, "round \(round): \(list.stderr)")
            #expect(!list.stderr.contains("readonly"), "round \(round): \(list.stderr)")
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasPrefix(".") && $0.contains("creating") }
        // A killed creation may leave its temporary file (never the archive's name); the next one clears it.
        #expect(leftovers.allSatisfy { !$0.hasPrefix("new-") })
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"),
                   "needs python3 (with its sqlite3 module) to leave a hot journal"))
    func aHotJournalLeftByACrashIsRolledBackAndReadOnlyCommandsRead() throws {
        try ingestSeeds()
        // A writer killed in the middle of a rollback-journal transaction that had spilled to the file.
        let script = """
            import sqlite3, os, sys
            c = sqlite3.connect(sys.argv[1], isolation_level=None)
            c.execute("PRAGMA journal_mode=DELETE")
            c.execute("PRAGMA cache_size=1")
            c.execute("BEGIN IMMEDIATE")
            for i in range(3000):
                c.execute("INSERT INTO hold(report_id, reason, placed_at) VALUES(?,?,?)",
                          ("X%d" % i, "r" * 500, "2026-01-01T00:00:00Z"))
            os.kill(os.getpid(), 9)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", script, database]
        try process.run()
        process.waitUntilExit()
        try #require(((try? FileManager.default.attributesOfItem(atPath: database + "-journal")[.size] as? Int) ?? 0) > 0,
                     "no hot journal was left")
        let list = try CLI.run(["list", "--database", database])
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.lines.count == 4)
        #expect(!FileManager.default.fileExists(atPath: database + "-journal"))
        let status = try CLI.run(["retention", "status", "MEX201601.E", "--database", database])
        #expect(!status.text.contains("X1"), "the killed transaction's rows are gone")
        #expect(try CLI.run(["verify", "--database", database]).status == 0)
    }

    // MARK: - A full disk

    @Test(.enabled(if: getuid() == 0, "needs root to mount a small tmpfs"))
    func aFullDiskNamesTheDatabaseAndSaysWhatToDoAndLosesNothing() throws {
        let mount = folder.appendingPathComponent("small").path
        try FileManager.default.createDirectory(atPath: mount, withIntermediateDirectories: true)
        guard Self.shell("/bin/mount", ["-t", "tmpfs", "-o", "size=640k", "tmpfs", mount]) == 0 else {
            // No mount here (a container without CAP_SYS_ADMIN): nothing to check.
            return
        }
        defer { _ = Self.shell("/bin/umount", [mount]) }
        let database = mount + "/archive.db"
        try #require(try CLI.run(["ingest", CLI.seed("MEX201601.E.txt"), "--database", database]).status == 0)
        let text = Seeds.text(Seeds.mex201603)
        var full: CLI.Result?
        for n in 0..<60 {
            let file = folder.appendingPathComponent("v\(n).txt").path
            try (text + "\n" + String(repeating: "word\(n) ", count: 4000)).write(toFile: file, atomically: true, encoding: .utf8)
            let result = try CLI.run(["ingest", file, "--database", database])
            if result.status != 0 { full = result; break }
        }
        let failure = try #require(full, "the disk never filled")
        #expect(failure.status == 74)
        #expect(failure.stderr.contains("cannot use the archive database \(database): the disk is full"), "\(failure.stderr)")
        #expect(failure.stderr.contains("hint: free space on the file system that holds \(mount)"))
        #expect(try CLI.run(["verify", "--database", database]).status == 0)
        #expect(try CLI.run(["show", "MEX201601.E", "--database", database]).status == 0)
    }

    static func shell(_ tool: String, _ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }

    // MARK: - A refused sweep

    @Test func aRefusedSweepLeavesTheFileByteIdenticalLikeADryRun() throws {
        let archive = try RetentionArchive()
        let before = try sha256(ofFile: archive.database)
        let refused = try archive.run(["retention", "sweep", "--as-of", "2026-11-22"])
        #expect(refused.status == 75)
        #expect(try sha256(ofFile: archive.database) == before)
        let dryRun = try archive.run(["retention", "sweep", "--dry-run", "--as-of", "2026-11-22"])
        #expect(dryRun.status == 75)
        #expect(try sha256(ofFile: archive.database) == before)
        #expect((FileManager.default.contents(atPath: archive.database + "-wal")?.count ?? 0) == 0)
    }

    // MARK: - Inbox

    @Test func aFileCommittedButNotMovedBeforeAKillIsMovedOnRestartWithoutASecondCapture() throws {
        let inbox = folder.appendingPathComponent("inbox").path
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        try Data(Seeds.bytes(Seeds.mex201601)).write(to: URL(fileURLWithPath: inbox + "/MEX201601.E.txt"))
        func daemon(_ name: String) throws -> CLI.Child {
            try CLI.start(["daemon", "--inbox", inbox, "--database", database], environment: [:],
                          stderrPath: folder.appendingPathComponent(name).path)
        }
        let first = try daemon("first.err")
        #expect(CLI.waitUntil { FileManager.default.fileExists(atPath: inbox + "/processed/MEX201601.E.txt") })
        first.signal(SIGTERM)
        #expect(first.waitForExit() == 0)
        // What a SIGKILL between the commit and the move leaves: the same file, still claimed.
        #expect(rename(inbox + "/processed/MEX201601.E.txt", inbox + "/.claimed/MEX201601.E.txt") == 0)
        let second = try daemon("second.err")
        #expect(CLI.waitUntil { FileManager.default.fileExists(atPath: inbox + "/processed/MEX201601.E.txt") })
        second.signal(SIGTERM)
        #expect(second.waitForExit() == 0)
        #expect(second.stderr.contains("committed before a restart and not stored again"), "\(second.stderr)")
        #expect(try captureCount(database: database) == 1)
        // The same bytes dropped again later are a new file: a second (unchanged) capture, as always.
        try Data(Seeds.bytes(Seeds.mex201601)).write(to: URL(fileURLWithPath: inbox + "/again.txt"))
        let third = try daemon("third.err")
        #expect(CLI.waitUntil { FileManager.default.fileExists(atPath: inbox + "/processed/again.txt") })
        third.signal(SIGTERM)
        #expect(third.waitForExit() == 0)
        #expect(try captureCount(database: database) == 2)
    }

    // MARK: - Backup and restore

    @Test func aBackupTakenDuringABurstOfIngestsVerifiesAndRestores() throws {
        let inbox = folder.appendingPathComponent("inbox").path
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        let daemon = try CLI.start(["daemon", "--inbox", inbox, "--database", database], environment: [:],
                                   stderrPath: folder.appendingPathComponent("daemon.err").path)
        defer { daemon.terminate() }
        #expect(CLI.waitUntil { FileManager.default.fileExists(atPath: self.database) })
        let text = Seeds.text(Seeds.mex201601)
        let count = 40
        let writer = Thread {
            for n in 0..<count {
                let part = "\(inbox)/.v\(n).part"
                try? Variants.edited(text, replacing: "3.2 Farmers", with: "3.2 Farmers [\(n)]")
                    .write(toFile: part, atomically: false, encoding: .utf8)
                rename(part, "\(inbox)/MEX201601.E-\(n).txt")
                usleep(5_000)
            }
        }
        writer.start()
        let backups = folder.appendingPathComponent("backups").path
        try FileManager.default.createDirectory(atPath: backups, withIntermediateDirectories: true)
        var copies: [String] = []
        for n in 0..<4 {
            let copy = "\(backups)/copy-\(n).db"
            let result = try CLI.run(["backup", copy, "--database", database])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.text.contains("verified"))
            copies.append(copy)
            usleep(40_000)
        }
        func processed() -> Int { ((try? FileManager.default.contentsOfDirectory(atPath: inbox + "/processed")) ?? []).count }
        #expect(CLI.waitUntil(within: 30) { processed() == count })
        for copy in copies {
            #expect(try CLI.run(["verify", "--database", copy]).status == 0)
            #expect(!FileManager.default.fileExists(atPath: copy + "-wal"))
        }
        let last = try CLI.run(["backup", backups, "--database", database, "--json"])
        #expect(last.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: last.stdout) as? [String: Any])
        let finalCopy = try #require(object["path"] as? String)
        #expect(object["revisions"] as? Int == count)

        // The documented restore: stop the daemon, verify the backup, move the archive and its -wal and
        // -shm aside, copy the backup into place, start again.
        daemon.signal(SIGTERM)
        #expect(daemon.waitForExit() == 0)
        #expect(try CLI.run(["verify", "--database", finalCopy]).status == 0)
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: database + suffix) {
            try FileManager.default.moveItem(atPath: database + suffix, toPath: database + ".damaged" + suffix)
        }
        try FileManager.default.copyItem(atPath: finalCopy, toPath: database)
        let restarted = try CLI.start(["daemon", "--inbox", inbox, "--database", database], environment: [:],
                                      stderrPath: folder.appendingPathComponent("restored.err").path)
        defer { restarted.terminate() }
        try Variants.edited(text, replacing: "3.2 Farmers", with: "3.2 Farmers [after restore]")
            .write(toFile: inbox + "/MEX201601.E-restored.txt", atomically: true, encoding: .utf8)
        #expect(CLI.waitUntil(within: 10) { processed() == count + 1 })
        restarted.signal(SIGTERM)
        #expect(restarted.waitForExit() == 0)
        let history = try CLI.run(["history", "MEX201601.E", "--database", database, "--format", "json"])
        let revisions = try #require(try JSONSerialization.jsonObject(with: history.stdout) as? [[String: Any]])
        #expect(revisions.count == count + 1)
        #expect(try CLI.run(["verify", "--database", database]).status == 0)
    }

    @Test func aBackupToAFolderThatCannotBeWrittenFailsNamingItAndLeavesNothing() throws {
        try ingestSeeds()
        let result = try CLI.run(["backup", folder.appendingPathComponent("missing/copy.db").path, "--database", database])
        #expect(result.status == 73)
        #expect(result.stderr.contains("cannot back up to \(folder.appendingPathComponent("missing/copy.db").path)"),
                "\(result.stderr)")
    }
}
