import Foundation
import RIRArchive
import RIRModel
import RIRWARC

/// `warc_ingest_mb_per_s` and `warc_ingest_peak_rss_mb`: `rir-archive ingest` of a large generated
/// `.warc.gz` (mostly images and other pages, one RIR capture in 14 records), its throughput beside
/// `gzip -dc` of the same file, and its peak resident memory beside the ingest of a WARC a
/// tenth its size: a WARC is streamed, so the peak must not grow with the file.
enum WARCBenchmark {
    static func run(corpus: SeedCorpus, megabytes: Int, log: (String) -> Void) throws -> [Figure] {
        let folder = try Harness.temporaryFolder("warc")
        defer { Harness.removeFolder(folder) }
        let large = folder + "/large.warc.gz", small = folder + "/small.warc.gz"
        let captures = try generate(large, megabytes: megabytes, corpus: corpus, seed: 7)
        _ = try generate(small, megabytes: max(8, megabytes / 10), corpus: corpus, seed: 8)
        let size = Double(Harness.fileSize(large)) / 1_048_576
        log("warc: \(Figure.format(size)) MB on disk, \(captures) RIR captures")

        let program = Harness.archiveExecutable
        func ingest(_ file: String, _ database: String) throws -> Usage {
            // Exit 65 would mean a rejected record: the generated file has none.
            try measure(program, ["ingest", file, "--database", database, "--as-of", Bench.referenceDay.iso,
                                  "--format", "json"], output: folder + "/ingest.out")
        }
        let smallRun = try ingest(small, folder + "/small.db")
        let largeRun = try ingest(large, folder + "/large.db")
        let summary = try String(contentsOfFile: folder + "/ingest.out", encoding: .utf8)
            .split(separator: "\n").last { $0.contains("\"warc\":\"\(large)\"") } ?? "(no summary line)"
        log("warc: \(summary)")
        guard summary.contains("\"captures\":\(captures)"), summary.contains("\"rejected\":0") else {
            throw BenchError.tool("the large WARC did not ingest as generated: \(summary)")
        }
        guard let gzipProgram = Harness.which("gzip") else { throw BenchError.tool("gzip is not installed") }
        let gzip = try measure(gzipProgram, ["-dc", large], output: "/dev/null")
        var figures = [
            Figure(key: "warc_ingest_mb_per_s", value: size / (largeRun.milliseconds / 1000), unit: "MB/s",
                   goal: .none,
                   note: "\(Figure.format(size)) MB .warc.gz, \(captures) captures; baseline gzip -dc > /dev/null: "
                       + "\(Figure.format(size / (gzip.milliseconds / 1000))) MB/s, \(Figure.format(gzip.peakMegabytes)) MB peak"),
            Figure(key: "warc_ingest_peak_rss_mb", value: largeRun.peakMegabytes, unit: "MB",
                   goal: .flat(limit: 256, baseline: smallRun.peakMegabytes, growth: 32),
                   note: "peak RSS; a WARC a tenth the size: \(Figure.format(smallRun.peakMegabytes)) MB"),
        ]
        if let warcio = Harness.which("warcio") {
            let index = try measure(warcio, ["index", large], output: "/dev/null")
            figures.append(Figure(key: "warc_warcio_index_mb_per_s", value: size / (index.milliseconds / 1000),
                                  unit: "MB/s", goal: .none,
                                  note: "baseline: warcio index of the same file, \(Figure.format(index.peakMegabytes)) MB peak"))
        }
        return figures
    }

    /// Wall time and peak resident memory of one child process.
    struct Usage {
        var milliseconds: Double
        var peakMegabytes: Double
    }

