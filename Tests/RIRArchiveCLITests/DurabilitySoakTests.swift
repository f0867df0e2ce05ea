import Foundation
import Testing

/// Kills `ingest` with SIGKILL at random moments, then checks the archive is whole.
/// Slow: runs only with RIR_SOAK=1 (e.g. `RIR_SOAK=1 swift test --filter DurabilitySoak`).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["RIR_SOAK"] == "1"))
struct DurabilitySoakTests {
    @Test func ingestKilledAtRandomMomentsLosesAndDuplicatesNothing() throws {
        let folder = try CLI.temporaryFolder()
        let database = folder.appendingPathComponent("archive.db").path
        let inputs = folder.appendingPathComponent("inputs")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        // Twelve distinct revisions of the seed, so every run has real writes to interrupt.
        let seed = try String(contentsOfFile: CLI.seed("MEX201601.E.txt"), encoding: .utf8)
        for n in 0..<12 {
            try seed.replacingOccurrences(of: "3.2 Farmers", with: "3.2 Farmers \(n)")
                .write(to: inputs.appendingPathComponent(String(format: "MEX201601.E-%02d.txt", n)),
                       atomically: true, encoding: .utf8)
        }
        var generator = SystemRandomNumberGenerator()
        var kills = 0
        for _ in 0..<60 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CLI.binary)
            process.arguments = ["ingest", inputs.path, CLI.seed("MEX201603.E.txt"), "--database", database]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32.random(in: 5_000...150_000, using: &generator))
            if process.isRunning { kill(process.processIdentifier, SIGKILL); kills += 1 }
            process.waitUntilExit()
        }
        #expect(kills >= 50, "only \(kills) runs were still going when the kill came")
        let verify = try CLI.run(["verify", "--database", database])
        #expect(verify.status == 0, "\(verify.text)")
        // A final complete run: every input is then stored exactly once, as one revision each.
        let final = try CLI.run(["ingest", inputs.path, "--database", database, "--format", "json"])
        #expect(final.status == 0)
        let history = try CLI.run(["history", "MEX201601.E", "--database", database, "--format", "json"])
        let revisions = try #require(JSONSerialization.jsonObject(with: history.stdout) as? [[String: Any]])
        let hashes = revisions.compactMap { $0["content_hash"] as? String }
        // Runs restart from the first input, so older contents legitimately return as new
        // revisions; but two consecutive revisions never hold the same content.
        #expect(zip(hashes, hashes.dropFirst()).allSatisfy { $0 != $1 }, "a content was stored twice in a row")
        #expect(Set(hashes).count == 12)
        #expect(try CLI.run(["verify", "--database", database]).status == 0)
    }
}
