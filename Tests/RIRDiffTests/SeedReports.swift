import Foundation
import RIRModel
import RIRParser
import RIRTestSupport

/// Reports read from the seed captures by the real parser, and edits that make
/// revision pairs out of them.
enum SeedReports {
    /// The seed `name` (`MEX201601.E`) as a report.
    static func report(_ name: String) throws -> Report {
        try CaptureParser.parse(Seeds.bytes("\(name).txt"), name: "\(name).txt").report
    }

    /// A capture given as text, as a report.
    static func report(parsing capture: String) throws -> Report {
        try CaptureParser.parse(Array(capture.utf8), name: "capture.txt").report
    }
}

// MARK: - Edits that make a new revision

extension Report {
    /// The report with sections numbered again from their levels (1, 2, 3, 3.1, 3.2, 4 …).
    func renumbered() -> Report {
        var copy = self
        var counters: [Int] = []
        for index in copy.sections.indices where copy.sections[index].number != nil {
            let level = copy.sections[index].level
            if counters.count < level { counters += Array(repeating: 0, count: level - counters.count) }
            counters = Array(counters.prefix(level))
            counters[level - 1] += 1
            copy.sections[index].number = counters.map(String.init).joined(separator: ".")
        }
        return copy
    }

    /// The report with one word replaced in the `paragraph`-th paragraph of section `number`.
    func editing(section number: String, paragraph: Int = 0, replacing word: String, with replacement: String) -> Report {
        var copy = self
        let index = copy.sections.firstIndex { $0.number == number }!
        var paragraphs = copy.sections[index].text.components(separatedBy: "\n\n")
        let range = paragraphs[paragraph].range(of: word)!
        paragraphs[paragraph].replaceSubrange(range, with: replacement)
        copy.sections[index].text = paragraphs.joined(separator: "\n\n")
        return copy
    }

    /// The report with `section` inserted before the section numbered `number`, then renumbered.
    func inserting(_ section: Section, before number: String) -> Report {
        var copy = self
        let index = copy.sections.firstIndex { $0.number == number }!
        copy.sections.insert(section, at: index)
        return copy.renumbered()
    }

    /// The report without the section numbered `number`, then renumbered.
    func removing(section number: String) -> Report {
        var copy = self
        copy.sections.removeAll { $0.number == number }
        return copy.renumbered()
    }

    /// The report with the sections numbered `a` and `b` trading places (and so numbers).
    func swapping(_ a: String, _ b: String) -> Report {
        var copy = self
        let i = copy.sections.firstIndex { $0.number == a }!
        let j = copy.sections.firstIndex { $0.number == b }!
        copy.sections.swapAt(i, j)
        return copy.renumbered()
    }
}
