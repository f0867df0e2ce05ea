import RIRModel
import RIRParser
import RIRTestSupport
import Testing

/// What counts as content: edits change the hash; structure is read from the lines.
@Suite struct ContentTests {
    func parse(_ text: String, name: String = "capture.txt") throws -> Report {
        try CaptureParser.parse(Array(text.utf8), name: name).report
    }

    static let edits: [(String, String)] = [
        ("a retired professor from the University of Alberta", "a retired professor from the University of Toronto"),
        ("3.2 Farmers", "3.2 Growers"),
        ("[2] Launched in January 2019", "[2] Launched in February 2019"),
        ("Article 19. 2022-08-18.", "Article 19. 2022-08-19."),
        ("Oral sources: Assistant professor", "Oral sources: Associate professor"),
        ("Mexico: Profiles of individuals", "Mexico: Profile of individuals"),
        ("1 September 2023", "2 September 2023"),
    ]

    @Test(arguments: edits) func anEditOfTheContentChangesTheHash(edit: (String, String)) throws {
        let seed = Seeds.text(Seeds.mex201601)
        let original = try parse(seed).contentHash
        #expect(try parse(Variants.edited(seed, replacing: edit.0, with: edit.1)).contentHash != original)
    }

    @Test func numberedLinesInsideAQuotationAreParagraphs() throws {
        let seed = Seeds.text(Seeds.mex201601)
        let withPeriod = "34. No person shall be subjected to torture or to cruel, inhuman or degrading treatment."
        let long = "2. The State shall guarantee the security of every person who takes part in an electoral process "
            + "as a candidate, an official or a voter, and shall investigate every threat made against them"
        let text = Variants.edited(seed, replacing: "BTI 2022 reports the following:\n",
                                   with: "BTI 2022 reports the following:\n\n\(withPeriod)\n\n\(long)\n")
        let report = try parse(text)
        #expect(report.sections.count == 14)
        let politicians = try #require(report.section(numbered: "3.6"))
        #expect(politicians.paragraphs.contains(Substring(withPeriod)))
        #expect(politicians.paragraphs.contains(Substring(long)))
    }

