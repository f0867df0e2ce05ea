import ArgumentParser
import Foundation
import RIRModel

/// rir-archive-bench: performance figures, each against a baseline measured in the same run.
@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rir-archive-bench",
        abstract: "Measure ingest, diff, storage, reports, the daemon and the web interface against baselines measured in the same run.",
        discussion: """
        Run from a release build, each product by name: swift build -c release --static-swift-stdlib \
        --scratch-path .build-release --product rir-archive (then --product rir-archive-bench), then \
        .build-release/release/rir-archive-bench --quick. The whole-process figures run the rir-archive \
        binary beside this one. Progress goes to stderr; figures to stdout.
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    /// The day the in-process figures treat as today (the report command's --as-of).
    static let referenceDay = CalendarDate(year: 2026, month: 11, day: 22)!

    static let groups = ["parse", "ingest", "diff", "storage", "expiring", "search", "daemon", "warc", "web", "binary"]

    @Flag(help: "Smaller counts (about 3 minutes once the 1M-report database is cached).") var quick = false
    @Option(help: "Output format: text or json.") var format: Format = .text
    @Option(help: ArgumentHelp("The seed captures.", valueName: "dir")) var seeds: String = SeedCorpus.defaultFolder
    @Option(help: ArgumentHelp("Only these groups, comma-separated: \(groups.joined(separator: ",")).",
                               valueName: "groups"))
    var only: String?
    @Flag(help: "Keep the temporary folders (databases, captures, daemon log) for profiling.") var keep = false

    func run() throws {
        let selected = Set((only ?? Self.groups.joined(separator: ",")).split(separator: ",").map(String.init))
        if let unknown = selected.first(where: { !Self.groups.contains($0) }) {
            throw ValidationError("--only: unknown group \(unknown); choose from \(Self.groups.joined(separator: ","))")
        }
        Harness.keepFolders = keep
        let corpus = try SeedCorpus.load(folder: seeds)
        let log: (String) -> Void = { FileHandle.standardError.write(Data("\($0)\n".utf8)) }
        log("rir-archive-bench \(quick ? "--quick" : "(full)"): \(Harness.archiveExecutable)")
        var figures: [Figure] = []
        func measure(_ group: String, _ body: () throws -> [Figure]) throws {
            guard selected.contains(group) else { return }
            let start = Harness.clock.now
            figures += try body()
            log("\(group): \(Figure.format(Harness.milliseconds(Harness.clock.now - start) / 1000)) s")
        }
        try measure("parse") { try ParseBenchmark.run(seeds: seeds, runs: quick ? 5 : 31) }
        try measure("ingest") { try IngestBenchmark.run(corpus: corpus, count: quick ? 300 : 3000, processRuns: quick ? 3 : 5, log: log) }
        try measure("diff") {
            try DiffBenchmark.run(runs: quick ? 5 : 31)
                + ProcessDiffBenchmark.run(corpus: corpus, runs: quick ? 9 : 31, log: log)
        }
        try measure("storage") { try StorageBenchmark.run(corpus: corpus, log: log) + RecaptureBenchmark.run(seeds: seeds, log: log) }
        try measure("expiring") { try ExpiringBenchmark.run(corpus: corpus, runs: quick ? 3 : 11, warmUp: !quick, log: log) }
        try measure("search") { try SearchBenchmark.run(corpus: corpus, reports: quick ? 300 : 10_000, runs: quick ? 9 : 21, log: log) }
        try measure("daemon") {
            try DaemonBenchmark.run(corpus: corpus, latencySamples: quick ? 30 : 200,
                                    totalIngests: quick ? 1_000 : 10_000, log: log)
        }
        try measure("warc") { try WARCBenchmark.run(corpus: corpus, megabytes: quick ? 100 : 400, log: log) }
        try measure("web") { try WebBenchmark.run(corpus: corpus, seconds: quick ? 3 : 10, log: log) }
        try measure("binary") { try BinaryBenchmark.run(log: log) }
        switch format {
        case .json:
            let body = figures.filter(\.inJSON).map { "\"\($0.key)\": \(Figure.format($0.value))" }
            print("{" + body.joined(separator: ", ") + "}")
        case .text:
            for figure in figures { print(figure.textLine) }
            let misses = figures.filter { $0.passes == false }.map(\.key)
            print(misses.isEmpty ? "all goals met" : "missed: \(misses.joined(separator: ", "))")
        }
    }
}
