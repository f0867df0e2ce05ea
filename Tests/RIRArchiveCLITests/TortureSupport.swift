import Foundation
import RIRModel
import RIRTestSupport
import Testing

/// Whether the slow soak tests run (`RIR_SOAK=1 swift test --filter Soak`).
let soakEnabled = ProcessInfo.processInfo.environment["RIR_SOAK"] == "1"


/// The figures of one torture run, for the closing note of a soak.
struct TortureFigures: CustomStringConvertible {
    var kills = 0
    var inputs = 0
    var lost = 0
    var duplicated = 0
    var corrupt = 0
    var description: String {
        "\(kills) kills, \(inputs) inputs, \(lost) lost, \(duplicated) duplicated, \(corrupt) corrupt"
    }
}

/// The number of capture rows `verify` counts (a file ingested twice shows as one capture too many).
func captureCount(database: String) throws -> Int? {
    let verify = try CLI.run(["verify", "--database", database])
    guard verify.status == 0,
          let match = verify.text.firstMatch(of: /(\d+) captures?,/) else { return nil }
    return Int(match.1)
}

/// The SHA-256 of a file, through coreutils' `sha256sum`.
func sha256(ofFile path: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
    process.arguments = [path]
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(String(decoding: data, as: UTF8.self).prefix(64))
}

/// The daemon SIGKILLed at random moments while bursts of files arrive, restarted each time; every
/// file must end exactly once in `processed/` or `rejected/`, and be stored exactly once.
enum DaemonKillCycles {
    /// Runs `rounds` cycles of: drop `burst` files (one in eight unparseable), start the daemon, kill it
    /// after a random delay. Then a last daemon finishes the work and the archive is checked.
    static func run(rounds: Int, burst: Int, seed: UInt64, delays: ClosedRange<UInt32>) throws -> TortureFigures {
        let root = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let inbox = root.appendingPathComponent("inbox").path
        let database = root.appendingPathComponent("archive.db").path
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        let text = Seeds.text(Seeds.mex201601)
        var generator = SplitMix64(seed: seed)
        var figures = TortureFigures()
        var good: [String] = []
        var bad: [String] = []
        for round in 0..<rounds {
            for n in 0..<burst {
                let index = round * burst + n
                let name = String(format: "MEX201601.E-%04d.txt", index)
                let part = "\(inbox)/.\(name).part"
                if index % 8 == 7 {
                    try "not a report \(index)\n".write(toFile: part, atomically: false, encoding: .utf8)
                    bad.append(name)
                } else {
                    try Variants.edited(text, replacing: "3.2 Farmers", with: "3.2 Farmers (\(index))")
                        .write(toFile: part, atomically: false, encoding: .utf8)
                    good.append(name)
                }
                rename(part, "\(inbox)/\(name)")
            }
            let daemon = try CLI.start(["daemon", "--inbox", inbox, "--database", database], environment: [:],
                                       stderrPath: root.appendingPathComponent("round-\(round).err").path)
            usleep(UInt32.random(in: delays, using: &generator))
            if daemon.isRunning { daemon.signal(SIGKILL); figures.kills += 1 }
            #expect(daemon.waitForExit(within: 10) != nil)
        }
        figures.inputs = good.count + bad.count
        let last = try CLI.start(["daemon", "--inbox", inbox, "--database", database], environment: [:],
                                 stderrPath: root.appendingPathComponent("last.err").path)
        defer { last.terminate() }
        func names(_ folder: String) -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: "\(inbox)/\(folder)")) ?? []).sorted()
        }
        let settled = CLI.waitUntil(within: 60) {
            names("processed") == good.sorted()
                && names("rejected").filter { !$0.hasSuffix(".reason") } == bad.sorted()
        }
        last.signal(SIGTERM)
        #expect(last.waitForExit(within: 10) == 0, "stderr:\n\(last.stderr)")
        let processed = Set(names("processed"))
        let rejected = Set(names("rejected").filter { !$0.hasSuffix(".reason") })
        // Anything else in those folders (a numbered second copy) is a file handled twice.
        figures.lost = good.filter { !processed.contains($0) }.count + bad.filter { !rejected.contains($0) }.count
        figures.duplicated = processed.subtracting(good).count + rejected.subtracting(bad).count
        #expect(settled, "processed \(processed.count) of \(good.count), rejected \(rejected.count) of \(bad.count)")
        #expect(names(".claimed").isEmpty)
        #expect(names("").filter { $0.hasPrefix("MEX") }.isEmpty, "files left in the inbox")
        if let captures = try captureCount(database: database) {
            // Every good file has its own content: one capture each, never two.
            figures.duplicated += max(0, captures - good.count)
            figures.lost += max(0, good.count - captures)
        } else {
            figures.corrupt += 1
        }
        return figures
    }
}

