import Foundation
import Testing

@Suite struct IngestCLITests {
    let folder: URL
    let database: String

    init() throws {
        folder = try CLI.temporaryFolder()
        database = folder.appendingPathComponent("archive.db").path
    }

    func jsonLines(_ result: CLI.Result) throws -> [[String: Any]] {
        try result.lines.map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
    }

    @Test func ingestingTheSeedsTwiceGivesNewDocumentsThenUnchanged() throws {
        let seeds = CLI.repositoryRoot.appendingPathComponent("seeds").path
        let first = try CLI.run(["ingest", seeds, "--database", database, "--format", "json",
                                 "--as-of", "2026-11-22"])
        #expect(first.status == 0, "\(first.stderr)")
        let lines = try jsonLines(first)
        #expect(lines.map { $0["outcome"] as? String } == ["new-document", "new-document", "new-document"])
        #expect(Set(lines.compactMap { $0["id"] as? String }) == ["MEX201601.E", "MEX201601.EF", "MEX201603.E"])
        #expect(lines.allSatisfy { $0["revision"] as? Int == 1 && $0["reason"] is NSNull })

        let second = try CLI.run(["ingest", seeds, "--database", database, "--format", "json"])
        #expect(second.status == 0)
        #expect(try jsonLines(second).map { $0["outcome"] as? String } == ["unchanged", "unchanged", "unchanged"])

        let history = try CLI.run(["history", "MEX201601.E", "--database", database, "--format", "json"])
        let revisions = try #require(JSONSerialization.jsonObject(with: history.stdout) as? [[String: Any]])
        #expect(revisions.count == 1)
        #expect((revisions[0]["captures"] as? [[String: Any]])?.count == 2)
        #expect((revisions[0]["content_hash"] as? String)?.count == 64)
        #expect(try CLI.run(["verify", "--database", database]).status == 0)
    }

    @Test func anEditedSeedBecomesRevisionTwoAndRawGivesBackExactBytes() throws {
        let seed = try String(contentsOfFile: CLI.seed("MEX201601.E.txt"), encoding: .utf8)
        let edited = folder.appendingPathComponent("MEX201601.E-edited.txt")
        try seed.replacingOccurrences(of: "3.2 Farmers", with: "3.2 Farmers and Ranchers")
            .write(to: edited, atomically: true, encoding: .utf8)
        try CLI.run(["ingest", CLI.seed("MEX201601.E.txt"), "--database", database])
        let result = try CLI.run(["ingest", edited.path, "--database", database, "--format", "json"])
        let line = try #require(try jsonLines(result).first)
        #expect(line["outcome"] as? String == "new-revision")
        #expect(line["revision"] as? Int == 2)

        let raw1 = try CLI.run(["show", "MEX201601.E", "--revision", "1", "--raw", "--database", database])
        #expect(raw1.stdout == (try Data(contentsOf: URL(fileURLWithPath: CLI.seed("MEX201601.E.txt")))))
        let raw2 = try CLI.run(["show", "MEX201601.E", "--raw", "--database", database])
        #expect(raw2.stdout == (try Data(contentsOf: edited)))
        let section = try CLI.run(["show", "MEX201601.E", "--section", "3.2", "--database", database])
        #expect(section.text.contains("Farmers and Ranchers"))
    }

    @Test func aBadInputIsRejectedWithExit65AndNamesTheFile() throws {
        let empty = folder.appendingPathComponent("empty.txt")
        try Data().write(to: empty)
        let result = try CLI.run(["ingest", empty.path, CLI.seed("MEX201603.E.txt"), "--database", database,
                                  "--format", "json"])
        #expect(result.status == 65)
        let lines = try jsonLines(result)
        #expect(lines.first?["outcome"] as? String == "rejected")
        #expect((lines.first?["reason"] as? String)?.contains("empty.txt") == true)
        #expect(lines.last?["outcome"] as? String == "new-document")
    }

    @Test func readCommandsOnAMissingDatabaseFailWithAHint() throws {
        let result = try CLI.run(["list", "--database", database])
        #expect(result.status != 0)
        #expect(result.stderr.contains("no archive database at \(database)"))
        #expect(!FileManager.default.fileExists(atPath: database))
    }
}
