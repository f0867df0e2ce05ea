/// A word diff as alternating blocks over the two token sequences, and its
/// semantic cleanup: the shortest edit script is minimal, not readable; between
/// two paragraphs that share little it keeps common small words ("the", "of",
/// "2023") as islands between long deletions and insertions.
///
/// The cleanup follows the method of diff-match-patch's `diff_cleanupSemantic`
/// (Neil Fraser), reimplemented over word tokens:
/// 1. an equal run no longer than the edits on both sides of it is folded into
///    them (one deletion + one insertion), repeatedly, since folding makes the
///    neighbouring edits longer;
/// 2. adjacent edits are merged and a common start or end of a deletion and
///    its insertion is given back to the equal runs;
/// 3. a lone insertion or deletion between equal runs is slid, where the
///    texts allow it, to the position with the best boundaries: paragraph break,
///    then sentence start, then word start (``boundaryScore(_:_:lo:hi:)``);
/// 4. a paragraph that shares too little with its counterpart
///    (``WordEdit/sharedWordsThreshold``) becomes one deletion and one insertion.
///
/// Equal runs holding a paragraph break are never folded, so changes stay
/// inside their paragraphs. Every step keeps the blocks contiguous on both
/// sides, so the runs still rebuild both texts exactly.
struct WordEdit {
    /// A run of tokens: `old` and `new` are ranges into the two sequences; an
    /// equal block has the same tokens on both sides, a change deletes `old` and inserts `new`.
    struct Block: Hashable {
        var old: Range<Int>
        var new: Range<Int>
        var isEqual: Bool

        var isEmpty: Bool { old.isEmpty && new.isEmpty }
    }

    /// A paragraph is shown replaced whole when the words in its equal runs are
    /// fewer than this share (in percent) of the words of the shorter of its two
    /// versions. Measured on the shorter side so that a paragraph which only grew
    /// (or only shrank) is still shown word by word. 40 %: below it, a
    /// paragraph read as edits is mostly strikethrough and the kept words do not
    /// carry the sense; above it, precise edits read well (checked on the seeds).
    static let sharedWordsThreshold = 40

    let a: [Int]
    let b: [Int]
    let info: [TokenInfo]
    var blocks: [Block] = []
    /// Running totals over `a` and `b`: unicode scalars, and words.
    private let lengthsA: [Int], lengthsB: [Int], wordsA: [Int], wordsB: [Int]

    /// The blocks of an edit script from `a` to `b`.
    init(a: [Int], b: [Int], info: [TokenInfo], script: [SequenceDiff.Step]) {
        self.a = a
        self.b = b
        self.info = info
        func totals(_ tokens: [Int], _ value: (TokenInfo) -> Int) -> [Int] {
            var out = [0]
            out.reserveCapacity(tokens.count + 1)
            for t in tokens { out.append(out[out.count - 1] + value(info[t])) }
            return out
        }
        lengthsA = totals(a, \.length)
        lengthsB = totals(b, \.length)
        wordsA = totals(a) { $0.kind == .word ? 1 : 0 }
        wordsB = totals(b) { $0.kind == .word ? 1 : 0 }
        var i = 0, j = 0
        for step in script {
            switch step {
            case .equal(let n):
                blocks.append(Block(old: i..<i + n, new: j..<j + n, isEqual: true))
                i += n; j += n
            case .change(let d, let k):
                blocks.append(Block(old: i..<i + d, new: j..<j + k, isEqual: false))
                i += d; j += k
            }
        }
    }

    /// How far ``cleanUp(_:)`` goes.
    enum Cleanup {
        /// The shortest edit script as it comes, adjacent runs merged: islands and all.
        case none
        /// Steps 1 to 3: short equal runs folded, edits merged and aligned to boundaries.
        case semantic
        /// All four steps: also dissimilar paragraphs replaced whole.
        case full
    }

    /// Runs the steps of the cleanup up to `level`.
    mutating func cleanUp(_ level: Cleanup = .full) {
        merge(factoring: false)
        guard level != .none else { return }
        absorbShortEqualities()
        merge(factoring: true)
        alignToBoundaries()
        merge(factoring: false)
        guard level == .full else { return }
        replaceDissimilarParagraphs()
        merge(factoring: false)
    }

