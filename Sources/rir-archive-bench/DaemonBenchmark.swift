import Foundation
import RIRModel
#if canImport(Glibc)
import Glibc
#endif

/// `inbox_latency_ms_p50`, `idle_rss_mb` and `rss_after_10k_mb`: a real daemon child, files renamed
/// into its inbox one at a time (rename → the file in `processed/`), then a bulk of ingests.
enum DaemonBenchmark {
    static func run(corpus: SeedCorpus, latencySamples: Int, totalIngests: Int, log: (String) -> Void) throws -> [Figure] {
        let program = Harness.archiveExecutable
        let folder = try Harness.temporaryFolder("daemon")
        defer { Harness.removeFolder(folder) }
        let (inbox, staging) = (folder + "/inbox", folder + "/staging")
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)

        let daemon = try DaemonProcess(program: program, inbox: inbox, database: folder + "/archive.db", folder: folder)
        var stopped = false
        defer { if !stopped { kill(daemon.pid, SIGKILL); _ = Harness.wait(daemon.pid) } }
        let startMs = try Harness.time { try daemon.waitUntilReady() }
        sleep(1)
        let idle = try daemon.residentMegabytes()
        let idleMappings = daemon.residentByMapping()
        let arrivals = try FolderArrivals([inbox + "/processed", inbox + "/rejected"])

        // The daemon applies the retention window as of today: captures are dated up to today.
        let today = CalendarDate(daysSinceEpoch: Int((Date().timeIntervalSince1970 / 86_400).rounded(.down)))
        var archive = SyntheticArchive(corpus: corpus, seed: 5, windowEnd: today)
        var latencies: [Double] = []
        for _ in 0..<latencySamples {
            let capture = archive.next()
            try Harness.write(capture.bytes, to: staging + "/" + capture.name)
            let start = Harness.clock.now
            guard rename(staging + "/" + capture.name, inbox + "/" + capture.name) == 0 else {
                throw BenchError.daemon("cannot rename into \(inbox)")
            }
            try waitFor([capture.name], arrivals: arrivals, daemon: daemon, inbox: inbox)
            latencies.append(Harness.milliseconds(Harness.clock.now - start))
            Harness.remove(inbox + "/processed/" + capture.name)
        }

        var done = latencySamples
        let bulkMs = try Harness.time {
            while done < totalIngests {
                let batch = (0..<min(100, totalIngests - done)).map { _ in archive.next() }
                for capture in batch { try Harness.write(capture.bytes, to: staging + "/" + capture.name) }
                for capture in batch where rename(staging + "/" + capture.name, inbox + "/" + capture.name) != 0 {
                    throw BenchError.daemon("cannot rename into \(inbox)")
                }
                try waitFor(batch.map(\.name), arrivals: arrivals, daemon: daemon, inbox: inbox)
                for capture in batch { Harness.remove(inbox + "/processed/" + capture.name) }
                done += batch.count
            }
        }
        sleep(1)
        let after = try daemon.residentMegabytes()
        let afterMappings = daemon.residentByMapping()
        func top(_ mappings: [(name: String, megabytes: Double)]) -> String {
            mappings.prefix(8).map { "\($0.name) \(Figure.format(($0.megabytes * 10).rounded() / 10))" }
                .joined(separator: ", ")
        }
        log("daemon: resident MiB by mapping when idle: \(top(idleMappings))")
        let idleByName = Dictionary(idleMappings.map { ($0.name, $0.megabytes) }, uniquingKeysWith: +)
        let growth = afterMappings.map { ($0.name, $0.megabytes - (idleByName[$0.name] ?? 0)) }
            .filter { $0.1 > 0.05 }.sorted { $0.1 > $1.1 }
        log("daemon: resident MiB growth by mapping after \(totalIngests) ingests: \(top(growth))")
        try daemon.stop()
        stopped = true
        log("daemon: READY after \(Figure.format(startMs)) ms; \(totalIngests - latencySamples) bulk ingests in \(Figure.format(bulkMs / 1000)) s")

        let sorted = latencies.sorted()
        let p90 = sorted[min(sorted.count - 1, sorted.count * 9 / 10)]
        return [
            Figure(key: "inbox_latency_ms_p50", value: Harness.median(latencies), unit: "ms", goal: .atMost(50),
                   note: "rename → processed/, \(latencySamples) files one at a time; p90 \(Figure.format(p90)) ms"),
            Figure(key: "idle_rss_mb", value: idle, unit: "MiB", goal: .atMost(30), note: "VmRSS 1 s after READY=1"),
            Figure(key: "rss_after_10k_mb", value: after, unit: "MiB", goal: .flat(limit: 30, baseline: idle, growth: 5),
                   note: "VmRSS after \(totalIngests) inbox ingests\(totalIngests < 10_000 ? " (quick mode: not 10,000)" : "")"),
        ]
    }

    /// Waits until every name has arrived in `processed/`; a rejection is an error.
    static func waitFor(_ names: [String], arrivals: FolderArrivals, daemon: DaemonProcess, inbox: String) throws {
        var pending = Set(names)
        let deadline = Harness.clock.now + .seconds(120)
        while !pending.isEmpty {
            guard Harness.clock.now < deadline else {
                let places = pending.sorted().prefix(3).map { name in
                    let place = ["", ".claimed/", "processed/", "rejected/"].first {
                        FileManager.default.fileExists(atPath: "\(inbox)/\($0)\(name)")
                    }
                    return "\(name) in \(place.map { "inbox/" + $0 } ?? "nowhere")"
                }
                throw BenchError.daemon("\(pending.count) files not processed within 120 s (\(places.joined(separator: ", "))); \(daemon.tail())")
            }
            for (folder, name) in arrivals.next(waiting: 1000) {
                if folder == "rejected", !name.hasSuffix(".reason") {
                    throw BenchError.daemon("the daemon rejected \(name); \(daemon.tail())")
                }
                if folder == "processed" { pending.remove(name) }
            }
        }
    }
}
