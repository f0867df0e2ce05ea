import Foundation
import RIRArchive
import RIRConfig
import RIRModel
import RIRStore
import RIRTestSupport

/// `recapture_bytes`: database growth per chrome-only recapture of a real-template IRB page
/// (``GCWebPage`` around the MEX201601.E seed of `--seeds`). Each of `days` daily recaptures has a new
/// "Date modified", new SharePoint `__REQUESTDIGEST` and `__VIEWSTATE` tokens and a
/// `captured_at` one day after the one before, and goes through the program's ingest (one
/// transaction per capture, as the daemon stores a fetch). Growth is measured between the first
/// capture and the last, each after a WAL checkpoint, and divided by `days`.
enum RecaptureBenchmark {
    static func run(seeds: String, days: Int = 1_000, log: (String) -> Void) throws -> [Figure] {
        let path = seeds + "/" + Seeds.mex201601
        guard let data = FileManager.default.contents(atPath: path) else { throw BenchError.seeds("\(path) not found") }
        let seed = String(decoding: data, as: UTF8.self)
        let url = "https://irb.gc.ca/en/country-information/rir/Pages/index.aspx?doc=458940"
        let first = CalendarDate(year: 2023, month: 9, day: 5)!
        var page = GCWebPage()
        var rng = SplitMix64(seed: 16)
        let folder = try Harness.temporaryFolder("recapture")
        defer { Harness.removeFolder(folder) }
        let database = folder + "/archive.db"
        // Phase 0 is the first capture (the size after it is where growth starts), phase 1 the recaptures.
        var sizes: [Int] = []
        var spaces: [[String: Int]] = []
        for range in [0...0, 1...days] {
            try ingest(days: range, from: first, url: url, seed: seed, page: &page, rng: &rng, into: database)
            sizes.append(try ArchiveIngest.checkpointedSize(database))
            spaces.append(Dictionary(GRDBAccess.spaceByObject(database).map { ($0.name, $0.bytes) }, uniquingKeysWith: +))
        }
        let growth = sizes[1] - sizes[0]
        let byObject = spaces[1].map { ($0.key, $0.value - (spaces[0][$0.key] ?? 0)) }.filter { $0.1 > 0 }
            .sorted { $0.1 > $1.1 }.map { "\($0.0) +\($0.1 / 1024) KiB" }.joined(separator: ", ")
        log("recapture: \(days) chrome-only recaptures, database \(sizes[0]) → \(sizes[1]) bytes")
        log("recapture: growth by table and index (dbstat pages): \(byObject)")
        return [Figure(key: "recapture_bytes", value: Double(growth) / Double(days), unit: "bytes", goal: .atMost(512),
                       note: "database growth per daily chrome-only recapture of a GCWeb page (\(days) days, "
                           + "\(sizes[0]) → \(sizes[1]) bytes after WAL checkpoints)")]
    }

    /// Ingests the page as captured on each day of `days` after `first`, through a store that is
    /// closed on return; day 0 must be a new document, every other day an unchanged recapture.
    static func ingest(days: ClosedRange<Int>, from first: CalendarDate, url: String, seed: String,
                       page: inout GCWebPage, rng: inout SplitMix64, into database: String) throws {
        let archive = try Archive(config: .defaults, store: try ArchiveStore(path: database), clock: ArchiveClock { 0 })
        for offset in days {
            let date = first.adding(days: offset)
            page.dateModified = date.iso
            page.requestDigest = token(&rng, hexDigits: 128) + ",\(date.iso) 10:00:00 -0000"
            page.viewState = "/wEPDw" + base64Token(&rng, characters: 96)
            let item = archive.item(for: Array(page.source(seed).utf8), name: "MEX201601.E.html", source: url,
                                    capturedAt: date.iso + "T10:00:00Z")
            guard let result = try archive.store([item], asOf: date).first else {
                throw BenchError.check("recapture of day \(offset): no ingest result")
            }
            let expected: IngestOutcome = offset == 0 ? .newDocument : .unchanged
            guard result.outcome == expected else {
                throw BenchError.check("recapture of day \(offset) was \(result.outcome.rawValue), expected \(expected.rawValue)"
                                       + (result.reason.map { ": \($0)" } ?? ""))
            }
        }
    }

    /// `0x` and `hexDigits` upper-case hex digits, as SharePoint's form digest starts.
    static func token(_ rng: inout SplitMix64, hexDigits: Int) -> String {
        let digits = Array("0123456789ABCDEF")
        return "0x" + String((0..<hexDigits).map { _ in digits[Int(rng.next() & 15)] })
    }

    /// `characters` characters of the base64 alphabet, as in `__VIEWSTATE`.
    static func base64Token(_ rng: inout SplitMix64, characters: Int) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        return String((0..<characters).map { _ in alphabet[Int(rng.next() & 63)] })
    }
}
