import RIRModel
import RIRParser
import RIRTestSupport
import Testing

/// Copies of a report published elsewhere (ecoi.net) or printed to PDF read as the same report.
@Suite struct EcoiCopyTests {
    static let englishSeeds = [Seeds.mex201601, Seeds.mex201603]

    func seedReport(_ seed: String) throws -> Report {
        try CaptureParser.parse(Seeds.bytes(seed), name: seed).report
    }

    @Test(arguments: englishSeeds) func anEcoiTextCopyIsTheSameReportWithTheSameHash(seed: String) throws {
        let copy = EcoiCopy.text(Seeds.text(seed))
        let report = try CaptureParser.parse(Array(copy.utf8), name: "ecoi-2097873.txt").report
        let original = try seedReport(seed)
        #expect(report.id == original.id)
        #expect(report.published == original.published)
        #expect(report.title == original.title)
        #expect(!report.title.hasSuffix("]"))
        #expect(report.additionalSources == original.additionalSources)
        #expect(report.contentHash == original.contentHash)
    }

    @Test(arguments: englishSeeds) func anEcoiHTMLPageIsTheSameReportWithTheSameHash(seed: String) throws {
        let parsed = try CaptureParser.parse(Array(EcoiCopy.html(Seeds.text(seed)).utf8),
                                             name: "https://www.ecoi.net/en/document/2097873.html")
        #expect(parsed.format == .html)
        #expect(parsed.report.id == (try seedReport(seed).id))
        #expect(parsed.report.contentHash == (try seedReport(seed).contentHash))
    }

    @Test func theDateOnEcoiNetIsNotThePublicationDate() throws {
        let text = Seeds.text(Seeds.mex201601)
        let later = EcoiCopy.text(text, availableSince: "3 January 2024")
        let report = try CaptureParser.parse(Array(later.utf8), name: "ecoi.txt").report
        #expect(report.published == CalendarDate(year: 2023, month: 9, day: 1))
        #expect(report.contentHash == (try seedReport(Seeds.mex201601).contentHash))
    }

    @Test func oneChangedWordInAnEcoiCopyChangesTheHash() throws {
        let edited = Variants.edited(Seeds.text(Seeds.mex201601), replacing: "relocating within Mexico",
                                     with: "relocating inside Mexico")
        let report = try CaptureParser.parse(Array(EcoiCopy.text(edited).utf8), name: "ecoi.txt").report
        #expect(report.contentHash != (try seedReport(Seeds.mex201601).contentHash))
    }

    @Test func aTitleSuffixWithoutAPublishedFieldIsAnOrdinaryTitle() throws {
        let text = Variants.edited(Seeds.text(Seeds.mex201601), replacing: "(2021–August 2023)\n",
                                   with: "(2021–August 2023) [MEX201601.E]\n")
        let report = try CaptureParser.parse(Array(text.utf8), name: "seed.txt").report
        #expect(report.title.hasSuffix("[MEX201601.E]"))
    }
}

/// Text extracted from a PDF print: page furniture is chrome, a cut paragraph is one paragraph.
@Suite struct PDFPrintTests {
    static let seeds = [Seeds.mex201601, Seeds.mex201603]

    func seedHash(_ seed: String) throws -> String {
        try CaptureParser.parse(Seeds.bytes(seed), name: seed).report.contentHash
    }

    func parse(_ text: String) throws -> Report {
        try CaptureParser.parse(Array(text.utf8), name: "MEX201601.E.pdf.txt").report
    }

    @Test(arguments: seeds) func aChromiumPrintKeepsTheHashOfThePage(seed: String) throws {
        let text = PDFPrint.text(Seeds.text(seed))
        #expect(text.contains("\u{0C}") && text.contains("2/"))
        let page = try CaptureParser.parse(Array(GCWebPage().source(Seeds.text(seed)).utf8), name: "page.html")
        #expect(try parse(text).contentHash == page.report.contentHash)
        #expect(try parse(text).contentHash == seedHash(seed))
    }

    @Test(arguments: seeds) func aPrintWithPageOfPagesCountersKeepsTheHash(seed: String) throws {
        let text = PDFPrint.text(Seeds.text(seed), furniture: .pageOfPages)
        #expect(text.contains("Page 3 of "))
        #expect(try parse(text).contentHash == seedHash(seed))
    }

    @Test func paragraphsAndReferencesCutAtManyPageBreaksAreJoinedAgain() throws {
        let seed = Seeds.text(Seeds.mex201603)
        let pages = PDFPrint.pages(seed, pageLength: 900)
        let whole = Set(Variants.printLayout(seed).split(separator: "\n").map(String.init))
        let cut = pages.compactMap(\.last).filter { !whole.contains($0) }
        #expect(cut.count > 10)
        let references = try CaptureParser.parse(Seeds.bytes(Seeds.mex201603), name: "s").report.references
        #expect(cut.contains { piece in references.contains { $0.hasPrefix(piece) } })
        let report = try parse(PDFPrint.text(seed, pageLength: 900))
        #expect(report.references == references)
        #expect(report.contentHash == (try seedHash(Seeds.mex201603)))
    }

    @Test func pageFurnitureWithoutFormFeedsIsStillDropped() throws {
        let text = PDFPrint.text(Seeds.text(Seeds.mex201601), furniture: .pageOfPages).replacing("\u{0C}", with: "\n")
        #expect(try parse(text).contentHash == seedHash(Seeds.mex201601))
    }

    @Test func oneChangedWordInAPrintChangesTheHash() throws {
        let edited = Variants.edited(Seeds.text(Seeds.mex201601), replacing: "relocating within Mexico",
                                     with: "relocating inside Mexico")
        #expect(try parse(PDFPrint.text(edited)).contentHash != seedHash(Seeds.mex201601))
    }

    @Test func furnitureLinesOfSeveralPrintDialogsAreRecognised() throws {
        let url = "https://irb-cisr.gc.ca/en/country-information/rir/Pages/index.aspx?doc=458870"
        let text = Fixtures.report(body: [
            "1. Overview", "First part of a sentence that", url, "Page 3 of 9",
            "\u{0C}9/5/23, 10:14 AM", "2023-09-05 10 h 14", "continues on the next page and",
            "3/9", "\u{0C}2023-09-05, 10:14 a.m.", "on the one after.",
        ])
        let report = try parse(text)
        #expect(report.sections.map(\.text) == [
            "First part of a sentence that continues on the next page and on the one after.",
        ])
    }
}
