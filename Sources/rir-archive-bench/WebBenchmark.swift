import Foundation
import RIRTestSupport
import RIRArchive
import RIRModel
import RIRStore

/// The `web` group: `rir-archive serve` on a 10,000-report archive, on loopback only.
///   web_report_p50_ms / web_revision_p50_ms  request latency at one connection (wrk --latency):
///                                            the server's time plus a loopback round trip
///   web_nginx_over_serve                     nginx's throughput serving a saved copy of the revision
///                                            page over serve's on it, under wrk (goal ≤ 5: serve ≥ 1/5)
///   web_serve_rss_mib                        peak resident memory of serve under that load
enum WebBenchmark {
    static let reports = 10_000
    /// Bump when the content of the cached database changes.
    static let builderVersion = 1
    static let nginx = ["/usr/sbin/nginx", "/usr/bin/nginx"].first { FileManager.default.isExecutableFile(atPath: $0) }

    static func run(corpus: SeedCorpus, seconds: Int, log: (String) -> Void) throws -> [Figure] {
        guard let wrk = Harness.which("wrk") else { throw BenchError.tool("wrk is not installed (apt-get install wrk)") }
        guard let curl = Harness.which("curl") else { throw BenchError.tool("curl is not installed (apt-get install curl)") }
        guard let nginx else { throw BenchError.tool("nginx is not installed (apt-get install nginx-light)") }
        let database = try cachedDatabase(corpus: corpus, log: log)
        let id = try reportWithRevisions(database)
        let folder = try Harness.temporaryFolder("web")
        defer { Harness.removeFolder(folder) }

        let port = try freePort()
        let base = "http://127.0.0.1:\(port)"
        let serve = try Harness.spawn(Harness.archiveExecutable, ["serve", "--database", database, "--listen", "127.0.0.1:\(port)"],
                                      environment: Harness.cleanEnvironment, output: folder + "/serve.log")
        defer { kill(serve, SIGTERM); _ = Harness.wait(serve) }
        try waitUntilListening(port)
        let report = "\(base)/reports/\(id)", revision = "\(base)/reports/\(id)/revisions/2"
        for url in [report, revision] { try Harness.run(curl, ["-fsS", "-o", "/dev/null", url]) }

        let reportP50 = try latencyP50(wrk, report, seconds: seconds, folder: folder)
        let revisionP50 = try latencyP50(wrk, revision, seconds: seconds, folder: folder)
        log("web: report p50 \(Figure.format(reportP50)) ms, revision p50 \(Figure.format(revisionP50)) ms")
        let serveRate = try throughput(wrk, revision, seconds: seconds, folder: folder)
        let rss = try peakResidentMegabytes(serve)

        // The same page as a static file under nginx, measured the same way in the same run.
        let www = folder + "/www"
        try FileManager.default.createDirectory(atPath: www, withIntermediateDirectories: true)
        try Harness.run(curl, ["-fsS", "-o", www + "/revision.html", revision])
        // nginx's workers run as an unprivileged user when started by root: let them read the copy.
        for (path, mode) in [(folder, 0o755), (www, 0o755), (www + "/revision.html", 0o644)] { chmod(path, mode_t(mode)) }
        let nginxPort = try freePort()
        try """
            daemon off; pid \(folder)/nginx.pid; error_log \(folder)/nginx-error.log; worker_processes 1;
            events { worker_connections 256; }
            http { access_log off; client_body_temp_path \(folder)/tmp; proxy_temp_path \(folder)/tmp;
                   fastcgi_temp_path \(folder)/tmp; uwsgi_temp_path \(folder)/tmp; scgi_temp_path \(folder)/tmp;
                   server { listen 127.0.0.1:\(nginxPort); root \(www); } }
            """.write(toFile: folder + "/nginx.conf", atomically: true, encoding: .utf8)
        let server = try Harness.spawn(nginx, ["-c", folder + "/nginx.conf", "-p", folder, "-e", folder + "/nginx-error.log"],
                                       output: folder + "/nginx.log")
        defer { kill(server, SIGTERM); _ = Harness.wait(server) }
        try waitUntilListening(nginxPort)
        let nginxRate = try throughput(wrk, "http://127.0.0.1:\(nginxPort)/revision.html", seconds: seconds, folder: folder)
        log("web: serve \(Figure.format(serveRate)) req/s, nginx \(Figure.format(nginxRate)) req/s, serve RSS \(Figure.format(rss)) MiB")
        return [
            Figure(key: "web_report_p50_ms", value: reportP50, unit: "ms", goal: .atMost(10),
                   note: "/reports/\(id) on \(reports) reports, wrk -c1 -d\(seconds)s latency p50 (server + loopback)"),
            Figure(key: "web_revision_p50_ms", value: revisionP50, unit: "ms", goal: .atMost(10),
                   note: "/reports/\(id)/revisions/2, wrk -c1 -d\(seconds)s latency p50 (server + loopback)"),
            Figure(key: "web_nginx_over_serve", value: nginxRate / max(serveRate, 0.001), unit: "×", goal: .atMost(5),
                   note: "nginx req/s over serve req/s on the same page (wrk -t2 -c16 -d\(seconds)s): serve \(Figure.format(serveRate)), nginx \(Figure.format(nginxRate))"),
            Figure(key: "web_serve_rss_mib", value: rss, unit: "MiB", goal: .atMost(60),
                   note: "peak resident memory (VmHWM) of serve after the load"),
        ]
    }