/// A source whose server sends the head of a 200 and then nothing: while that fetch hangs, an inbox
/// file must be stored within a second, and SIGTERM must end the daemon within 5 s.
enum StalledFetchCycles {
    struct Figures: CustomStringConvertible {
        var cycles = 0
        var slowestStore = 0.0
        var slowestStop = 0.0
        var failures: [String] = []
        var description: String {
            "\(cycles) cycles, slowest inbox store \(String(format: "%.3f", slowestStore)) s, "
                + "slowest stop \(String(format: "%.3f", slowestStop)) s, \(failures.count) failures"
        }
    }

    static func run(cycles: Int) throws -> Figures {
        let server = try LoopbackHTTPServer { _, _ in .stall(seconds: 120) }
        defer { server.stop() }
        let root = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let inbox = root.appendingPathComponent("inbox").path
        let database = root.appendingPathComponent("archive.db").path
        let config = root.appendingPathComponent("rir-archive.yaml").path
        try """
            fetch:
              sources:
                - url: "\(server.url("/en/country-information/rir/Pages/index.aspx?doc=1"))"
                  interval: "200ms"
            """.write(toFile: config, atomically: true, encoding: .utf8)
        var figures = Figures()
        let text = Seeds.text(Seeds.mex201601)
        for cycle in 0..<cycles {
            let asked = server.requests.count
            let daemon = try CLI.start(["daemon", "--config", config, "--inbox", inbox, "--database", database],
                                       environment: [:], stderrPath: root.appendingPathComponent("d\(cycle).err").path)
            defer { daemon.terminate() }
            guard CLI.waitUntil(within: 10, { server.requests.count > asked }) else {
                figures.failures.append("cycle \(cycle): the fetch never started")
                continue
            }
            let name = "MEX201601.E-\(cycle).txt"
            let part = "\(inbox)/.\(name).part"
            try Variants.edited(text, replacing: "3.2 Farmers", with: "3.2 Farmers <\(cycle)>")
                .write(toFile: part, atomically: false, encoding: .utf8)
            let dropped = Date()
            rename(part, "\(inbox)/\(name)")
            let stored = CLI.waitUntil(within: 10) {
                FileManager.default.fileExists(atPath: "\(inbox)/processed/\(name)")
            }
            let storeTime = Date().timeIntervalSince(dropped)
            figures.slowestStore = max(figures.slowestStore, storeTime)
            if !stored || storeTime >= 1 { figures.failures.append("cycle \(cycle): stored after \(storeTime) s") }
            let stopping = Date()
            daemon.signal(SIGTERM)
            let status = daemon.waitForExit(within: 10)
            let stopTime = Date().timeIntervalSince(stopping)
            figures.slowestStop = max(figures.slowestStop, stopTime)
            if status != 0 || stopTime >= 5 {
                figures.failures.append("cycle \(cycle): exit \(status.map(String.init) ?? "none") after \(stopTime) s:\n\(daemon.stderr)")
            }
            figures.cycles += 1
        }
        return figures
    }
}
