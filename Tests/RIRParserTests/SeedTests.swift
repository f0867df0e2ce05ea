import RIRModel
import RIRParser
import RIRTestSupport
import Testing

/// The repository's seed RIRs, read exactly.
@Suite struct SeedTests {
    /// The seeds' content hashes as every landed version computed them: archives store these,
    /// so a change to the parser or to the folding that moves one would turn every later capture of
    /// an archived report into a new revision.
    @Test(arguments: [
        (Seeds.mex201601, "12ccabb6a1f34607dee69eafd41dc56c0f609b029fa8c5316d998ce4099d7a56"),
        (Seeds.mex201601French, "c97f69374389aaf858c1a4036637d12ba2950629ea6a379e52e6190a9f003b9b"),
        (Seeds.mex201603, "5ceaefef6c8dbc1a848a60868fb259f41ba6f685ceeee7e678cd11e11829c2df"),
    ])
    func contentHashesAreThoseEveryLandedVersionStored(seed: String, hash: String) throws {
        let parsed = try CaptureParser.parse(Array(Seeds.text(seed).utf8), name: seed)
        #expect(parsed.report.contentHash == hash)
    }

    func parse(_ seed: String) throws -> ParsedCapture {
        try CaptureParser.parse(Seeds.bytes(seed), name: seed)
    }

    @Test func mex201601ReadsEveryHeadingInOrder() throws {
        let report = try parse(Seeds.mex201601).report
        let outline = report.sections.map { "\($0.number ?? "-")|\($0.level)|\($0.heading ?? "-")" }
        #expect(outline == [
            "1|1|Overview",
            "2|1|Tracking Methods",
            "3|1|Profiles of Individuals Targeted and Tracked by Criminal Organizations and Cartels",
            "3.1|2|Migrants",
            "3.2|2|Farmers",
            "3.3|2|Police",
            "3.4|2|Volunteer Searchers",
            "3.5|2|Journalists",
            "3.6|2|Politicians",
            "3.7|2|Human Rights Defenders",
            "3.8|2|Indigenous Communities",
            "3.9|2|Individuals Connected to Criminal Groups",
            "3.10|2|Other Profiles",
            "4|1|Motivation of Criminal Groups to Track Individuals",
        ])
    }

    @Test func mex201601ReadsHeaderAndBackMatter() throws {
        let parsed = try parse(Seeds.mex201601)
        let report = parsed.report
        #expect(parsed.format == .text)
        #expect(parsed.encoding == "utf-8")
        #expect(report.id.description == "MEX201601.E")
        #expect(report.id.language == .en)
        #expect(report.published == CalendarDate(year: 2023, month: 9, day: 1))
        #expect(report.title.hasPrefix("Mexico: Profiles of individuals targeted and tracked"))
        #expect(report.title.hasSuffix("(2021\u{2013}August 2023)"))
        #expect(report.author == "Research Directorate, Immigration and Refugee Board of Canada")
        #expect(report.replaces.isEmpty)
        #expect(report.crossReferences == ["MEX201603"])
        #expect(report.closing?.hasPrefix("This Response was prepared after researching") == true)
        #expect(report.notes.count == 2)
        #expect(report.notes.first?.hasPrefix("[1] The Mexico Violence Resource Project") == true)
        #expect(report.references.count == 31)
        #expect(report.references.first?.hasPrefix("Amnesty International. 2023-03-27.") == true)
        #expect(report.references.last?.hasPrefix("United States (US). 2022-11-02.") == true)
        #expect(report.additionalSources.count == 2)
        #expect(report.additionalSources.first?.hasPrefix("Oral sources:") == true)
    }

    @Test func mex201601KeepsParagraphsOfASectionTogether() throws {
        let report = try parse(Seeds.mex201601).report
        let politicians = try #require(report.section(numbered: "3.6"))
        #expect(politicians.paragraphs.count == 4)
        #expect(politicians.paragraphs[0] == "BTI 2022 reports the following:")
        let other = try #require(report.section(numbered: "3.10"))
        #expect(other.text.hasPrefix("The Managing Editor noted"))
        // Sections are flat: section 3 stops at 3.1.
        let profiles = try #require(report.section(numbered: "3"))
        #expect(profiles.paragraphs.count == 1)
        // Text keeps its characters; only white space runs are folded.
        #expect(!report.sections.contains { $0.text.contains("\u{00A0}") || $0.text.contains("  ") })
    }

    @Test func mex201603ReadsEveryHeadingAndBackMatter() throws {
        let report = try parse(Seeds.mex201603).report
        #expect(report.sections.map { "\($0.number ?? "-") \($0.heading ?? "-")" } == [
            "1 Overview",
            "2 Areas of Operation and Influence",
            "2.1 International Presence",
            "3 Activities of the CJNG",
            "4 Ability and Motivations of the CJNG to Track and Retaliate Against Individuals",
            "4.1 Profiles of Individuals Targeted for Tracking and Retaliation",
        ])
        #expect(report.sections.map(\.level) == [1, 1, 2, 1, 1, 2])
        #expect(report.id.description == "MEX201603.E")
        #expect(report.published == CalendarDate(year: 2023, month: 8, day: 31))
        #expect(report.title.hasPrefix("Mexico: The Jalisco New Generation Cartel"))
        #expect(report.author == "Research Directorate, Immigration and Refugee Board of Canada")
        #expect(report.crossReferences == ["MEX201601"])
        #expect(report.notes.count == 1)
        #expect(report.references.count == 42)
        #expect(report.additionalSources.count == 2)
        #expect(report.closing != nil)
    }

    @Test func frenchSampleReadsFrenchDateHeadingsAndBackMatter() throws {
        let parsed = try parse(Seeds.mex201601French)
        let report = parsed.report
        #expect(report.id.description == "MEX201601.EF")
        #expect(report.id.language == .fr)
        #expect(report.published == CalendarDate(year: 2023, month: 9, day: 1))
        #expect(report.title.hasPrefix("Mexique : information sur les profils"))
        #expect(report.author
            == "Direction des recherches, Commission de l'immigration et du statut de réfugié du Canada")
        #expect(report.sections.map { "\($0.number ?? "-") \($0.heading ?? "-")" } == [
            "1 Aperçu",
            "2 Méthodes de repérage",
            "3 Profils des personnes ciblées et retrouvées par les organisations criminelles et les cartels",
            "3.1 Migrants",
            "3.2 Journalistes",
            "4 Motivation des groupes criminels à retrouver des personnes",
        ])
        #expect(report.sections[0].text.contains("[traduction] « très puissants »"))
        #expect(report.closing?.hasPrefix("Cette réponse a été préparée") == true)
        #expect(report.notes.count == 2)
        #expect(report.references.count == 6)
        #expect(report.additionalSources.count == 2)
        #expect(report.additionalSources[0].hasPrefix("Sources orales :"))
        #expect(report.crossReferences == ["MEX201603"])
    }

    @Test func outlineListsSectionsAndBackMatter() throws {
        let outline = try parse(Seeds.mex201601).outline
        #expect(outline.contains("MEX201601.E  2023-09-01"))
        #expect(outline.contains("    3.10 Other Profiles"))
        #expect(outline.contains("References: 31"))
    }
}
