import Foundation
import Testing
import RIRArchive
import RIRModel
import RIRStore
import RIRTestSupport

@Suite struct IngestUseCaseTests {
    @Test func aFolderOfSeedsBecomesThreeNewDocumentsThenThreeUnchanged() throws {
        let test = try TestArchive()
        let files = try CaptureFile.expand([Seeds.path("")])
        var first: [IngestedInput] = []
        try test.archive.ingest(files: files) { first.append($0) }
        #expect(first.map(\.result.outcome) == [.newDocument, .newDocument, .newDocument])
        #expect(first.map(\.result.id) == ["MEX201601.E", "MEX201601.EF", "MEX201603.E"])
        var second: [IngestedInput] = []
        try test.archive.ingest(files: files) { second.append($0) }
        #expect(second.map(\.result.outcome) == [.unchanged, .unchanged, .unchanged])
        #expect(second.map(\.result.revision) == [1, 1, 1])
    }

    @Test func anUnreadableOrUnparseableFileIsRejectedAndTheOthersAreStored() throws {
        let test = try TestArchive()
        let junk = test.folder + "/junk.txt"
        try Data("not a report at all\n".utf8).write(to: URL(fileURLWithPath: junk))
        let missing = test.folder + "/missing.txt"
        var results: [IngestedInput] = []
        try test.archive.ingest(files: [Seeds.path(Seeds.mex201601), junk, missing]) { results.append($0) }
        #expect(results.map(\.result.outcome) == [.newDocument, .rejected, .rejected])
        #expect(results[1].result.reason?.contains("junk.txt") == true)
        #expect(results[2].result.reason == "cannot read \(missing): no such file or folder")
        let audit = try test.archive.audit(since: nil)
        #expect(audit.filter { $0.event == "reject" }.count == 2)
        #expect(audit.allSatisfy { $0.at == "2026-11-22T12:00:00Z" })
    }

    @Test func batchesAreCommittedInGroupsOfTheBatchCount() throws {
        let test = try TestArchive()
        let seed = Seeds.text(Seeds.mex201601)
        var files: [String] = []
        for n in 0..<(Archive.batchCount + 6) {
            let path = test.folder + "/copy-\(n).txt"
            try Data((seed + String(repeating: "\n", count: n)).utf8).write(to: URL(fileURLWithPath: path))
            files.append(path)
        }
        var seenAtReport: [Int] = []
        try test.archive.ingest(files: files) { _ in
            seenAtReport.append((try? test.archive.history(of: "MEX201601.E").first?.captures.count) ?? 0)
        }
        // Results arrive once their batch is committed: the first 64 all see 64 captures.
        #expect(seenAtReport.prefix(Archive.batchCount).allSatisfy { $0 == Archive.batchCount })
        #expect(seenAtReport.suffix(6).allSatisfy { $0 == Archive.batchCount + 6 })
    }

    @Test func aReturnToOlderContentIsANewRevisionThatSaysWhichOneItEquals() throws {
        let test = try TestArchive()
        let seed = Seeds.bytes(Seeds.mex201603)
        let edited = Array(Seeds.text(Seeds.mex201603).replacingOccurrences(of: "Milenio Group", with: "Millennium Group").utf8)
        let results = try [seed, edited, seed].map { try test.archive.ingest($0, name: "MEX201603.E.txt", source: "test") }
        #expect(results.map(\.outcome) == [.newDocument, .newRevision, .newRevision])
        #expect(results.map(\.sameContentAs) == [nil, nil, 1])
    }

    @Test func anInboxFileIsStoredOrRejectedAndAnArchiveFailureIsThrown() throws {
        let test = try TestArchive()
        let good = test.folder + "/MEX201601.E.txt"
        try Data(Seeds.bytes(Seeds.mex201601)).write(to: URL(fileURLWithPath: good))
        guard case .stored(let result) = try test.archive.ingestInboxFile(at: good, name: "MEX201601.E.txt") else {
            Issue.record("the seed was not stored")
            return
        }
        #expect(result.outcome == .newDocument)
        #expect(try test.archive.history(of: "MEX201601.E")[0].captures[0].source == "inbox/MEX201601.E.txt")

        let empty = test.folder + "/empty.txt"
        try Data().write(to: URL(fileURLWithPath: empty))
        guard case .rejected(let reason) = try test.archive.ingestInboxFile(at: empty, name: "empty.txt") else {
            Issue.record("an empty file was not rejected")
            return
        }
        #expect(reason.contains("empty.txt"))
    }
}
