import Foundation
import RIRModel
import RIRStore
#if canImport(Glibc)
import Glibc
#endif

/// `storage_ratio_vs_git_pack`: 100 revisions of one report, each a small edit of the one
/// before (words changed, or a reference added). Defined as growth over revision 1 on both sides:
/// (database bytes after 100 revisions − after revision 1, each after a WAL checkpoint) divided by
/// (pack bytes after 100 commits − after commit 1, each after `git gc --aggressive`).
enum StorageBenchmark {
    static let revisions = 100

    static func run(corpus: SeedCorpus, log: (String) -> Void) throws -> [Figure] {
        guard let gitProgram = Harness.which("git") else { throw BenchError.tool("git is not on PATH") }
        var archive = SyntheticArchive(corpus: corpus, seed: 3, windowEnd: Bench.referenceDay)
        var report = archive.newReport(characters: 60_000, language: .en)
        var rng = SplitMix64(seed: 33)
        var captures = [archive.capture(of: report, .newDocument)]
        for _ in 1..<revisions {
            Revision.applySmall(to: &report, corpus: corpus, rng: &rng)
            captures.append(archive.capture(of: report, .newRevision))
        }
        log("storage: \(revisions) revisions of \(report.id), \(captures[0].bytes.count)–\(captures.last!.bytes.count) bytes")

        let folder = try Harness.temporaryFolder("storage")
        defer { Harness.removeFolder(folder) }
        let database = folder + "/archive.db"
        do {
            var ingest = try ArchiveIngest(store: try ArchiveStore(path: database), asOf: Bench.referenceDay)
            try ingest.ingest(captures[0])
        }
        let databaseFirst = try ArchiveIngest.checkpointedSize(database)
        let spaceFirst = Dictionary(GRDBAccess.spaceByObject(database).map { ($0.name, $0.bytes) }, uniquingKeysWith: +)
        do {
            var ingest = try ArchiveIngest(store: try ArchiveStore(path: database), asOf: Bench.referenceDay)
            for capture in captures.dropFirst() { try ingest.ingest(capture) }
        }
        let databaseAll = try ArchiveIngest.checkpointedSize(database)

        let repository = folder + "/git"
        try FileManager.default.createDirectory(atPath: repository, withIntermediateDirectories: true)
        let environment = Harness.cleanEnvironment.merging(
            ["GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.invalid", "GIT_COMMITTER_NAME": "bench",
             "GIT_COMMITTER_EMAIL": "bench@example.invalid", "GIT_CONFIG_NOSYSTEM": "1", "HOME": folder]) { $1 }
        func git(_ arguments: [String]) throws {
            try Harness.run(gitProgram, ["-C", repository, "-c", "gc.auto=0", "-c", "commit.gpgsign=false"] + arguments,
                                environment: environment)
        }
        try git(["init", "-q"])
        let file = "\(report.id).txt"
        var packFirst = 0
        for (index, capture) in captures.enumerated() {
            try Harness.write(capture.bytes, to: repository + "/" + file)
            try git(["add", file])
            try git(["commit", "-q", "-m", "revision \(index + 1)"])
            if index == 0 {
                try git(["gc", "--aggressive", "-q"])
                packFirst = packBytes(repository)
            }
        }
        try git(["gc", "--aggressive", "-q"])
        let packAll = packBytes(repository)

        let databaseGrowth = databaseAll - databaseFirst
        let packGrowth = packAll - packFirst
        let growth = GRDBAccess.spaceByObject(database).map { ($0.name, $0.bytes - (spaceFirst[$0.name] ?? 0)) }
            .filter { $0.1 > 0 }.sorted { $0.1 > $1.1 }
            .map { "\($0.0) +\($0.1 / 1024) KiB" }.joined(separator: ", ")
        log("storage: database \(databaseFirst) → \(databaseAll) bytes; git pack \(packFirst) → \(packAll) bytes")
        log("storage: database growth by table and index (dbstat pages): \(growth)")
        return [Figure(key: "storage_ratio_vs_git_pack", value: Double(databaseGrowth) / Double(max(packGrowth, 1)),
                       unit: "×", goal: .atMost(1.5),
                       note: "growth over revision 1: database +\(databaseGrowth / 1024) KiB vs git pack +\(packGrowth / 1024) KiB")]
    }

    /// Bytes of every pack file of a repository.
    static func packBytes(_ repository: String) -> Int {
        let packs = repository + "/.git/objects/pack"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: packs)) ?? []
        return names.filter { $0.hasSuffix(".pack") }.reduce(0) { $0 + Harness.fileSize(packs + "/" + $1) }
    }
}
