import Foundation
import RIRDiff
import RIRModel
import RIRParser

/// Times `RevisionDiffer.diff` on two ~100 k-character revisions made from the seeds:
/// the sections of both seed reports repeated (and renumbered) up to 100 k characters,
/// then a second revision with realistic edits — words changed in a few paragraphs,
/// a section inserted near the top (renumbering those after it), one removed, two
/// neighbours swapped, references added and removed, the title edited.
enum DiffBenchmark {
    static let targetCharacters = 100_000

    static func run(runs: Int) throws -> [Figure] {
        guard let (old, new) = revisions() else { throw BenchError.seeds("seeds MEX201601.E and MEX201603.E not found") }
        let oldSide = DiffSide(id: old.id.description, revision: 1)
        let newSide = DiffSide(id: new.id.description, revision: 2)
        var samples: [Double] = []
        let clock = ContinuousClock()
        for _ in 0..<runs {
            var result: RevisionDiff?
            let elapsed = clock.measure { result = RevisionDiffer.diff(from: old, oldSide, to: new, newSide) }
            precondition(result?.summary.modified ?? 0 > 0, "the benchmark revisions must differ")
            samples.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1e3)
        }
        return [Figure(key: "diff_ms_100k", value: Harness.median(samples), unit: "ms", goal: .atMost(50),
                       note: "RevisionDiffer.diff in process, two ~100 k-character revisions, median of \(runs)")]
    }

    // MARK: - Revisions

    static func revisions() -> (Report, Report)? {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("seeds")
        let seeds = ["MEX201601.E", "MEX201603.E"].compactMap { name -> Report? in
            guard let data = FileManager.default.contents(atPath: root.appendingPathComponent("\(name).txt").path)
            else { return nil }
            return try? CaptureParser.parse([UInt8](data), name: "\(name).txt").report
        }
        guard seeds.count == 2 else {
            FileHandle.standardError.write(Data("diff benchmark skipped: seeds not found under \(root.path)\n".utf8))
            return nil
        }
        let pool = seeds.flatMap(\.sections)
        let references = seeds.flatMap(\.references)
        var body: [Section] = []
        var size = 0
        var round = 0
        while size < targetCharacters {
            for section in pool where size < targetCharacters {
                var copy = section
                if round > 0, copy.heading != nil { copy.heading! += " (part \(round + 1))" }
                body.append(copy)
                size += (copy.heading?.count ?? 0) + copy.text.count
            }
            round += 1
        }
        let old = Report(id: ReportID("MEX201601.E")!, published: CalendarDate(year: 2023, month: 9, day: 1)!,
                         title: "Mexico: criminal organizations and cartels (benchmark revision)",
                         author: "Research Directorate, Immigration and Refugee Board of Canada",
                         sections: renumbered(body), references: references)
        return (old, edited(old))
    }

    /// A later revision of `old` with the kinds of edit the IRB makes.
    static func edited(_ old: Report) -> Report {
        var new = old
        new.title += " (updated)"
        for index in stride(from: 3, to: new.sections.count, by: 9) {
            var paragraphs = new.sections[index].text.components(separatedBy: "\n\n")
            let p = paragraphs.count / 2
            var words = paragraphs[p].split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            if words.count > 20 {
                words[5] = "reportedly"
                words.insert(contentsOf: ["according", "to", "several", "sources,"], at: 12)
                words.remove(at: words.count - 3)
            }
            paragraphs[p] = words.joined(separator: " ")
            paragraphs.append("A further paragraph was added in this revision (Source 2023-09-30).")
            new.sections[index].text = paragraphs.joined(separator: "\n\n")
        }
        new.sections.insert(Section(number: nil, level: 2, heading: "Added Profile",
                                    text: "Information on this profile was added in a later revision."), at: 2)
        new.sections.remove(at: new.sections.count / 2)
        new.sections.swapAt(new.sections.count - 5, new.sections.count - 4)
        new.references.insert("Added Source. 2023-09-30. \"New Report.\" [Accessed 2023-10-01]", at: 3)
        new.references.remove(at: 10)
        new.sections = renumbered(new.sections)
        return new
    }

    /// Sections numbered again from their levels: 1, 2, 2.1, 3 …
    static func renumbered(_ sections: [Section]) -> [Section] {
        var counters: [Int] = []
        return sections.map { section in
            var copy = section
            let level = max(1, section.level)
            if counters.count < level { counters += Array(repeating: 0, count: level - counters.count) }
            counters = Array(counters.prefix(level))
            counters[level - 1] += 1
            copy.number = counters.map(String.init).joined(separator: ".")
            copy.level = level
            return copy
        }
    }
}
