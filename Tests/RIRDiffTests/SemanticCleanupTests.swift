import Foundation
@testable import RIRDiff
import Testing

/// The semantic cleanup of the word diff (``WordEdit``): islands folded, small
/// edits kept precise, boundaries aligned, dissimilar paragraphs replaced whole.
struct SemanticCleanupTests {
    /// Two paragraphs on the same topic in different words: MEX201603.E §4 (old)
    /// and MEX201601.E §2 (new), trimmed.
    static let replacedResearcher = "The researcher stated that the CJNG tracks and locates individuals who move to "
        + "another region by leveraging their own internal intelligence operatives, or \"community intelligence,\" "
        + "their armed personnel, and finally, their political contacts (2023-08-14). The Assistant Professor "
        + "similarly noted that the CJNG's \"own internal intelligence\" and \"sophisticated armed apparatus,\" which "
        + "include informants, armed members, connections with local politicians, and allied gangs, is used to track "
        + "and locate individuals (2023-08-14)."
    static let replacingResearcher = "In an interview with the Research Directorate, a full-time researcher at "
        + "Universidad Autónoma de Baja California, whose work focuses on transnational organized crime and the "
        + "criminal economy in Mexico, stated that criminal groups will \"to varying degrees\" track individuals "
        + "starting with their internal networks and community intelligence, and, as a \"next step,\" engaging their "
        + "armed wing to search for their intended targets (2023-08-14)."
    /// MEX201603.E §1 (old) and MEX201601.E §1 (new), one sentence pair each.
    static let replacedOverview = "Sources state that the CJNG emerged from the Milenio Group and the Sinaloa Cartel "
        + "(InSight Crime 2021-05-05; Justice in Mexico 2021-10, 48). According to the US Drug Enforcement "
        + "Administration's (DEA) 2020 National Drug Threat Assessment (NDTA), the CJNG is among Mexico's \"fastest "
        + "growing cartels\" (US 2021-03, 67)."
    static let replacingOverview = "According to a 2023 annual report by Freedom House, Mexicans face the risk of "
        + "violence from various sources, such as individual criminals and criminal gangs \"that operate with "
        + "impunity\" (2023-03-09, Sec. F3). The same report states that while there are no official barriers to open "
        + "discussion, fear of criminal surveillance limits public conversation about crime in some areas of the "
        + "country (2023-03-09, Sec. D4)."

    /// Equal runs of at most one word (a common word, a year, punctuation) with changes on both sides.
    static func islands(_ changes: [TextChange]) -> [String] {
        changes.indices.dropFirst().dropLast().compactMap { k in
            let run = changes[k]
            guard run.op == .equal, changes[k - 1].op != .equal, changes[k + 1].op != .equal else { return nil }
            return run.text.split(whereSeparator: \.isWhitespace).count <= 1 ? run.text : nil
        }
    }

    static func rebuilt(_ changes: [TextChange]) -> (old: String, new: String) {
        (changes.filter { $0.op != .insert }.map(\.text).joined(), changes.filter { $0.op != .delete }.map(\.text).joined())
    }

    @Test(arguments: [(replacedResearcher, replacingResearcher), (replacedOverview, replacingOverview)])
    func commonWordsBetweenLongEditsAreFoldedIntoThem(_ old: String, _ new: String) {
        let raw = WordDiff.changes(from: old, to: new, cleanup: .none)
        let rawIslands = Self.islands(raw).map { $0.trimmingWhitespace() }
        #expect(rawIslands.contains("the"), "the shortest edit script keeps \"the\" as an island")
        #expect(rawIslands.count >= 10)
        for level in [WordEdit.Cleanup.semantic, .full] {
            let cleaned = WordDiff.changes(from: old, to: new, cleanup: level)
            #expect(Self.islands(cleaned) == [], "\(level)")
            #expect(cleaned.count <= 3, "\(level): one deletion, one insertion, at most a shared end")
            #expect(Self.rebuilt(cleaned) == (old, new))
        }
    }

