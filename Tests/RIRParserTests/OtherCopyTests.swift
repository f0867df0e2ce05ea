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
