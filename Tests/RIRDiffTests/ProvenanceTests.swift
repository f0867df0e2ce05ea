import Foundation
import RIRDiff
import RIRModel
import Testing

/// Blame and trace along a timeline of seed revisions (design §9).
struct ProvenanceTests {
    static func timeline(_ reports: [Report]) -> [TimedRevision] {
        reports.enumerated().map { index, report in
            TimedRevision(revision: index + 1, report: report, firstSeen: "2026-0\(index + 1)-01T10:00:00Z",
                          lastSeen: "2026-0\(index + 1)-20T10:00:00Z")
        }
    }

    static func lines(_ blame: [ParagraphProvenance], section: String) -> [ParagraphProvenance] {
        blame.filter { $0.sectionNumber == section }
    }

    @Test func aSectionRenumberedByAnInsertionKeepsItsParagraphsAge() throws {
        let first = try SeedReports.report("MEX201601.E")
        let second = first.inserting(Scenario.newSection, before: "3.1")
        let third = second.editing(section: "3.3", replacing: "a reduction in crop production",
                                   with: "a sharp reduction in crop production")
        let blame = try Provenance.blame(Self.timeline([first, second, third]), revision: 3)
        let farmers = Self.lines(blame, section: "3.3")
        #expect(farmers.first?.heading == "Farmers")
        #expect(farmers.map(\.paragraph) == Array(1...farmers.count))
        let edited = try #require(farmers.first { $0.text.contains("a sharp reduction") })
        #expect(edited.sinceRevision == 3 && edited.since == "2026-03-01T10:00:00Z")
        #expect(farmers.filter { $0 != edited }.allSatisfy { $0.sinceRevision == 1 })
        #expect(Self.lines(blame, section: "3.1").allSatisfy { $0.sinceRevision == 2 && $0.heading == "Teachers" })
        #expect(Self.lines(blame, section: "1").allSatisfy { $0.sinceRevision == 1 && $0.since == "2026-01-01T10:00:00Z" })
    }

    @Test func swappedSectionsAreFollowedToWhereTheyWere() throws {
        let first = try SeedReports.report("MEX201601.E")
        let swapped = first.swapping("3.2", "3.3")
        let blame = try Provenance.blame(Self.timeline([first, swapped]), revision: 2, section: "3.2")
        #expect(!blame.isEmpty)
        #expect(blame.allSatisfy { $0.sectionNumber == "3.2" && $0.sinceRevision == 1 })
        #expect(blame.first?.heading == first.section(numbered: "3.3")?.heading)
    }

    @Test func aRecurringRevisionIsBlamedFromItsLatestStretch() throws {
        let original = try SeedReports.report("MEX201601.E")
        let edited = original.editing(section: "2", paragraph: 1, replacing: "a \"powerful\" tool", with: "a \"decisive\" tool")
        // R → X → R, with the return recorded as revision 1 again (back-fill) or as revision 3.
        for numbers in [[1, 2, 1], [1, 2, 3]] {
            var revisions = Self.timeline([original, edited, original])
            for index in revisions.indices { revisions[index].revision = numbers[index] }
            let blame = try Provenance.blame(revisions, revision: numbers[2], section: "2")
            let restored = try #require(blame.first { $0.text.contains("a \"powerful\" tool") })
            #expect(restored.sinceRevision == numbers[2])
            #expect(restored.since == "2026-03-01T10:00:00Z")
            #expect(blame.filter { $0 != restored }.allSatisfy { $0.sinceRevision == 1 && $0.since == "2026-01-01T10:00:00Z" })
        }
    }

    @Test func blameNamesAMissingRevisionOrSection() throws {
        let revisions = Self.timeline([try SeedReports.report("MEX201601.E")])
        #expect(throws: ProvenanceError.unknownRevision(id: "MEX201601.E", revision: 4)) {
            try Provenance.blame(revisions, revision: 4)
        }
        #expect(throws: ProvenanceError.unknownSection(id: "MEX201601.E", revision: 1, section: "9.9")) {
            try Provenance.blame(revisions, revision: 1, section: "9.9")
        }
    }

    @Test func traceFollowsAPhraseIntoTheReportThatReplacesIt() throws {
        let old = try SeedReports.report("MEX201601.E")
        let phrase = "New Generation Cartel"
        #expect(old.sections.contains { $0.text.contains(phrase) })
        var dropped = old
        for index in dropped.sections.indices {
            dropped.sections[index].text = dropped.sections[index].text.replacingOccurrences(of: phrase, with: "CJNG")
        }
        var successor = try SeedReports.report("MEX201603.E")
        successor.replaces = [old.id.baseID]
        let oldTimeline = ReportTimeline(id: old.id, revisions: Self.timeline([old, old.editing(
            section: "2", paragraph: 1, replacing: "a \"powerful\" tool", with: "a \"decisive\" tool"), dropped]),
            replacedBy: [successor.id])
        let newTimeline = ReportTimeline(id: successor.id, revisions: Self.timeline([successor]))
        let traces = try Provenance.trace("new  generation\u{00A0}CARTEL", in: [newTimeline, oldTimeline])
        #expect(traces.map(\.id) == ["MEX201601.E", "MEX201603.E"])
        #expect(traces[0].spans == [PhraseSpan(id: "MEX201601.E", fromRevision: 1, toRevision: 2,
                                               firstSeen: "2026-01-01T10:00:00Z", lastSeen: "2026-02-20T10:00:00Z",
                                               disappearedIn: 3)])
        #expect(traces[0].replacedBy == [PhraseSuccessor(id: "MEX201603.E", carriesPhrase: true)])
        #expect(traces[1].spans.map(\.disappearedIn) == [nil])
    }

    @Test func traceIgnoresAccentsAndCase() throws {
        var french = try SeedReports.report("MEX201601.E")
        french.sections[0].heading = "Aperçu"
        let timeline = ReportTimeline(id: french.id, revisions: Self.timeline([french]))
        #expect(try Provenance.trace("APERCU", in: [timeline]).map(\.id) == ["MEX201601.E"])
        #expect(throws: ProvenanceError.emptyPhrase) { try Provenance.trace("  ", in: [timeline]) }
    }
}