    // MARK: - Measures

    private func length(_ block: Block) -> Int {
        max(lengthsA[block.old.upperBound] - lengthsA[block.old.lowerBound],
            lengthsB[block.new.upperBound] - lengthsB[block.new.lowerBound])
    }

    private func holdsParagraphBreak(_ block: Block) -> Bool {
        block.old.contains { info[a[$0]].isParagraphBreak }
    }

    // MARK: - Steps

    /// Drops empty blocks and joins neighbours of the same kind; with
    /// `factoring`, a change's common first and last tokens become equal runs.
    mutating func merge(factoring: Bool) {
        var out: [Block] = []
        out.reserveCapacity(blocks.count)
        func append(_ block: Block) {
            guard !block.isEmpty else { return }
            if let last = out.last, last.isEqual == block.isEqual {
                out[out.count - 1] = Block(old: last.old.lowerBound..<block.old.upperBound,
                                           new: last.new.lowerBound..<block.new.upperBound, isEqual: block.isEqual)
            } else {
                out.append(block)
            }
        }
        for block in blocks {
            guard factoring, !block.isEqual else { append(block); continue }
            var old = block.old, new = block.new
            var prefix = 0
            while prefix < min(old.count, new.count), a[old.lowerBound + prefix] == b[new.lowerBound + prefix] {
                prefix += 1
            }
            append(Block(old: old.lowerBound..<old.lowerBound + prefix,
                         new: new.lowerBound..<new.lowerBound + prefix, isEqual: true))
            old = old.lowerBound + prefix..<old.upperBound
            new = new.lowerBound + prefix..<new.upperBound
            var suffix = 0
            while suffix < min(old.count, new.count), a[old.upperBound - 1 - suffix] == b[new.upperBound - 1 - suffix] {
                suffix += 1
            }
            append(Block(old: old.lowerBound..<old.upperBound - suffix,
                         new: new.lowerBound..<new.upperBound - suffix, isEqual: false))
            append(Block(old: old.upperBound - suffix..<old.upperBound,
                         new: new.upperBound - suffix..<new.upperBound, isEqual: true))
        }
        blocks = out
    }

    /// Step 1: folds each equal run that is no longer (in characters) than the
    /// longer side of the change before it and of the change after it into one
    /// change; a fold makes a longer change, so the equal run before it is judged again.
    mutating func absorbShortEqualities() {
        var out: [Block] = []
        out.reserveCapacity(blocks.count)
        for block in blocks {
            out.append(block)
            while out.count >= 3, !out[out.count - 1].isEqual, out[out.count - 2].isEqual, !out[out.count - 3].isEqual {
                let before = out[out.count - 3], equal = out[out.count - 2], after = out[out.count - 1]
                let size = length(equal)
                guard size <= length(before), size <= length(after), !holdsParagraphBreak(equal) else { break }
                out.removeLast(3)
                out.append(Block(old: before.old.lowerBound..<after.old.upperBound,
                                 new: before.new.lowerBound..<after.new.upperBound, isEqual: false))
            }
        }
        blocks = out
    }

    /// Step 3: slides each lone insertion or deletion between two equal runs
    /// to the place with the best ``boundaryScore(_:_:lo:hi:)`` at both ends
    /// (the leftmost of equals).
    mutating func alignToBoundaries() {
        guard blocks.count >= 3 else { return }
        for k in 1..<blocks.count - 1 {
            let before = blocks[k - 1], edit = blocks[k], after = blocks[k + 1]
            guard before.isEqual, after.isEqual, !edit.isEqual, edit.old.isEmpty != edit.new.isEmpty else { continue }
            let inserted = edit.old.isEmpty
            let tokens = inserted ? b : a
            let range = inserted ? edit.new : edit.old
            let lo = inserted ? before.new.lowerBound : before.old.lowerBound
            let hi = inserted ? after.new.upperBound : after.old.upperBound
            let n = range.count
            var start = range.lowerBound
            while start > lo, tokens[start - 1] == tokens[start - 1 + n] { start -= 1 }
            func score(_ s: Int) -> Int {
                boundaryScore(tokens, s, lo: lo, hi: hi) + boundaryScore(tokens, s + n, lo: lo, hi: hi)
            }
            var best = start, bestScore = score(start)
            while start + n < hi, tokens[start] == tokens[start + n] {
                start += 1
                let candidate = score(start)
                if candidate > bestScore { best = start; bestScore = candidate }
            }
            let shift = best - range.lowerBound
            guard shift != 0 else { continue }
            blocks[k - 1].old = before.old.lowerBound..<before.old.upperBound + shift
            blocks[k - 1].new = before.new.lowerBound..<before.new.upperBound + shift
            blocks[k].old = edit.old.lowerBound + shift..<edit.old.upperBound + shift
            blocks[k].new = edit.new.lowerBound + shift..<edit.new.upperBound + shift
            blocks[k + 1].old = after.old.lowerBound + shift..<after.old.upperBound
            blocks[k + 1].new = after.new.lowerBound + shift..<after.new.upperBound
        }
    }

