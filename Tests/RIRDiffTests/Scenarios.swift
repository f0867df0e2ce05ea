import Foundation
import RIRDiff
import RIRModel

/// The revision pairs the tests and golden files are built on, all made from the seeds.
struct Scenario: Sendable, CustomStringConvertible {
    var name: String
    var old: Report
    var new: Report

    var description: String { name }

    var diff: RevisionDiff {
        RevisionDiffer.diff(from: old, DiffSide(id: old.id.description, revision: 1),
                            to: new, DiffSide(id: new.id.description, revision: 2))
    }

    static let newSection = Section(
        number: "3.1", level: 2, heading: "Teachers",
        text: "Sources report that teachers in rural schools are pressed to pay extortion fees (Example 2023-08-01)."
            + "\n\nNo further information could be found among the sources consulted by the Research Directorate.")

    static let addedReference =
        "Associated Press (AP). 2023-08-20. \"Cartel Violence in Jalisco.\" [Accessed 2023-08-28]"

    /// Every scenario, by name.
    static func all() throws -> [Scenario] {
        let first = try SeedReports.report("MEX201601.E")
        let second = try SeedReports.report("MEX201603.E")
        var withReference = second
        withReference.references.insert(addedReference, at: 4)
        var retitled = second
        retitled.title = second.title.replacingOccurrences(of: "people who", with: "individuals who")
        return [
            Scenario(name: "edited-paragraph", old: first, new: first
                .editing(section: "2", paragraph: 1, replacing: "a \"powerful\" tool", with: "a \"very powerful\" tool")
                .editing(section: "3.2", replacing: "a reduction in crop production",
                         with: "a sharp reduction in crop production and exports")),
            Scenario(name: "inserted-section", old: first, new: first.inserting(newSection, before: "3.1")),
            Scenario(name: "removed-section", old: first, new: first.removing(section: "3.4")),
            Scenario(name: "swapped-sections", old: first, new: first.swapping("3.2", "3.3")),
            Scenario(name: "added-reference", old: second, new: withReference),
            Scenario(name: "edited-title", old: second, new: retitled),
        ]
    }

    static func named(_ name: String) throws -> Scenario {
        try all().first { $0.name == name }!
    }
}
