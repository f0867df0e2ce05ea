@testable import RIRDiff
import RIRModel
import Testing

/// The word-level diff: exact reconstruction of both sides, and shortest scripts.
struct WordDiffTests {
    static let vocabulary = ["the", "cartel", "Michoacán", "police", ",", ".", "(2023-08-14)", "“very”",
                             "e\u{301}tat", "d’accord", "\u{A0}", "\n\n", "  ", "[1]", "CJNG", "and", "of"]

    /// A random edit of `text`: words deleted, inserted and replaced, paragraphs split and joined.
    static func edited(_ text: String, using rng: inout SplitMix64) -> String {
        var words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        for _ in 0..<Int.random(in: 1...8, using: &rng) {
            let position = Int.random(in: 0...words.count, using: &rng)
            let word = vocabulary.randomElement(using: &rng)!
            switch Int.random(in: 0..<4, using: &rng) {
            case 0 where position < words.count: words.remove(at: position)
            case 1 where position < words.count: words[position] = word
            case 2: words.insert(word + "\n\n" + word, at: position)
            default: words.insert(word, at: position)
            }
        }
        return words.joined(separator: " ")
    }

    @Test(arguments: [WordEdit.Cleanup.none, .semantic, .full])
    func applyingChangesReproducesBothTextsForRandomEdits(_ cleanup: WordEdit.Cleanup) throws {
        let report = try SeedReports.report("MEX201601.E")
        let other = try SeedReports.report("MEX201603.E")
        var rng = SplitMix64(seed: 0x5EED)
        for round in 0..<300 {
            let section = report.sections.randomElement(using: &rng)!
            let old = Int.random(in: 0..<5, using: &rng) == 0
                ? String(section.text.prefix(Int.random(in: 0...200, using: &rng))) : section.text
            var new = old
            // Another report's text: a rewrite on the same topic (cut short to keep the test quick).
            let rewrite = String(other.sections.randomElement(using: &rng)!.text.prefix(1_500))
            switch Int.random(in: 0..<6, using: &rng) {
            case 0: new = rewrite
            case 1: new = Self.edited(rewrite, using: &rng) + "\n\n" + old
            default: for _ in 0..<Int.random(in: 1...3, using: &rng) { new = Self.edited(new, using: &rng) }
            }
            let changes = WordDiff.changes(from: old, to: new, cleanup: cleanup)
            let rebuiltNew = changes.filter { $0.op != .delete }.map(\.text).joined()
            let rebuiltOld = changes.filter { $0.op != .insert }.map(\.text).joined()
            #expect(rebuiltNew == new, "round \(round): new text not reproduced")
            #expect(rebuiltOld == old, "round \(round): old text not reproduced")
            #expect(!changes.contains { $0.text.isEmpty }, "round \(round): empty run")
            // Runs are merged: never two of one kind in a row, nor an insertion before a deletion.
            for (x, y) in zip(changes, changes.dropFirst()) {
                #expect(x.op != y.op && !(x.op == .insert && y.op == .delete), "round \(round): unmerged runs")
            }
        }
    }

    @Test func applyingSectionChangesReproducesWholeRevisions() throws {
        let report = try SeedReports.report("MEX201603.E")
        var rng = SplitMix64(seed: 42)
        for _ in 0..<20 {
            var edited = report
            for _ in 0..<3 {
                let index = Int.random(in: 0..<edited.sections.count, using: &rng)
                edited.sections[index].text = Self.edited(edited.sections[index].text, using: &rng)
            }
            let diff = RevisionDiffer.diff(from: report, DiffSide(id: "MEX201603.E", revision: 1),
                                           to: edited, DiffSide(id: "MEX201603.E", revision: 2))
            func texts(_ sections: [Section]) -> [String] {
                sections.map { [$0.heading, $0.text].compactMap { $0 }.joined(separator: "\n\n") }
            }
            #expect(diff.sections.filter { $0.status != .added }.map(\.oldText) == texts(report.sections))
            #expect(diff.sections.filter { $0.status != .removed }.map(\.newText) == texts(edited.sections))
        }
    }

    @Test func scriptKeepsALongestCommonSubsequence() {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<500 {
            let a = (0..<Int.random(in: 0...30, using: &rng)).map { _ in Int.random(in: 0..<4, using: &rng) }
            let b = (0..<Int.random(in: 0...30, using: &rng)).map { _ in Int.random(in: 0..<4, using: &rng) }
            var kept = 0, deleted = 0, inserted = 0
            for step in SequenceDiff.script(a, b) {
                switch step {
                case .equal(let n): kept += n
                case .change(let d, let i): deleted += d; inserted += i
                }
            }
            #expect(kept == Self.lcsLength(a, b), "a=\(a) b=\(b)")
            #expect(kept + deleted == a.count && kept + inserted == b.count)
        }
    }

    static func lcsLength(_ a: [Int], _ b: [Int]) -> Int {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        var row = [Int](repeating: 0, count: b.count + 1)
        for x in a {
            var diagonal = 0
            for j in 1...b.count {
                let above = row[j]
                row[j] = x == b[j - 1] ? diagonal + 1 : max(row[j], row[j - 1])
                diagonal = above
            }
        }
        return row[b.count]
    }

    @Test func tokensConcatenateBackToTheTextWithCombiningMarks() {
        let text = "Cafe\u{301} « d’État »\u{A0}2023-08-14, n\u{303}o\n\n[1] x̧y"
        let tokens = WordTokens.ranges(of: text).map { String(text.unicodeScalars[$0]) }
        #expect(tokens.joined() == text)
        #expect(tokens.contains("Cafe\u{301}"))
    }

    @Test func insertedWordsAreTheOnlyChange() {
        let changes = WordDiff.changes(from: "The cartel operates in Jalisco.",
                                       to: "The cartel operates mainly in Jalisco.")
        #expect(changes == [TextChange(op: .equal, text: "The cartel operates "),
                            TextChange(op: .insert, text: "mainly "),
                            TextChange(op: .equal, text: "in Jalisco.")])
    }

    @Test func rewrittenPhraseReadsAsOneDeletionAndOneInsertion() {
        let changes = WordDiff.changes(from: "They said the quick fox ran.", to: "They said a slow dog ran.")
        #expect(changes.filter { $0.op == .delete }.map(\.text) == ["the quick fox"])
        #expect(changes.filter { $0.op == .insert }.map(\.text) == ["a slow dog"])
    }
}

extension WordDiffTests {
    @Test func whollyRewrittenLongTextsStillReproduceBothSides() {
        var rng = SplitMix64(seed: 99)
        func text(_ count: Int) -> String {
            (0..<count).map { _ in "w\(Int.random(in: 0..<5000, using: &rng))" }.joined(separator: " ")
        }
        let old = text(12_000), new = text(12_000)
        let changes = WordDiff.changes(from: old, to: new)
        #expect(changes.filter { $0.op != .delete }.map(\.text).joined() == new)
        #expect(changes.filter { $0.op != .insert }.map(\.text).joined() == old)
    }
}
