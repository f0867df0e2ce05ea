import Foundation
import RIRParser

/// Parse speed: a report of about 100 k characters, built from a seed by repeating its
/// body with renumbered headings, parsed in process; the figure is the median of several runs.
enum ParseBenchmark {
    static let targetCharacters = 100_000

    /// The median parse time; a text-only figure (not in the JSON object).
    static func run(seeds: String, runs: Int) throws -> [Figure] {
        let seedText = { (name: String) in Self.seedText(name, in: seeds) }
        guard let seed = seedText("MEX201601.E.txt") else { throw BenchError.seeds("\(seeds)/MEX201601.E.txt not found") }
        let bytes = Array(largeReport(from: seed).utf8)
        _ = try CaptureParser.parse(bytes, name: "bench.txt") // warm-up, and a check that it parses
        let clock = ContinuousClock()
        var times: [Double] = []
        for _ in 0..<runs {
            let elapsed = try clock.measure { _ = try CaptureParser.parse(bytes, name: "bench.txt") }
            times.append(milliseconds(elapsed))
        }
        return [Figure(key: "parse_ms_100k", value: Harness.median(times), unit: "ms", goal: .none,
                       note: "CaptureParser.parse of a \(bytes.count)-byte capture, median of \(runs)", inJSON: false),
                try throughput(seeds: seeds, passes: runs * 20)]
    }

    /// `parse_mb_per_s`: the seeds' own text (every file in seeds/, as captured) parsed `passes`
    /// times in process; megabytes (10^6 bytes) per second of the median pass.
    static func throughput(seeds: String, passes: Int) throws -> Figure {
        let names = ["MEX201601.E.txt", "MEX201603.E.txt", "MEX201601.EF.txt"]
        let inputs = names.compactMap { seedText($0, in: seeds) }.map { Array($0.utf8) }
        guard inputs.count == names.count else { throw BenchError.seeds("the seeds \(names.joined(separator: ", ")) are not all in \(seeds)") }
        for input in inputs { _ = try CaptureParser.parse(input, name: "seed.txt") }
        let bytes = inputs.reduce(0) { $0 + $1.count }
        let clock = ContinuousClock()
        var times: [Double] = []
        for _ in 0..<passes {
            let elapsed = try clock.measure { for input in inputs { _ = try CaptureParser.parse(input, name: "seed.txt") } }
            times.append(milliseconds(elapsed))
        }
        let median = Harness.median(times)
        return Figure(key: "parse_mb_per_s", value: Double(bytes) / 1e6 / (median / 1000), unit: "MB/s",
                      goal: .atLeast(200),
                      note: "\(bytes) bytes of the three seeds per pass, median of \(passes) passes (\(Figure.format(median)) ms)")
    }

    /// The seed with its body (first heading to closing paragraph) repeated until the whole
    /// text reaches ``targetCharacters``; each copy's top-level heading numbers continue on.
    static func largeReport(from seed: String) -> String {
        let lines = seed.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(of: "1. Overview"),
              let end = lines.firstIndex(where: { $0.hasPrefix("This Response was prepared") })
        else { return seed }
        let body = Array(lines[start..<end])
        let topLevels = body.filter { isHeading($0) && !$0.split(separator: " ")[0].dropLast().contains(".") }.count
        var middle: [String] = []
        var size = seed.count
        var copy = 0
        while size < targetCharacters {
            for line in body {
                let renumbered = isHeading(line) ? offset(line, by: copy * topLevels) : line
                middle.append(renumbered)
                size += copy == 0 ? 0 : renumbered.count + 1
            }
            copy += 1
        }
        return (lines[..<start] + middle + lines[end...]).joined(separator: "\n")
    }

    private static func isHeading(_ line: String) -> Bool {
        guard let first = line.first, first.isNumber, line.count < 150, !line.hasSuffix(".") else { return false }
        return line.split(separator: " ")[0].allSatisfy { $0.isNumber || $0 == "." }
    }

    private static func offset(_ heading: String, by amount: Int) -> String {
        let digits = heading.prefix { $0.isNumber }
        guard let number = Int(digits) else { return heading }
        return String(number + amount) + heading.dropFirst(digits.count)
    }

    /// A seed of the `--seeds` folder, as text.
    private static func seedText(_ name: String, in folder: String) -> String? {
        guard let data = FileManager.default.contents(atPath: folder + "/" + name) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    private static func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }
}
