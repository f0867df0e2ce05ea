import Foundation
import RIRModel
#if canImport(Glibc)
import Glibc
#endif
import RIRStore

/// `diff_ratio_vs_git` and `diff_process_ratio_vs_git`: the whole `rir-archive diff ID --database DB` process on two ~100 k-character
/// revisions, against `git diff --no-index --word-diff A B` on the same two capture texts.
enum ProcessDiffBenchmark {
    static func run(corpus: SeedCorpus, runs: Int, log: (String) -> Void) throws -> [Figure] {
        guard let git = Harness.which("git") else { throw BenchError.tool("git is not on PATH") }
        let program = Harness.archiveExecutable
        guard access(program, X_OK) == 0 else {
            throw BenchError.tool("\(program) not found: build the whole package in release mode first")
        }
        var archive = SyntheticArchive(corpus: corpus, seed: 2, windowEnd: Bench.referenceDay)
        var report = archive.newReport(characters: 100_000, language: .en)
        var rng = SplitMix64(seed: 22)
        let first = archive.capture(of: report, .newDocument)
        Revision.apply(8, to: &report, corpus: corpus, rng: &rng)
        let second = archive.capture(of: report, .newRevision)

        let folder = try Harness.temporaryFolder("diff")
        defer { Harness.removeFolder(folder) }
        let database = folder + "/archive.db"
        do {
            var ingest = try ArchiveIngest(store: try ArchiveStore(path: database), asOf: Bench.referenceDay)
            try ingest.ingest(first)
            try ingest.ingest(second)
        }
        try GRDBAccess.checkpoint(database)
        let (a, b) = (folder + "/a.txt", folder + "/b.txt")
        try Harness.write(first.bytes, to: a)
        try Harness.write(second.bytes, to: b)
        log("diff: revisions of \(first.bytes.count) and \(second.bytes.count) bytes, \(runs) runs each")

        let environment = Harness.cleanEnvironment
        let ours = ["diff", first.id.description, "--database", database]
        let theirs = ["diff", "--no-index", "--word-diff", a, b]
        // One warm-up each, then interleaved runs so that machine noise hits both alike.
        try Harness.run(program, ours, environment: environment, accepting: [0, 1])
        try Harness.run(git, theirs, environment: environment, accepting: [0, 1])
        var archiveSamples: [Double] = []
        var gitSamples: [Double] = []
        for _ in 0..<runs {
            archiveSamples.append(try Harness.run(program, ours, environment: environment, accepting: [0, 1]))
            gitSamples.append(try Harness.run(git, theirs, environment: environment, accepting: [0, 1]))
        }
        let (mine, baseline) = (Harness.median(archiveSamples), Harness.median(gitSamples))
        let note = "rir-archive diff \(Figure.format(mine)) ms vs git diff --word-diff \(Figure.format(baseline)) ms (medians)"
        return [Figure(key: "diff_ratio_vs_git", value: mine / baseline, unit: "×", goal: .atMost(1.0), note: note),
                // The same whole-process measurement under the name and goal of issue 16.
                Figure(key: "diff_process_ratio_vs_git", value: mine / baseline, unit: "×", goal: .atMost(3.0), note: note)]
    }
}