    /// Runs a child to its end, sampling its `VmHWM` every 5 ms. (`ru_maxrss` from `wait4` would not
    /// do: a child started by posix_spawn keeps the benchmark's own high-water mark across exec.)
    static func measure(_ executable: String, _ arguments: [String], output: String) throws -> Usage {
        let start = Harness.clock.now
        let pid = try Harness.spawn(executable, arguments, environment: Harness.cleanEnvironment, output: output)
        var status: Int32 = 0
        var peak = 0.0
        while true {
            let done = waitpid(pid, &status, WNOHANG)
            if done == pid { break }
            if done == -1, errno != EINTR { throw BenchError.tool("waitpid failed for \(executable)") }
            peak = max(peak, highWaterMegabytes(of: pid) ?? 0)
            usleep(5_000)
        }
        let elapsed = Harness.milliseconds(Harness.clock.now - start)
        guard status == 0 else {
            throw BenchError.tool("\(([executable] + arguments).joined(separator: " ")) exited with status \(status >> 8)")
        }
        return Usage(milliseconds: elapsed, peakMegabytes: peak)
    }

    /// `VmHWM` (peak resident set) of a running process, from /proc.
    static func highWaterMegabytes(of pid: pid_t) -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "") else { return nil }
        return kilobytes / 1024
    }

    // MARK: - The file

    /// Writes a `.warc.gz` of about `megabytes` uncompressed: per RIR capture (a text response),
    /// request records, other HTML pages and incompressible images. Returns the captures written.
    static func generate(_ path: String, megabytes: Int, corpus: SeedCorpus, seed: UInt64) throws -> Int {
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let file = FileHandle(forWritingAtPath: path) else { throw BenchError.tool("cannot write \(path)") }
        defer { try? file.close() }
        var archive = SyntheticArchive(corpus: corpus, seed: seed, windowEnd: Bench.referenceDay)
        var rng = SplitMix64(seed: seed)
        var written = 0, captures = 0, sequence = 0
        var seconds = 1_700_000_000
        func record(_ type: String, uri: String, contentType: String, body: [UInt8]) throws {
            sequence += 1
            seconds += 7
            let date = Date(timeIntervalSince1970: Double(seconds)).formatted(.iso8601)
            let head = type == "response" ? Array("HTTP/1.1 200 OK\r\nContent-Type: \(contentType)\r\nContent-Length: \(body.count)\r\n\r\n".utf8) : []
            let bytes = WARCWriter.record(type: type, recordID: "<urn:uuid:00000000-0000-4000-8000-\(String(format: "%012d", sequence))>",
                                          date: date, targetURI: uri,
                                          contentType: type == "response" ? "application/http; msgtype=response" : contentType,
                                          block: head + body)
            try file.write(contentsOf: Data(GzipMember.compress(bytes)))
            written += bytes.count
        }
        while written < megabytes << 20 {
            let capture = archive.next()
            let doc = 450_000 + captures
            let uri = "https://irb.gc.ca/en/country-information/rir/Pages/index.aspx?doc=\(doc)"
            try record("request", uri: uri, contentType: "application/http; msgtype=request", body: Array("GET / HTTP/1.1\r\n\r\n".utf8))
            try record("response", uri: uri, contentType: "text/plain; charset=utf-8", body: capture.bytes)
            captures += 1
            for index in 0..<12 {
                if index % 4 == 0 {
                    let page = "<html><body><h1>News \(sequence)</h1><p>" + String(repeating: "The Board publishes decisions. ", count: 200) + "</p></body></html>"
                    try record("response", uri: "https://irb.gc.ca/en/news/\(sequence).html", contentType: "text/html", body: Array(page.utf8))
                } else {
                    var image = [UInt8](repeating: 0, count: 150_000 + rng.below(100_000))
                    for offset in stride(from: 0, to: image.count - 8, by: 8) {
                        withUnsafeBytes(of: rng.next()) { image.replaceSubrange(offset..<(offset + 8), with: $0) }
                    }
                    try record("response", uri: "https://irb.gc.ca/img/\(sequence).jpg", contentType: "image/jpeg", body: image)
                }
            }
        }
        return captures
    }
}