    // MARK: - wrk

    /// The p50 latency of one connection in milliseconds (wrk's `--latency` distribution).
    static func latencyP50(_ wrk: String, _ url: String, seconds: Int, folder: String) throws -> Double {
        let text = try runWrk(wrk, ["-t1", "-c1", "-d\(seconds)s", "--latency", url], folder: folder)
        guard let line = text.split(separator: "\n").first(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix("50%") }),
              let value = line.split(separator: " ").last.flatMap(milliseconds) else {
            throw BenchError.tool("no 50% latency in wrk's output: \(text)")
        }
        return value
    }

    /// Requests per second with two threads and 16 connections.
    static func throughput(_ wrk: String, _ url: String, seconds: Int, folder: String) throws -> Double {
        let text = try runWrk(wrk, ["-t2", "-c16", "-d\(seconds)s", url], folder: folder)
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Requests/sec:") }),
              let value = line.split(separator: " ").last.flatMap({ Double($0) }) else {
            throw BenchError.tool("no Requests/sec in wrk's output: \(text)")
        }
        if text.contains("Non-2xx") { throw BenchError.check("wrk saw errors on \(url): \(text)") }
        return value
    }

    static func runWrk(_ wrk: String, _ arguments: [String], folder: String) throws -> String {
        let output = folder + "/wrk.out"
        Harness.remove(output)
        try Harness.run(wrk, arguments, output: output)
        return (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
    }

    /// `512.00us`, `1.20ms`, `2.00s` in milliseconds.
    static func milliseconds(_ text: Substring) -> Double? {
        for (suffix, scale) in [("us", 0.001), ("ms", 1.0), ("s", 1000.0)] where text.hasSuffix(suffix) {
            return Double(text.dropLast(suffix.count)).map { $0 * scale }
        }
        return nil
    }

    /// Peak resident memory of a process, in MiB (`VmHWM` of `/proc/PID/status`).
    static func peakResidentMegabytes(_ pid: pid_t) throws -> Double {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = Double(line.split(separator: " ", omittingEmptySubsequences: true)[1])
        else { throw BenchError.tool("no VmHWM in /proc/\(pid)/status") }
        return kilobytes / 1024
    }

    // MARK: - Loopback

    static func freePort() throws -> Int {
        guard let port = LoopbackPort.free() else { throw BenchError.tool("cannot find a free port on 127.0.0.1") }
        return port
    }

    static func waitUntilListening(_ port: Int, seconds: Int = 30) throws {
        for _ in 0..<(seconds * 20) {
            if LoopbackPort.accepts(port) { return }
            usleep(50_000)
        }
        throw BenchError.tool("nothing listens on 127.0.0.1:\(port) after \(seconds) s")
    }

    // MARK: - The archive

    /// A report of the archive with at least two revisions.
    static func reportWithRevisions(_ database: String) throws -> String {
        let archive = try Archive(config: .defaults, store: try ArchiveStore(path: database, access: .readOnly))
        guard let report = try archive.list(asOf: Bench.referenceDay).first(where: { $0.revisions >= 2 }) else {
            throw BenchError.check("no report with two revisions in \(database)")
        }
        return report.id.description
    }

    /// The 10,000-report archive, ingested through ``ArchiveIngest`` from the synthetic stream
    /// (new reports and later captures) and cached beside the expiring benchmark's database.
    static func cachedDatabase(corpus: SeedCorpus, log: (String) -> Void) throws -> String {
        let path = try ExpiringBenchmark.cachePath(name: "web-\(reports)-v\(builderVersion)")
        if FileManager.default.fileExists(atPath: path) {
            log("web: using the cached database \(path)")
            return path
        }
        let building = path + ".building"
        for suffix in ["", "-wal", "-shm"] { Harness.remove(building + suffix) }
        let milliseconds = try Harness.time {
            // Outcomes are counted, not checked: a revision of the stream may happen to restore
            // earlier content (then the store rightly answers "unchanged").
            let archive = try ArchiveIngest(store: try ArchiveStore(path: building), asOf: Bench.referenceDay).archive
            var stream = SyntheticArchive(corpus: corpus, seed: 13, windowEnd: Bench.referenceDay)
            var created = 0
            while created < reports {
                let batch = (0..<min(200, reports - created)).map { _ in stream.next() }
                let items = batch.map { archive.item(for: $0.bytes, name: $0.name, source: "inbox/\($0.name)") }
                created += try archive.store(items).filter { $0.outcome == .newDocument }.count
            }
        }
        try GRDBAccess.checkpoint(building)
        for suffix in ["-wal", "-shm"] { Harness.remove(building + suffix) }
        guard rename(building, path) == 0 else { throw BenchError.tool("cannot rename \(building) to \(path)") }
        log("web: built \(path) (\(reports) reports) in \(Figure.format(milliseconds / 1000)) s")
        return path
    }
}
