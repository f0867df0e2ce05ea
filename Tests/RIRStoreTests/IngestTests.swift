import Foundation
import Testing
import RIRModel
@testable import RIRStore
import RIRTestSupport

@Suite struct IngestTests {
    @Test func firstCaptureIsANewDocumentAtRevisionOne() throws {
        let store = try ArchiveStore()
        let result = try store.ingest(Fixture.capture(Fixture.report()), rules: Fixture.rules)
        #expect(result == IngestResult(id: "MEX201601.E", outcome: .newDocument, revision: 1, reason: nil))
        let list = try store.retentionRecords()
        #expect(list.map(\.id.description) == ["MEX201601.E"])
        #expect(list.first?.revisions == 1)
        #expect(list.first?.id.language == .en)
    }

    @Test func sameContentAgainIsUnchangedAndAddsACapture() throws {
        let store = try ArchiveStore()
        _ = try store.ingest(Fixture.capture(Fixture.report()), rules: Fixture.rules)
        let again = try store.ingest(Fixture.capture(Fixture.report(), bytes: "other bytes, same content",
                                                     at: "2026-11-02T10:00:00Z"), rules: Fixture.rules)
        #expect(again.outcome == .unchanged)
        #expect(again.revision == 1)
        let history = try store.history(of: "MEX201601.E")
        #expect(history.count == 1)
        #expect(history[0].captures.count == 2)
        #expect(history[0].lastSeen == "2026-11-02T10:00:00Z")
        #expect(history[0].firstSeen == "2026-11-01T10:00:00Z")
    }

    @Test func editedContentIsANewRevisionAndTheOldOneStaysReadable() throws {
        let store = try ArchiveStore()
        let original = Fixture.report()
        var edited = original
        edited.sections[1].text = "Tracking text, edited."
        _ = try store.ingest(Fixture.capture(original), rules: Fixture.rules)
        let result = try store.ingest(Fixture.capture(edited), rules: Fixture.rules)
        #expect(result.outcome == .newRevision)
        #expect(result.revision == 2)
        #expect(try store.report("MEX201601.E", revision: 1).report == original)
        #expect(try store.report("MEX201601.E").report == edited)
        #expect(try store.report("MEX201601.E").revision == 2)
    }

    @Test func returnToAnOlderContentIsANewRevisionSharingStorage() throws {
        let store = try ArchiveStore()
        let a = Fixture.report()
        var b = a
        b.title = "Mexico: another title"
        for (report, expected) in [(a, 1), (b, 2), (a, 3)] {
            #expect(try store.ingest(Fixture.capture(report), rules: Fixture.rules).revision == expected)
        }
        let history = try store.history(of: "MEX201601.E")
        #expect(history.map(\.contentHash) == [a.contentHash, b.contentHash, a.contentHash])
        let check = try store.verify()
        #expect(check.problems == [])
        // Four sections + four lists, each stored once although three revisions use them.
        #expect(check.contents == 8)
    }

    @Test func incompleteCaptureIsRejectedAndStoresNothing() throws {
        let store = try ArchiveStore()
        _ = try store.ingest(Fixture.capture(Fixture.report()), rules: Fixture.rules)
        let before = try store.verify()
        var truncated = Fixture.report()
        truncated.closing = nil
        truncated.references = []
        let result = try store.ingest(Fixture.capture(truncated), rules: Fixture.rules)
        #expect(result.outcome == .rejected)
        #expect(result.reason?.hasPrefix("incomplete:") == true)
        let after = try store.verify()
        #expect(after.revisions == before.revisions)
        #expect(after.captures == before.captures)
        #expect(after.blobs == before.blobs)
        #expect(try store.history(of: "MEX201601.E").count == 1)
    }

    @Test func reportThatLostMostSectionsIsIncomplete() throws {
        let store = try ArchiveStore()
        _ = try store.ingest(Fixture.capture(Fixture.report()), rules: Fixture.rules)
        let result = try store.ingest(
            Fixture.capture(Fixture.report(sections: [Fixture.defaultSections[0]])), rules: Fixture.rules)
        #expect(result.outcome == .rejected)
        #expect(result.reason == "incomplete: only 1 of the latest revision's 4 sections are present")
    }

