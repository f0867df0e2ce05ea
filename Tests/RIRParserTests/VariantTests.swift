import RIRModel
import RIRParser
import RIRTestSupport
import Testing

/// Layouts that change only what is not content give exactly the seed's content hash.
@Suite struct VariantTests {
    static let seeds = [Seeds.mex201601, Seeds.mex201603, Seeds.mex201601French]

    func seedReport(_ seed: String) throws -> Report {
        try CaptureParser.parse(Seeds.bytes(seed), name: seed).report
    }

    func parse(_ text: String, name: String = "capture.txt") throws -> ParsedCapture {
        try CaptureParser.parse(Array(text.utf8), name: name)
    }

    @Test(arguments: seeds) func crlfLineEndingsKeepTheHash(seed: String) throws {
        #expect(try parse(Variants.crlf(Seeds.text(seed))).report.contentHash == seedReport(seed).contentHash)
    }

    @Test(arguments: seeds) func byteOrderMarkKeepsTheHash(seed: String) throws {
        let parsed = try CaptureParser.parse(Variants.withBOM(Seeds.text(seed)), name: seed)
        #expect(parsed.report.contentHash == (try seedReport(seed).contentHash))
        #expect(parsed.encoding == "utf-8")
    }

    @Test(arguments: seeds) func nbspAndTrailingBlanksKeepTheHash(seed: String) throws {
        let parsed = try parse(Variants.nbspAndTrailingBlanks(Seeds.text(seed)))
        #expect(parsed.report.contentHash == (try seedReport(seed).contentHash))
        #expect(parsed.report == (try seedReport(seed)))
    }

    @Test(arguments: seeds) func windows1252IsDetectedAndKeepsTheHash(seed: String) throws {
        let parsed = try CaptureParser.parse(Variants.windows1252(Seeds.text(seed)), name: seed)
        #expect(parsed.encoding == "windows-1252")
        #expect(parsed.report.contentHash == (try seedReport(seed).contentHash))
    }

    @Test(arguments: seeds) func idLineBeforeDateLineKeepsTheHash(seed: String) throws {
        #expect(try parse(Variants.idBeforeDate(Seeds.text(seed))).report.contentHash
            == seedReport(seed).contentHash)
    }

    @Test(arguments: seeds) func printLayoutWithoutChromeKeepsTheHash(seed: String) throws {
        #expect(try parse(Variants.printLayout(Seeds.text(seed))).report.contentHash
            == seedReport(seed).contentHash)
    }

    @Test(arguments: seeds) func olderChromeWordingKeepsTheHash(seed: String) throws {
        #expect(try parse(Variants.otherYearChrome(Seeds.text(seed))).report.contentHash
            == seedReport(seed).contentHash)
    }

    @Test(arguments: seeds) func htmlPageKeepsTheHash(seed: String) throws {
        let parsed = try parse(Variants.html(Seeds.text(seed)), name: "https://irb-cisr.gc.ca/en/rir?doc=458870")
        #expect(parsed.format == .html)
        #expect(parsed.report.contentHash == (try seedReport(seed).contentHash))
        #expect(parsed.report == (try seedReport(seed)))
    }

    @Test func windows1252HTMLPageKeepsTheHash() throws {
        let page = Variants.windows1252(Variants.html(Seeds.text(Seeds.mex201601French)))
        let parsed = try CaptureParser.parse(page, name: "page.html")
        #expect(parsed.format == .html)
        #expect(parsed.encoding == "windows-1252")
        #expect(parsed.report.contentHash == (try seedReport(Seeds.mex201601French).contentHash))
    }

    @Test(arguments: seeds) func missingIDLineTakesTheIDFromTheName(seed: String) throws {
        let parsed = try parse(Variants.withoutIDLine(Seeds.text(seed)), name: seed)
        #expect(parsed.report.id.description + ".txt" == seed)
        #expect(parsed.report.contentHash == (try seedReport(seed).contentHash))
    }

    @Test func variantsCombineAndStillKeepTheHash() throws {
        let text = Variants.crlf(Variants.nbspAndTrailingBlanks(Variants.idBeforeDate(
            Variants.otherYearChrome(Seeds.text(Seeds.mex201603)))))
        let parsed = try CaptureParser.parse(Variants.windows1252(text), name: "capture")
        #expect(parsed.report.contentHash == (try seedReport(Seeds.mex201603).contentHash))
    }
}