    @Test func aParagraphSharingLittleIsOneDeletionThenOneInsertion() {
        let changes = WordDiff.changes(from: Self.replacedResearcher, to: Self.replacingResearcher)
        #expect(changes == [TextChange(op: .delete, text: Self.replacedResearcher),
                            TextChange(op: .insert, text: Self.replacingResearcher)])
    }

    @Test func oneChangedWordInARealParagraphStaysOneWord() {
        let old = "An article published by La Jornada, a Mexican newspaper, reports that threats and interference "
            + "from organized crime groups have led to a reduction in crop production (La Jornada 2021-12-09)."
        let new = old.replacingOccurrences(of: "reduction", with: "decline")
        let changes = WordDiff.changes(from: old, to: new)
        #expect(changes.filter { $0.op != .equal } == [TextChange(op: .delete, text: "reduction"),
                                                       TextChange(op: .insert, text: "decline")])
        #expect(changes.count == 4)
    }

    @Test func twoDistantOneWordChangesStayApart() {
        let old = "The researcher stated that the CJNG tracks individuals who move to another region (2023-08-14)."
        let new = "The researcher said that the CJNG tracks individuals who move to another state (2023-08-14)."
        let edits = WordDiff.changes(from: old, to: new).filter { $0.op != .equal }.map(\.text)
        #expect(edits == ["stated", "said", "region", "state"])
    }

    // MARK: - Whole-paragraph replacement

    /// A paragraph whose first `shared` words are kept and whose other `changed` words are all rewritten.
    static func pair(shared: Int, changed: Int) -> (String, String) {
        let kept = ["the", "researcher", "stated", "that", "criminal", "groups", "in", "Mexico"].prefix(shared)
        let before = (0..<changed).map { "cartel\($0)" }, after = (0..<changed).map { "gang\($0)" }
        return ((kept + before).joined(separator: " ") + ".", (kept + after).joined(separator: " ") + ".")
    }

    @Test func paragraphBelowTheSharedWordsThresholdIsReplacedWhole() {
        #expect(WordEdit.sharedWordsThreshold == 40)
        let (old, new) = Self.pair(shared: 3, changed: 7)   // 30 % shared
        #expect(WordDiff.changes(from: old, to: new) == [TextChange(op: .delete, text: old),
                                                         TextChange(op: .insert, text: new)])
        #expect(WordDiff.changes(from: old, to: new, cleanup: .semantic).first?.op == .equal)
    }

    @Test func paragraphAtTheSharedWordsThresholdKeepsItsEqualWords() {
        let (old, new) = Self.pair(shared: 4, changed: 6)   // 40 % shared
        let changes = WordDiff.changes(from: old, to: new)
        #expect(changes.first == TextChange(op: .equal, text: "the researcher stated that "))
        #expect(Self.rebuilt(changes) == (old, new))
    }

    @Test func paragraphThatOnlyGrewStaysWordByWord() {
        let old = "The same source added that criminal groups control the major highways (2023-08-15)."
        let new = old.replacingOccurrences(of: " (2023-08-15).", with: ", where they install roadblocks and "
            + "checkpoints to stop commuters, verify their IDs, identify potential rivals, and impose extortion "
            + "payments (Assistant Professor of criminology 2023-08-15).")
        let changes = WordDiff.changes(from: old, to: new)
        #expect(changes.first?.op == .equal && changes.first?.text.hasPrefix("The same source added") == true)
        #expect(!changes.contains { $0.op == .delete && $0.text.contains("criminal groups") })
    }

    @Test func onlyTheDissimilarParagraphOfASectionIsReplacedWhole() {
        let kept = "Farmers\n\nAn article published by La Jornada reports that crop production fell (2021-12-09)."
        let old = kept + "\n\n" + Self.replacedOverview, new = kept.replacingOccurrences(of: "fell", with: "dropped")
            + "\n\n" + Self.replacingOverview
        let changes = WordDiff.changes(from: old, to: new)
        #expect(changes.filter { $0.op != .equal }.map(\.text)
                == ["fell", "dropped", Self.replacedOverview, Self.replacingOverview])
        #expect(Self.rebuilt(changes) == (old, new))
    }

    // MARK: - Boundaries

    @Test func insertedSentenceStartsAtASentenceStart() {
        let old = "Sources said so (2023-08-14). The same source noted that roads are watched (2023-08-15)."
        let new = "Sources said so (2023-08-14). The researcher stated that ports are watched (2023-08-14). "
            + "The same source noted that roads are watched (2023-08-15)."
        #expect(WordDiff.changes(from: old, to: new, cleanup: .none).contains {
            $0.op == .insert && $0.text.hasPrefix("researcher") }, "Myers places it mid-sentence")
        #expect(WordDiff.changes(from: old, to: new) == [
            TextChange(op: .equal, text: "Sources said so (2023-08-14). "),
            TextChange(op: .insert, text: "The researcher stated that ports are watched (2023-08-14). "),
            TextChange(op: .equal, text: "The same source noted that roads are watched (2023-08-15)."),
        ])
    }

    @Test func insertedParagraphStartsAfterAParagraphBreak() {
        let changes = WordDiff.changes(from: "The first.\n\nThe third.", to: "The first.\n\nThe second.\n\nThe third.")
        #expect(changes == [TextChange(op: .equal, text: "The first.\n\n"),
                            TextChange(op: .insert, text: "The second.\n\n"),
                            TextChange(op: .equal, text: "The third.")])
    }

    @Test func insertedWordsStartAtAWordAndEndWithTheirSpace() {
        let changes = WordDiff.changes(from: "led to a reduction in crop production and harvests going to waste",
                                       to: "led to a reduction in crop production and exports and harvests going to waste")
        #expect(changes.filter { $0.op != .equal } == [TextChange(op: .insert, text: "and exports ")])
        #expect(changes.first?.text.hasSuffix("production ") == true)
    }
}

extension String {
    func trimmingWhitespace() -> String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