    /// The judgement reads the reference revision's row (which parts it has, how many sections), not
    /// its texts: each part lost on its own is named, and a capture that keeps them all is a revision.
    @Test func eachLostPartIsJudgedFromTheRevisionRow() throws {
        let store = try ArchiveStore()
        var full = Fixture.report()
        full.notes = ["[1] A note."]
        full.additionalSources = ["A source consulted."]
        _ = try store.ingest(Fixture.capture(full), rules: Fixture.rules)
        var cases: [(Report, String)] = []
        var noClosing = full; noClosing.closing = nil
        cases.append((noClosing, "incomplete: the closing paragraph that the latest revision has is missing"))
        var noNotes = full; noNotes.notes = []
        cases.append((noNotes, "incomplete: the notes that the latest revision has are missing"))
        var noReferences = full; noReferences.references = []
        cases.append((noReferences, "incomplete: the references that the latest revision has are missing"))
        var noSources = full; noSources.additionalSources = []
        cases.append((noSources, "incomplete: the additional sources that the latest revision has are missing"))
        for (report, reason) in cases {
            #expect(report.incompleteness(comparedWith: full) != nil)
            #expect(try store.ingest(Fixture.capture(report), rules: Fixture.rules).reason == reason)
        }
        var edited = full
        edited.notes = ["[1] Another note."]
        #expect(try store.ingest(Fixture.capture(edited), rules: Fixture.rules).outcome == .newRevision)
    }

    /// A shared text's address is the SHA-256 every landed version stored: the store finds texts by it.
    @Test func sharedTextAddressesAreThoseOfEveryLandedVersion() {
        #expect(ContentStore.address(heading: "Overview", body: "One.\n\nTwo.")
                == SHA256Hex.digest(of: Array("h:Overview\u{1F}One.\n\nTwo.".utf8)))
        #expect(ContentStore.address(heading: nil, body: "[1] A note.")
                == SHA256Hex.digest(of: Array("-\u{1F}[1] A note.".utf8)))
        // Computed apart, with Python's hashlib.
        #expect(ContentStore.address(heading: "Überblick", body: "Été.") == "50ddc306316e7a203a616c3ecda059caca594f15e923934491fd37aa00fccec2")
    }

    @Test func captureOfAnExpiredReportIsRejected() throws {
        let store = try ArchiveStore()
        let old = Fixture.report("MEX105000.E", published: "2019-11-22")
        let result = try store.ingest(Fixture.capture(old), rules: Fixture.rules)
        #expect(result.outcome == .rejected)
        #expect(result.reason?.hasPrefix("expired:") == true)
        #expect(try store.retentionRecords().isEmpty)
        let dayBefore = Fixture.report("MEX105001.E", published: "2019-11-23")
        #expect(try store.ingest(Fixture.capture(dayBefore), rules: Fixture.rules).outcome == .newDocument)
    }

    @Test func rawBytesComeBackExactlyIncludingDictionaryCompressedOnes() throws {
        let store = try ArchiveStore()
        let first = String(repeating: "Chrome and body text of the first capture. ", count: 200)
        let second = first.replacingOccurrences(of: "body", with: "BODY") + "\r\n\u{00A0}é"
        var edited = Fixture.report()
        edited.title = "Edited"
        _ = try store.ingest(Fixture.capture(Fixture.report(), bytes: first), rules: Fixture.rules)
        _ = try store.ingest(Fixture.capture(edited, bytes: second), rules: Fixture.rules)
        #expect(try store.rawCapture("MEX201601.E", revision: 1) == Array(first.utf8))
        #expect(try store.rawCapture("MEX201601.E") == Array(second.utf8))
        #expect(try store.verify().problems == [])
    }

    @Test func aBatchDecidesEachCaptureSeeingTheOnesBeforeIt() throws {
        let store = try ArchiveStore()
        let a = Fixture.report()
        var b = a
        b.title = "Mexico: edited title"
        let results = try store.ingest([
            .capture(Fixture.capture(a)), .capture(Fixture.capture(a, bytes: "again")),
            .rejection(source: "broken.txt", id: nil, reason: "cannot parse broken.txt: the file is empty", at: "2026-11-01T10:00:00Z"),
            .capture(Fixture.capture(b)), .capture(Fixture.capture(a)),
        ], rules: Fixture.rules)
        #expect(results.map(\.outcome) == [.newDocument, .unchanged, .rejected, .newRevision, .newRevision])
        #expect(results.map(\.revision) == [1, 1, nil, 2, 3])
        #expect(try store.audit().map(\.event) == ["ingest", "reject", "ingest", "ingest"])
    }

    @Test func identicalBytesAreStoredOnce() throws {
        let store = try ArchiveStore()
        for _ in 0..<3 { _ = try store.ingest(Fixture.capture(Fixture.report(), bytes: "same"), rules: Fixture.rules) }
        let check = try store.verify()
        #expect(check.captures == 3)
        #expect(check.blobs == 1)
    }

    @Test func unknownReportsAndRevisionsGiveClearErrors() throws {
        let store = try ArchiveStore()
        _ = try store.ingest(Fixture.capture(Fixture.report()), rules: Fixture.rules)
        #expect(throws: StoreError.self) { try store.history(of: "MEX999999.E") }
        do {
            _ = try store.report("MEX201601.E", revision: 4)
            Issue.record("revision 4 should not exist")
        } catch {
            #expect(error.description == "MEX201601.E has no revision 4: its revisions are 1 to 1")
        }
    }
}

