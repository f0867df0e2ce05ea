import Testing
import RIRModel
import RIRParser
import RIRStore
import RIRTestSupport

/// The store fed by the real parser: layout twins are the same content, edits are revisions.
@Suite struct ParsedIngestTests {
    func capture(_ bytes: [UInt8], name: String = Seeds.mex201601) throws -> CaptureInput {
        let parsed = try CaptureParser.parse(bytes, name: name)
        return CaptureInput(bytes: bytes, source: name, capturedAt: "2026-11-22T10:00:00Z",
                            format: parsed.format.rawValue, encoding: parsed.encoding, report: parsed.report)
    }

    @Test func crlfAndHTMLTwinsOfASeedAreUnchangedCaptures() throws {
        let store = try ArchiveStore()
        let text = Seeds.text(Seeds.mex201601)
        let twins: [[UInt8]] = [Array(Variants.crlf(text).utf8), Array(Variants.html(text).utf8),
                                Variants.windows1252(text)]
        #expect(try store.ingest(capture(Seeds.bytes(Seeds.mex201601)), rules: Fixture.rules).outcome == .newDocument)
        for twin in twins {
            let result = try store.ingest(capture(twin), rules: Fixture.rules)
            #expect(result.outcome == .unchanged)
            #expect(result.revision == 1)
        }
        let captures = try store.history(of: "MEX201601.E")[0].captures
        #expect(captures.map(\.format) == ["text", "text", "html", "text"])
        #expect(captures.map(\.encoding) == ["utf-8", "utf-8", "utf-8", "windows-1252"])
    }

    @Test func rawRoundTripOfTextAndHTMLCapturesIsByteExact() throws {
        let store = try ArchiveStore()
        let text = Seeds.text(Seeds.mex201601)
        let html = Array(Variants.html(Variants.edited(text, replacing: "3.2 Farmers", with: "3.2 Farmers and Ranchers")).utf8)
        _ = try store.ingest(capture(Seeds.bytes(Seeds.mex201601)), rules: Fixture.rules)
        #expect(try store.ingest(capture(html), rules: Fixture.rules).revision == 2)
        #expect(try store.rawCapture("MEX201601.E", revision: 1) == Seeds.bytes(Seeds.mex201601))
        #expect(try store.rawCapture("MEX201601.E", revision: 2) == html)
        #expect(try store.verify().problems == [])
    }

    @Test func aTruncatedCaptureOfASeedIsRejectedAsIncomplete() throws {
        let store = try ArchiveStore()
        _ = try store.ingest(capture(Seeds.bytes(Seeds.mex201601)), rules: Fixture.rules)
        let truncated = Array(Variants.truncated(Seeds.text(Seeds.mex201601)).utf8)
        let result = try store.ingest(capture(truncated), rules: Fixture.rules)
        #expect(result.outcome == .rejected)
        #expect(result.reason?.hasPrefix("incomplete:") == true)
        #expect(try store.history(of: "MEX201601.E").count == 1)
    }

    @Test func editedSeedSharesItsUnchangedSections() throws {
        let store = try ArchiveStore()
        let text = Seeds.text(Seeds.mex201601)
        _ = try store.ingest(capture(Seeds.bytes(Seeds.mex201601)), rules: Fixture.rules)
        let before = try store.verify().contents
        let edited = Variants.edited(text, replacing: "3.2 Farmers", with: "3.2 Farmers and Ranchers")
        _ = try store.ingest(capture(Array(edited.utf8)), rules: Fixture.rules)
        // One changed section adds one shared text; the other 13 sections and 4 lists are reused.
        #expect(try store.verify().contents == before + 1)
    }
}
