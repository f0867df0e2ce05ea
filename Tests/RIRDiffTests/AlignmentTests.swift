import Foundation
import RIRDiff
import RIRModel
import Testing

/// Section pairing and statuses (design §3) over revision pairs made from the seeds.
struct AlignmentTests {
    private func numbers(_ diff: RevisionDiff, _ status: SectionStatus) -> [String] {
        diff.sections.filter { $0.status == status }.map { $0.toNumber ?? $0.fromNumber ?? "-" }
    }

    @Test func editedReportNamesExactlyTheEditedSectionsAsModified() throws {
        let diff = try Scenario.named("edited-paragraph").diff
        #expect(numbers(diff, .modified) == ["2", "3.2"])
        #expect(diff.summary.unchanged == diff.sections.count - 2)
        #expect(diff.references.isEmpty && diff.metadata.isEmpty && diff.notes.isEmpty)
        let farmers = try #require(diff.sections.first { $0.toNumber == "3.2" })
        #expect(farmers.changes.allSatisfy { $0.op != .delete })
        let inserted = farmers.changes.filter { $0.op == .insert }.map(\.text).joined(separator: " ")
        #expect(inserted.split(separator: " ") == ["sharp", "and", "exports"])
    }

    @Test func sectionInsertedBeforeOthersIsOneAddedAndTheRestRenumbered() throws {
        let diff = try Scenario.named("inserted-section").diff
        #expect(numbers(diff, .added) == ["3.1"])
        #expect(numbers(diff, .renumbered) == (2...11).map { "3.\($0)" })
        #expect(diff.summary.modified == 0 && diff.summary.moved == 0 && diff.summary.removed == 0)
        let added = try #require(diff.sections.first { $0.status == .added })
        #expect(added.fromNumber == nil && added.heading == "Teachers")
        #expect(diff.sections.map { $0.toNumber } == diff.sections.map { $0.toNumber }.sorted { a, b in
            (a ?? "").split(separator: ".").map { Int($0)! }.lexicographicallyPrecedes(
                (b ?? "").split(separator: ".").map { Int($0)! })
        })
    }

    @Test func removedSectionIsListedWhereItStoodAndFollowersRenumbered() throws {
        let diff = try Scenario.named("removed-section").diff
        let removed = try #require(diff.sections.first { $0.status == .removed })
        #expect(removed.fromNumber == "3.4" && removed.toNumber == nil && removed.heading == "Volunteer Searchers")
        let index = try #require(diff.sections.firstIndex { $0.status == .removed })
        #expect(diff.sections[index - 1].toNumber == "3.3")
        #expect(numbers(diff, .renumbered) == (4...9).map { "3.\($0)" })
        #expect(diff.summary.modified == 0 && diff.summary.added == 0)
    }

    @Test func twoNeighboursSwappingPlacesAreOneMovedAndOneRenumbered() throws {
        let diff = try Scenario.named("swapped-sections").diff
        #expect(diff.summary.moved == 1 && diff.summary.renumbered == 1)
        #expect(diff.summary.modified == 0 && diff.summary.unchanged == diff.sections.count - 2)
        let moved = try #require(diff.sections.first { $0.status == .moved })
        #expect(moved.changes.allSatisfy { $0.op == .equal })
        #expect(Set([moved.fromNumber, moved.toNumber]) == Set(["3.2", "3.3"]))
    }

    @Test func addedReferenceIsListedAndNoSectionChanges() throws {
        let diff = try Scenario.named("added-reference").diff
        #expect(diff.references.added == [Scenario.addedReference])
        #expect(diff.references.removed.isEmpty)
        #expect(diff.sections.allSatisfy { $0.status == .unchanged })
    }

    @Test func editedTitleIsTheOnlyMetadataChange() throws {
        let scenario = try Scenario.named("edited-title")
        let diff = scenario.diff
        #expect(diff.metadata == [MetadataChange(field: "title", from: scenario.old.title, to: scenario.new.title)])
        #expect(diff.summary.unchanged == diff.sections.count)
    }

    @Test func renumberedAndEditedSectionIsModifiedWithBothNumbers() throws {
        let report = try SeedReports.report("MEX201601.E")
        let edited = report.editing(section: "3.2", replacing: "La Jornada", with: "Jornada")
            .inserting(Scenario.newSection, before: "3.1")
        let diff = RevisionDiffer.diff(from: report, DiffSide(id: "MEX201601.E", revision: 1),
                                       to: edited, DiffSide(id: "MEX201601.E", revision: 2))
        let farmers = try #require(diff.sections.first { $0.heading == "Farmers" })
        #expect(farmers.status == .modified && farmers.fromNumber == "3.2" && farmers.toNumber == "3.3")
        #expect(diff.summary.modified == 1 && diff.summary.added == 1 && diff.summary.renumbered == 9)
    }

    @Test func sectionMovedFarUpIsTheOnlyMovedOne() throws {
        let report = try SeedReports.report("MEX201601.E")
        var moved = report
        let last = moved.sections.firstIndex { $0.number == "3.10" }!
        let section = moved.sections.remove(at: last)
        moved.sections.insert(section, at: moved.sections.firstIndex { $0.number == "3.1" }!)
        let diff = RevisionDiffer.diff(from: report, DiffSide(id: "MEX201601.E", revision: 1),
                                       to: moved.renumbered(), DiffSide(id: "MEX201601.E", revision: 2))
        #expect(diff.sections.filter { $0.status == .moved }.map(\.heading) == ["Other Profiles"])
        #expect(numbers(diff, .renumbered) == (2...10).map { "3.\($0)" })
    }

    @Test func renamedHeadingPairsByBodySimilarity() throws {
        let report = try SeedReports.report("MEX201601.E")
        var renamed = report
        let index = renamed.sections.firstIndex { $0.number == "3.3" }!
        renamed.sections[index].heading = "Police Officers"
        let diff = RevisionDiffer.diff(from: report, DiffSide(id: "MEX201601.E", revision: 1),
                                       to: renamed, DiffSide(id: "MEX201601.E", revision: 2))
        #expect(numbers(diff, .modified) == ["3.3"])
        #expect(diff.summary.added == 0 && diff.summary.removed == 0)
    }

    @Test func identicalRevisionsHaveNoDifferences() throws {
        let report = try SeedReports.report("MEX201603.E")
        let diff = RevisionDiffer.diff(from: report, DiffSide(id: "MEX201603.E", revision: 1),
                                       to: report, DiffSide(id: "MEX201603.E", revision: 2))
        #expect(diff.isEmpty)
        #expect(diff.summary.unchanged == report.sections.count)
        #expect(diff.text(DiffRenderOptions()).contains("No differences."))
    }

    @Test func crossReportDiffNamesBothReportsAndPairsSameHeadings() throws {
        let replaced = try SeedReports.report("MEX201603.E")
        let replacing = try SeedReports.report("MEX201601.E")
        let diff = RevisionDiffer.diff(from: replaced, DiffSide(id: "MEX201603.E", revision: 1),
                                       to: replacing, DiffSide(id: "MEX201601.E", revision: 3))
        #expect(diff.id == "MEX201603.E..MEX201601.E")
        let overview = try #require(diff.sections.first { $0.heading == "Overview" })
        #expect(overview.status == .modified && overview.fromNumber == "1" && overview.toNumber == "1")
        #expect(diff.metadata.map(\.field) == ["title", "published"])
        #expect(!diff.references.added.isEmpty && !diff.references.removed.isEmpty)
        #expect(diff.summary.added + diff.summary.modified + diff.summary.moved > 0)
        // Every section of both reports is accounted for.
        #expect(diff.sections.filter { $0.status != .added }.count == replaced.sections.count)
        #expect(diff.sections.filter { $0.status != .removed }.count == replacing.sections.count)
    }

    @Test func notesAreComparedWithoutTheirMarkers() throws {
        let report = try SeedReports.report("MEX201601.E")
        var edited = report
        edited.notes = ["[1] A new first note."] + report.notes.enumerated().map { index, note in
            "[\(index + 2)]" + note.drop { $0 != "]" }.dropFirst()
        }
        let diff = RevisionDiffer.diff(from: report, DiffSide(id: "MEX201601.E", revision: 1),
                                       to: edited, DiffSide(id: "MEX201601.E", revision: 2))
        #expect(diff.notes.added == ["[1] A new first note."])
        #expect(diff.notes.removed.isEmpty)
    }

    @Test func duplicateReferencesCountAsAMultiset() throws {
        var report = try SeedReports.report("MEX201603.E")
        report.references = ["A. 2023.", "A. 2023.", "B. 2022."]
        var edited = report
        edited.references = ["A. 2023.", "B. 2022.", "C. 2021."]
        let diff = RevisionDiffer.diff(from: report, DiffSide(id: "MEX201603.E", revision: 1),
                                       to: edited, DiffSide(id: "MEX201603.E", revision: 2))
        #expect(diff.references == EntryChanges(added: ["C. 2021."], removed: ["A. 2023."]))
    }

    @Test func typographicQuotesAloneLeaveASectionUnchanged() throws {
        let report = try SeedReports.report("MEX201601.E")
        var curly = report
        let index = curly.sections.firstIndex { $0.number == "2" }!
        curly.sections[index].text = curly.sections[index].text.replacingOccurrences(of: "\"", with: "\u{201C}")
        let diff = RevisionDiffer.diff(from: report, DiffSide(id: "MEX201601.E", revision: 1),
                                       to: curly, DiffSide(id: "MEX201601.E", revision: 2))
        #expect(diff.summary.unchanged == report.sections.count)
        let section = try #require(diff.sections.first { $0.toNumber == "2" })
        #expect(section.newText.hasSuffix(curly.sections[index].text))
    }
}