    @Test func aShortNumberedListItemThatGoesBackInNumberingIsAParagraph() throws {
        let text = Variants.edited(Seeds.text(Seeds.mex201601), replacing: "BTI 2022 reports the following:\n",
                                   with: "BTI 2022 reports the following:\n\n1. Background\n\n2. Elections\n")
        let report = try parse(text)
        #expect(report.sections.count == 14)
        #expect(report.section(numbered: "3.6")?.paragraphs.prefix(3) == ["BTI 2022 reports the following:",
                                                                          "1. Background", "2. Elections"])
    }

    @Test func navigationAidsBetweenSectionsAreNotContent() throws {
        let seed = Seeds.text(Seeds.mex201601)
        let text = Variants.edited(Variants.edited(seed, replacing: "3.2 Farmers\n", with: "Top of page\n\n3.2 Farmers\n"),
                                   replacing: "References\n", with: "Back to top\n\nReferences\n")
        #expect(try parse(text).contentHash == parse(seed).contentHash)
    }

    @Test func aTruncatedCaptureParsesWithoutClosingOrBackMatter() throws {
        let full = try parse(Seeds.text(Seeds.mex201601))
        let cut = try parse(Variants.truncated(Seeds.text(Seeds.mex201601), keeping: 0.5))
        #expect(cut.closing == nil && !cut.hasBackMatter)
        #expect(cut.sections.count < full.sections.count)
        #expect(cut.incompleteness(comparedWith: full) == .lostClosing)
    }

    @Test func aReportWithoutHeadingsHasExactlyOneUnnumberedSection() throws {
        let report = try parse(Fixtures.report(body: [
            "According to sources, the process takes six months (Chile 2023-05-02).",
            "[translation]",
            "Applicants must show five years of residence.",
        ]))
        #expect(report.sections.count == 1)
        let section = try #require(report.sections.first)
        #expect(section.number == nil && section.heading == nil && section.level == 0)
        #expect(section.paragraphs.count == 3)
        #expect(section.paragraphs[1] == "[translation]")
        #expect(report.references.count == 1)
    }

    @Test func textBeforeTheFirstHeadingFormsAnUnnumberedSection() throws {
        let report = try parse(Fixtures.report(body: ["An introduction.", "1. Overview", "Text.", "1.1 Detail", "More."]))
        #expect(report.sections.map(\.number) == [nil, "1", "1.1"])
        #expect(report.sections.map(\.level) == [0, 1, 2])
        #expect(report.sections[0].text == "An introduction.")
    }

    @Test func aHeadingWithNoTextBeforeTheNextHeadingIsKept() throws {
        let report = try parse(Fixtures.report(body: ["1. Overview", "1.1 Detail", "Text."]))
        #expect(report.sections.map(\.number) == ["1", "1.1"])
        #expect(report.sections[0].text.isEmpty)
    }

    @Test func aReplacesSentenceIsRecordedAndIsNotBodyText() throws {
        let sentence = "This Response replaces Response to Information Request HTI200281 of July 2020."
        let report = try parse(Fixtures.report(id: "HTI200334.FE", replaces: sentence, body: ["1. Overview", "Text."]))
        #expect(report.replaces == ["HTI200281"])
        #expect(report.sections.map(\.number) == ["1"])
        #expect(report.crossReferences.isEmpty)
    }

    @Test func aReplacesListNamesEveryReport() throws {
        let sentence = "This Response to Information Request replaces the following Responses to Information "
            + "Requests: IND105494 of May 2016, IND106101 of May 2018, IND106120 of June 2018, IND106289 of May "
            + "2019, and IND200626 of May 2021."
        let text = Variants.withReplacesSentence(Seeds.text(Seeds.mex201601), sentence)
        let report = try parse(text)
        #expect(report.replaces == ["IND105494", "IND106101", "IND106120", "IND106289", "IND200626"])
        #expect(report.contentHash != (try parse(Seeds.text(Seeds.mex201601)).contentHash))
        #expect(report.sections.first?.number == "1")
    }

    @Test func aFrenchReplacesSentenceIsRecorded() throws {
        let sentence = "Cette réponse remplace la réponse à la demande d'information MEX200732 publiée en août 2021."
        let report = try parse(Variants.withReplacesSentence(Seeds.text(Seeds.mex201601French), sentence))
        #expect(report.replaces == ["MEX200732"])
    }

    @Test func footerLinesAfterTheBackMatterAreNotContent() throws {
        let seed = Seeds.text(Seeds.mex201603)
        let footer = "\nTop of page\n\nReport a problem or mistake on this page\n\nDate modified: 2023-08-31\n"
        let report = try parse(seed + footer)
        #expect(report.additionalSources.count == 2)
        #expect(report.contentHash == (try parse(seed).contentHash))
    }

    @Test func printedDateAndIDOnOneLineAreRead() throws {
        let text = Fixtures.report(body: ["Text."]).replacingFirstLines(with: "27 August 2020 HTI200334.FE")
        let report = try parse(text)
        #expect(report.id.description == "HTI200334.FE")
        #expect(report.published == CalendarDate(year: 2020, month: 8, day: 27))
    }

    @Test(arguments: [("1er septembre 2023", "2023-09-01"), ("1 er septembre 2023", "2023-09-01"), ("31 août 2023", "2023-08-31"),
                      ("5 octobre 2021", "2021-10-05"), ("20 décembre 2013", "2013-12-20"),
                      ("12 February 2013", "2013-02-12")])
    func datesAreReadInEnglishAndFrench(line: String, iso: String) throws {
        let report = try parse(Fixtures.report(id: "CMR200612.EF", date: line, body: ["Texte."]))
        #expect(report.published.iso == iso)
    }

    @Test func authorLineEndingInOttawaIsRead() throws {
        let text = Fixtures.report(body: ["1. Overview", "Text."]).replacingOccurrence(
            of: "Board of Canada\n", with: "Board of Canada, Ottawa\n")
        let report = try parse(text)
        #expect(report.author == "Research Directorate, Immigration and Refugee Board of Canada, Ottawa")
        #expect(report.sections.map(\.number) == ["1"])
    }

    @Test func aCurlyApostropheInTheFrenchAuthorLineIsReadAndKeepsTheHash() throws {
        let seed = Seeds.text(Seeds.mex201601French)
        let curly = Variants.edited(seed, replacing: "Commission de l'immigration", with: "Commission de l\u{2019}immigration")
        let report = try parse(curly)
        #expect(report.author.contains("l\u{2019}immigration"))
        #expect(report.sections.count == 6)
        #expect(report.contentHash == (try parse(seed).contentHash))
    }

    @Test func windows1252PunctuationIsDecoded() throws {
        var bytes = Array("1 September 2023\n\nMEX201601.E\n\nMexico: ".utf8)
        bytes += [0x93, 0x43, 0x4A, 0x4E, 0x47, 0x94, 0x20, 0x80, 0x20, 0x85, 0x20, 0x96, 0x20, 0x92, 0xE9]
        bytes += Array("\n\nResearch Directorate, Immigration and Refugee Board of Canada\n\nText.\n".utf8)
        let parsed = try CaptureParser.parse(bytes, name: "capture.txt")
        #expect(parsed.encoding == "windows-1252")
        #expect(parsed.report.title == "Mexico: \u{201C}CJNG\u{201D} \u{20AC} \u{2026} \u{2013} \u{2019}\u{E9}")
    }

    @Test func crossReferencesExcludeTheReportsOwnID() throws {
        let report = try parse(Fixtures.report(id: "MEX201601.E", body: [
            "See MEX201601 and Response to Information Request MEX201603 of August 2023, and MEX106302.",
        ], notes: ["[1] As MEX201603.E notes, and ZZZ201620."]))
        #expect(report.crossReferences == ["MEX201603", "MEX106302", "ZZZ201620"])
    }
}

extension String {
    /// The text with its first (date) and second (ID) paragraphs replaced by `line`.
    fileprivate func replacingFirstLines(with line: String) -> String {
        let paragraphs = split(separator: "\n\n", omittingEmptySubsequences: false)
        return ([Substring(line)] + paragraphs.dropFirst(2)).joined(separator: "\n\n")
    }

    fileprivate func replacingOccurrence(of target: String, with replacement: String) -> String {
        Variants.edited(self, replacing: target, with: replacement)
    }
}