    /// How good a place position `p` of `tokens` is for an edit to start or end,
    /// after diff-match-patch's `diff_cleanupSemanticScore`: 6 where it meets the
    /// neighbouring edit or the end of the text (`lo`, `hi`), 5 after a paragraph
    /// break, 4 before one or at the start of a sentence, 3 at a sentence's end,
    /// 2 at the start of a word, 1 at its end, 0 beside punctuation.
    func boundaryScore(_ tokens: [Int], _ p: Int, lo: Int, hi: Int) -> Int {
        guard p > lo, p < hi else { return 6 }
        let left = info[tokens[p - 1]], right = info[tokens[p]]
        if left.isParagraphBreak { return 5 }
        if right.isParagraphBreak { return 4 }
        func endsSentence(at q: Int) -> Bool {
            guard q >= 0 else { return false }
            if info[tokens[q]].endsSentence { return true }
            return info[tokens[q]].closes && q > 0 && info[tokens[q - 1]].endsSentence
        }
        if left.kind == .space { return endsSentence(at: p - 2) ? 4 : 2 }
        if right.kind == .space { return endsSentence(at: p - 1) ? 3 : 1 }
        return 0
    }

    /// Step 4: cuts the blocks into paragraphs at the paragraph breaks both
    /// texts share, and turns each paragraph that shares too few words
    /// (``sharedWordsThreshold``) into one deletion of its old text and one
    /// insertion of its new text.
    mutating func replaceDissimilarParagraphs() {
        var out: [Block] = []
        var paragraph: [Block] = []
        func flush() {
            defer { paragraph = [] }
            guard let first = paragraph.first, let last = paragraph.last,
                  paragraph.contains(where: { !$0.isEqual }) else { out += paragraph; return }
            let old = first.old.lowerBound..<last.old.upperBound
            let new = first.new.lowerBound..<last.new.upperBound
            func words(_ totals: [Int], _ r: Range<Int>) -> Int { totals[r.upperBound] - totals[r.lowerBound] }
            let shared = paragraph.filter(\.isEqual).reduce(0) { $0 + words(wordsA, $1.old) }
            let shorter = min(words(wordsA, old), words(wordsB, new))
            if shared * 100 < Self.sharedWordsThreshold * shorter {
                out.append(Block(old: old, new: new, isEqual: false))
            } else {
                out += paragraph
            }
        }
        for block in blocks {
            guard block.isEqual else { paragraph.append(block); continue }
            var rest = block
            while let k = rest.old.firstIndex(where: { info[a[$0]].isParagraphBreak }) {
                let t = k - rest.old.lowerBound
                paragraph.append(Block(old: rest.old.lowerBound..<k, new: rest.new.lowerBound..<rest.new.lowerBound + t,
                                       isEqual: true))
                flush()
                out.append(Block(old: k..<k + 1, new: rest.new.lowerBound + t..<rest.new.lowerBound + t + 1,
                                 isEqual: true))
                rest = Block(old: k + 1..<rest.old.upperBound, new: rest.new.lowerBound + t + 1..<rest.new.upperBound,
                             isEqual: true)
            }
            paragraph.append(rest)
        }
        flush()
        blocks = out
    }
}
