import RIRModel
import RIRParser
import RIRTestSupport
import Testing

/// Pages of the real IRB site (SharePoint, GCWeb theme) and their other forms give the
/// content hash of the plain-text seed: chrome is never content.
@Suite struct GCWebPageTests {
    static let englishSeeds = [Seeds.mex201601, Seeds.mex201603]
    static let url = "https://irb-cisr.gc.ca/en/country-information/rir/Pages/index.aspx?doc=458870"

    func seedHash(_ seed: String) throws -> String {
        try CaptureParser.parse(Seeds.bytes(seed), name: seed).report.contentHash
    }

    func parse(_ html: String) throws -> ParsedCapture {
        try CaptureParser.parse(Array(html.utf8), name: Self.url)
    }

    @Test(arguments: englishSeeds) func aSharePointPageWrappedInOneFormGivesTheSeedHash(seed: String) throws {
        let html = GCWebPage().source(Seeds.text(seed))
        #expect(html.contains("<form method=\"post\" action=\"./index.aspx?doc=458870\" id=\"aspnetForm\">"))
        let parsed = try parse(html)
        #expect(parsed.format == .html)
        #expect(parsed.report == (try CaptureParser.parse(Seeds.bytes(seed), name: seed).report))
        #expect(parsed.report.contentHash == (try seedHash(seed)))
    }

    @Test(arguments: englishSeeds) func changingOnlyTheChromeKeepsTheHash(seed: String) throws {
        var other = GCWebPage()
        other.dateModified = "2024-11-30"
        other.viewState = "/wEPDwUKLTk4NzY1NDMyMQ9kFgJmD2QWAgIBD2QWAgIDZGQ="
        other.requestDigest = "0xFFEEDDCCBBAA99887766554433221100FFEEDDCCBBAA99887766554433221100,02 Dec 2026 11:30:00 -0000"
        other.eventValidation = "/wEdAAKxyz123"
        other.menuLabels = ["Country information", "Decisions", "Legal and policy", "News and publications"]
        other.breadcrumbLabels = ["Home", "Research", "Responses to Information Requests (RIRs)"]
        other.shareWidgetRendered = true
        let first = GCWebPage().source(Seeds.text(seed))
        let second = other.source(Seeds.text(seed))
        #expect(first != second)
        #expect(try parse(first).report.contentHash == parse(second).report.contentHash)
        #expect(try parse(second).report.contentHash == seedHash(seed))
    }

    @Test(arguments: englishSeeds) func aPageSavedByABrowserKeepsTheHash(seed: String) throws {
        let html = GCWebPage().savedByBrowser(Seeds.text(seed))
        #expect(html.contains("(Opens in a new window)") && html.contains("<svg") && html.contains("<style"))
        #expect(try parse(html).report.contentHash == seedHash(seed))
    }

    @Test(arguments: englishSeeds) func thePrintViewWithoutChromeKeepsTheHash(seed: String) throws {
        let html = GCWebPage().printView(Seeds.text(seed))
        #expect(!html.contains("<main"))
        #expect(try parse(html).report.contentHash == seedHash(seed))
    }

    @Test(arguments: englishSeeds) func aWaybackMachineCaptureKeepsTheHash(seed: String) throws {
        let html = GCWebPage().waybackCapture(Seeds.text(seed))
        #expect(html.contains("<!-- BEGIN WAYBACK TOOLBAR INSERT -->"))
        #expect(html.contains("href=\"/web/20190917083015/https://www.refworld.org/docid/1.html\""))
        let other = GCWebPage().waybackCapture(Seeds.text(seed), timestamp: "20230905101400")
        #expect(try parse(html).report.contentHash == seedHash(seed))
        #expect(try parse(other).report.contentHash == seedHash(seed))
    }

    @Test(arguments: englishSeeds) func aLegacyWET3PageKeepsTheHash(seed: String) throws {
        let html = LegacyIRBPage.source(Seeds.text(seed))
        #expect(!html.contains("<main"))
        let parsed = try parse(html)
        #expect(parsed.report.contentHash == (try seedHash(seed)))
        #expect(try parse(LegacyIRBPage.source(Seeds.text(seed), dateModified: "2017-06-01")).report.contentHash
            == parsed.report.contentHash)
    }

    @Test func oneChangedWordInASectionChangesTheHash() throws {
        let text = Seeds.text(Seeds.mex201601)
        let edited = Variants.edited(text, replacing: "relocating within Mexico", with: "relocating inside Mexico")
        let original = try parse(GCWebPage().source(text)).report
        let changed = try parse(GCWebPage().source(edited)).report
        #expect(changed.contentHash != original.contentHash)
        #expect(changed.sections.filter { $0.number == "2" } != original.sections.filter { $0.number == "2" })
        #expect(changed.sections.filter { $0.number != "2" } == original.sections.filter { $0.number != "2" })
    }

    @Test func theFrenchPageWithFrenchChromeReadsAsFrench() throws {
        let html = GCWebPage(french: true).source(Seeds.text(Seeds.mex201601French))
        #expect(html.contains("Date de modification&#160;:") && html.contains("Passer au contenu principal"))
        let parsed = try CaptureParser.parse(Array(html.utf8), name: "https://irb-cisr.gc.ca/fr/rdi?doc=458871")
        #expect(parsed.report.id.language == .fr)
        #expect(parsed.report.id.description == "MEX201601.EF")
        #expect(parsed.report.contentHash == (try seedHash(Seeds.mex201601French)))
    }

    @Test func theFrenchPageSavedByABrowserAndCapturedByWaybackKeepsTheHash() throws {
        let text = Seeds.text(Seeds.mex201601French)
        let page = GCWebPage(french: true)
        #expect(try parse(page.savedByBrowser(text)).report.contentHash == seedHash(Seeds.mex201601French))
        #expect(try parse(page.waybackCapture(text)).report.contentHash == seedHash(Seeds.mex201601French))
    }
}