@Suite struct DatabaseFileTests {
    static func temporaryPath() throws -> String {
        try TemporaryFolder.make(prefix: "store") + "/archive.db"
    }

    @Test func migrationsRunOnceAndAgainWithoutChange() throws {
        let path = try Self.temporaryPath()
        let store = try ArchiveStore(path: path)
        let applied = try store.appliedMigrations()
        #expect(!applied.isEmpty)
        try store.migrate()
        _ = try store.ingest(Fixture.capture(Fixture.report()), rules: Fixture.rules)
        let reopened = try ArchiveStore(path: path)
        #expect(try reopened.appliedMigrations() == applied)
        #expect(try reopened.retentionRecords().count == 1)
    }

    @Test func readingAMissingDatabaseFailsWithoutCreatingIt() throws {
        let path = try Self.temporaryPath()
        #expect(throws: StoreError.self) { try ArchiveStore(path: path, access: .readOnly) }
        #expect(throws: StoreError.self) { try ArchiveStore(path: path, access: .readWriteExisting) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func readOnlyOpeningLeavesTheFileByteIdentical() throws {
        let path = try Self.temporaryPath()
        do {
            let store = try ArchiveStore(path: path)
            _ = try store.ingest(Fixture.capture(Fixture.report()), rules: Fixture.rules)
        }
        let before = FileManager.default.contents(atPath: path)
        let reader = try ArchiveStore(path: path, access: .readOnly)
        #expect(try reader.retentionRecords().count == 1)
        #expect(try reader.verify().problems == [])
        #expect(FileManager.default.contents(atPath: path) == before)
        #expect(throws: StoreError.self) { try reader.placeHold(on: "MEX201601.E", reason: "x", at: "now") }
    }

    @Test func verifyFindsTamperedBytes() throws {
        let path = try Self.temporaryPath()
        let store = try ArchiveStore(path: path)
        _ = try store.ingest(Fixture.capture(Fixture.report()), rules: Fixture.rules)
        try store.tamperForTesting(sql: "UPDATE content SET body = CAST('Tampered.' AS BLOB) WHERE CAST(body AS TEXT) = 'Tracking text.'")
        let check = try store.verify()
        #expect(check.problems.count >= 2)
        #expect(check.problems.contains { $0.contains("MEX201601.E revision 1: content hashes to") })
    }
}
