import Foundation
import RIRArchive
import RIRStore
import RIRTestSupport
import Testing

/// An inbox file's claim is recorded with its capture: the same file is never stored twice, and a
/// different file with the same bytes still is.
@Suite struct InboxClaimTests {
    @Test func theSameClaimedFileIngestedAgainIsRecognisedAndNotStoredTwice() throws {
        let test = try TestArchive()
        let path = test.folder + "/MEX201601.E.txt"
        try Data(Seeds.bytes(Seeds.mex201601)).write(to: URL(fileURLWithPath: path))
        let first = try test.archive.ingestInboxFile(at: path, name: "MEX201601.E.txt")
        guard case .stored(let stored) = first else { Issue.record("expected stored, got \(first)"); return }
        #expect(stored.outcome == .newDocument)
        // What a restart after a kill between the commit and the move sees: the same file again.
        #expect(try test.archive.ingestInboxFile(at: path, name: "MEX201601.E.txt") == .recovered(stored))
        #expect(try test.archive.verify().captures == 1)

        // Another file with the same bytes is a new capture (unchanged), as it always was.
        let copy = test.folder + "/copy.txt"
        try Data(Seeds.bytes(Seeds.mex201601)).write(to: URL(fileURLWithPath: copy))
        guard case .stored(let again) = try test.archive.ingestInboxFile(at: copy, name: "copy.txt") else {
            Issue.record("the copy was not stored")
            return
        }
        #expect(again.outcome == .unchanged)
        #expect(try test.archive.verify().captures == 2)
    }

    @Test func aRejectedClaimIsRecognisedWithItsReason() throws {
        let test = try TestArchive()
        let path = test.folder + "/notes.txt"
        try "not a report\n".write(toFile: path, atomically: true, encoding: .utf8)
        guard case .rejected(let reason) = try test.archive.ingestInboxFile(at: path, name: "notes.txt") else {
            Issue.record("expected a rejection")
            return
        }
        let again = try test.archive.ingestInboxFile(at: path, name: "notes.txt")
        guard case .recovered(let result) = again else { Issue.record("expected recovered, got \(again)"); return }
        #expect(result.outcome == .rejected)
        #expect(result.reason == reason)
    }
}
