import Foundation
import RIRModel
import RIRTestSupport
import Testing

/// Kills `ingest` with SIGKILL at random moments, then checks the archive is whole.
enum IngestKillLoop {
    /// Each kill comes at a random moment within the time one whole run takes on this machine
    /// (measured first, into a scratch archive, and adjusted as the runs go), so that however fast
    /// ingest gets, the kills fall while it writes rather than after it has finished.
    static func run(runs: Int, seed: UInt64) throws -> TortureFigures {
        let folder = try CLI.temporaryFolder()
        let database = folder.appendingPathComponent("archive.db").path
        let inputs = folder.appendingPathComponent("inputs")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        // Twelve distinct revisions of the seed, so every run has real writes to interrupt.
        let seed12 = try String(contentsOfFile: CLI.seed("MEX201601.E.txt"), encoding: .utf8)
        for n in 0..<12 {
            try seed12.replacingOccurrences(of: "3.2 Farmers", with: "3.2 Farmers \(n)")
                .write(to: inputs.appendingPathComponent(String(format: "MEX201601.E-%02d.txt", n)),
                       atomically: true, encoding: .utf8)
        }
        let arguments = ["ingest", inputs.path, CLI.seed("MEX201603.E.txt"), "--database"]
        let started = Date()
        let calibration = try CLI.run(arguments + [folder.appendingPathComponent("calibration.db").path])
        try #require(calibration.status == 0, "an uninterrupted ingest failed: \(calibration.stderr)")
        let whole = UInt32(max(Date().timeIntervalSince(started), 0.002) * 1_000_000)
        // The kill comes between `shortest` and `longest`; the longest wait shrinks when a run ended
        // before its kill and grows back when it did not, so a loaded machine (slower) or a faster
        // build keeps the kills inside the runs.
        let shortest = max(whole / 50, 500)
        var longest = whole
        var generator = SplitMix64(seed: seed)
        var figures = TortureFigures(inputs: 13)
        for _ in 0..<runs {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CLI.binary)
            process.arguments = arguments + [database]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32.random(in: shortest...max(longest, shortest + 1), using: &generator))
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                figures.kills += 1
                longest = min(longest + longest / 20, whole * 2)
            } else {
                longest = max(longest * 3 / 4, shortest * 2)
            }
            process.waitUntilExit()
            // Between two kills, a reader must always be able to open what is there.
            let list = try CLI.run(["list", "--database", database])
            if list.status != 0, list.status != 66 {
                figures.corrupt += 1
                print("list after a kill: \(list.status) \(list.stderr)")
            }
        }
        // No archive at all (every run killed before its first commit) is fine; a damaged one is not.
        let verify = try CLI.run(["verify", "--database", database])
        if verify.status != 0, verify.status != 66 { figures.corrupt += 1 }
        // A final complete run: every input is then stored exactly once, as one revision each.
        let final = try CLI.run(["ingest", inputs.path, "--database", database, "--format", "json"])
        #expect(final.status == 0)
        let history = try CLI.run(["history", "MEX201601.E", "--database", database, "--format", "json"])
        let revisions = try #require(JSONSerialization.jsonObject(with: history.stdout) as? [[String: Any]])
        let hashes = revisions.compactMap { $0["content_hash"] as? String }
        // Runs restart from the first input, so older contents legitimately return as new
        // revisions; but two consecutive revisions never hold the same content.
        figures.duplicated = zip(hashes, hashes.dropFirst()).filter { $0 == $1 }.count
        figures.lost = 12 - Set(hashes).count
        if try CLI.run(["verify", "--database", database]).status != 0 { figures.corrupt += 1 }
        return figures
    }
}

@Suite struct DurabilitySoakTests {
    /// A short deterministic slice for the normal suite.
    @Test func anIngestKilledAFewTimesLosesAndDuplicatesNothing() throws {
        let figures = try IngestKillLoop.run(runs: 6, seed: 7)
        #expect(figures.lost == 0 && figures.duplicated == 0 && figures.corrupt == 0, "\(figures)")
    }

    /// Slow: runs only with RIR_SOAK=1 (e.g. `RIR_SOAK=1 swift test --filter DurabilitySoak`).
    @Test(.enabled(if: soakEnabled, "set RIR_SOAK=1 to run the soak"))
    func ingestKilledAtRandomMomentsLosesAndDuplicatesNothing() throws {
        let seed = UInt64.random(in: 1...UInt64.max)
        let figures = try IngestKillLoop.run(runs: 80, seed: seed)
        print("ingest kill soak (seed \(seed)): \(figures)")
        #expect(figures.kills >= 50, "only \(figures.kills) runs were still going when the kill came")
        #expect(figures.lost == 0 && figures.duplicated == 0 && figures.corrupt == 0, "\(figures)")
    }
}
