import Foundation
import RIRModel

/// Reports built from the seed captures for diff tests, and edits that make
/// revision pairs out of them.
///
/// The parser is written in parallel, so this is a small stand-in that knows
/// the seeds' layout only: the header block after the date line, sections at
/// numbered heading lines, then the closing paragraph, notes, references and
/// additional sources.
enum SeedReports {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The seed `name` (`MEX201601.E`) as a report.
    static func report(_ name: String) throws -> Report {
        let url = repositoryRoot.appendingPathComponent("seeds/\(name).txt")
        return try report(parsing: String(contentsOf: url, encoding: .utf8))
    }

    struct SeedError: Error, CustomStringConvertible {
        var description: String
    }

    static func report(parsing capture: String) throws -> Report {
        let paragraphs = capture.replacingOccurrences(of: "\r\n", with: "\n")
            .components(separatedBy: "\n\n")
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
        guard let idIndex = paragraphs.firstIndex(where: { ReportID($0) != nil }),
              let id = ReportID(paragraphs[idIndex]) else {
            throw SeedError(description: "cannot read seed: no ID line found")
        }
        let published = try date(paragraphs[idIndex - 1])
        let title = paragraphs[idIndex + 1]
        let author = paragraphs[idIndex + 2]
        var rest = Array(paragraphs[(idIndex + 3)...])
        let closingIndex = rest.firstIndex { $0.hasPrefix("This Response was prepared") } ?? rest.count
        let back = Array(rest[closingIndex...])
        rest = Array(rest[..<closingIndex])

        var sections: [Section] = []
        for paragraph in rest {
            if let (number, heading) = numberedHeading(paragraph) {
                sections.append(Section(number: number, level: number.split(separator: ".").count,
                                        heading: heading, text: ""))
            } else if sections.isEmpty {
                sections.append(Section(number: nil, level: 0, heading: nil, text: paragraph))
            } else {
                let last = sections.count - 1
                sections[last].text += sections[last].text.isEmpty ? paragraph : "\n\n" + paragraph
            }
        }
        func part(after title: Set<String>, before next: Set<String>) -> [String] {
            guard let start = back.firstIndex(where: title.contains) else { return [] }
            let tail = back[(start + 1)...]
            return Array(tail.prefix { !next.contains($0) })
        }
        return Report(
            id: id, published: published, title: title, author: author,
            sections: sections, closing: back.first,
            notes: part(after: ["Note", "Notes"], before: ["References"]),
            references: part(after: ["References"], before: ["Additional Sources Consulted"]),
            additionalSources: part(after: ["Additional Sources Consulted"], before: []))
    }

    private static func numberedHeading(_ paragraph: String) -> (String, String)? {
        guard paragraph.count < 160, !paragraph.contains("\n"),
              let space = paragraph.firstIndex(of: " ") else { return nil }
        var number = String(paragraph[..<space])
        if number.hasSuffix(".") { number.removeLast() }
        let parts = number.split(separator: ".", omittingEmptySubsequences: false)
        guard !parts.isEmpty, parts.allSatisfy({ !$0.isEmpty && $0.count <= 2 && $0.allSatisfy(\.isNumber) })
        else { return nil }
        return (number, String(paragraph[paragraph.index(after: space)...]))
    }

    private static func date(_ line: String) throws -> CalendarDate {
        let months = ["January", "February", "March", "April", "May", "June", "July", "August",
                      "September", "October", "November", "December"]
        let parts = line.split(separator: " ")
        guard parts.count == 3, let day = Int(parts[0]), let month = months.firstIndex(of: String(parts[1])),
              let year = Int(parts[2]), let date = CalendarDate(year: year, month: month + 1, day: day)
        else { throw SeedError(description: "cannot read seed: \(line) is not a date line") }
        return date
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
