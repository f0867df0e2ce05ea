// MARK: - Tokens

/// Splits text into words, whitespace runs and single other characters, so that
/// the tokens concatenate back to the text exactly.
enum WordTokens {
    /// The token ranges of `text`, as unicode-scalar index ranges.
    static func ranges(of text: String) -> [Range<String.Index>] {
        let scalars = text.unicodeScalars
        var out: [Range<String.Index>] = []
        out.reserveCapacity(text.utf8.count / 3)
        var i = scalars.startIndex
        while i < scalars.endIndex {
            let kind = TokenKind(scalars[i])
            var j = scalars.index(after: i)
            if kind != .other {
                while j < scalars.endIndex, TokenKind(scalars[j]) == kind { j = scalars.index(after: j) }
            } else {
                // Keep combining marks with the character they modify.
                while j < scalars.endIndex, scalars[j].properties.generalCategory.isMark {
                    j = scalars.index(after: j)
                }
            }
            out.append(i..<j)
            i = j
        }
        return out
    }

    private enum TokenKind {
        case word, space, other

        init(_ s: Unicode.Scalar) {
            let v = s.value
            if v < 0x80 {
                switch v {
                case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: self = .word
                case 0x09...0x0D, 0x20: self = .space
                default: self = .other
                }
                return
            }
            if v == 0xA0 || (0x2000...0x200B).contains(v) || v == 0x202F || v == 0x3000 {
                self = .space
                return
            }
            let p = s.properties
            self = p.isAlphabetic || p.numericType != nil || p.generalCategory.isMark ? .word : .other
        }
    }
}

extension Unicode.GeneralCategory {
    var isMark: Bool {
        self == .nonspacingMark || self == .spacingMark || self == .enclosingMark
    }
}

// MARK: - Word diff

/// Word-level diff of two texts: Myers' O(ND) algorithm in linear space over
/// interned token numbers, then a cleanup that folds tiny equal runs caught
/// between changes into the surrounding change.
enum WordDiff {
    /// The runs that turn `old` into `new`.
    static func changes(from old: String, to new: String) -> [TextChange] {
        if old == new { return old.isEmpty ? [] : [TextChange(op: .equal, text: old)] }
        if old.isEmpty { return [TextChange(op: .insert, text: new)] }
        if new.isEmpty { return [TextChange(op: .delete, text: old)] }
        let oldRanges = WordTokens.ranges(of: old)
        let newRanges = WordTokens.ranges(of: new)
        var table: [Substring: Int] = [:]
        table.reserveCapacity((oldRanges.count + newRanges.count) / 4)
        func intern(_ text: String, _ ranges: [Range<String.Index>]) -> [Int] {
            ranges.map { r in
                let key = Substring(text.unicodeScalars[r])
                if let n = table[key] { return n }
                let n = table.count
                table[key] = n
                return n
            }
        }
        let a = intern(old, oldRanges)
        let b = intern(new, newRanges)
        let script = SequenceDiff.script(a, b)
        return runs(script, old: old, oldRanges: oldRanges, new: new, newRanges: newRanges)
    }

    /// Builds text runs from a per-token edit script, then cleans them up.
    private static func runs(_ script: [SequenceDiff.Step], old: String, oldRanges: [Range<String.Index>],
                             new: String, newRanges: [Range<String.Index>]) -> [TextChange] {
        var out: [TextChange] = []
        var i = 0, j = 0
        func text(_ s: String, _ ranges: [Range<String.Index>], _ lo: Int, _ hi: Int) -> String {
            String(s.unicodeScalars[ranges[lo].lowerBound..<ranges[hi - 1].upperBound])
        }
        for step in script {
            switch step {
            case .equal(let n):
                out.append(TextChange(op: .equal, text: text(new, newRanges, j, j + n)))
                i += n; j += n
            case .change(let deleted, let inserted):
                if deleted > 0 { out.append(TextChange(op: .delete, text: text(old, oldRanges, i, i + deleted))) }
                if inserted > 0 { out.append(TextChange(op: .insert, text: text(new, newRanges, j, j + inserted))) }
                i += deleted; j += inserted
            }
        }
        return cleaned(out)
    }

    /// Folds equal runs of whitespace or one short word that sit between two
    /// changes into those changes, so that a rewritten phrase reads as one
    /// deletion and one insertion instead of confetti; merges neighbouring runs.
    static func cleaned(_ runs: [TextChange]) -> [TextChange] {
        var out: [TextChange] = []
        var pendingDelete = "", pendingInsert = ""
        func flush() {
            if !pendingDelete.isEmpty { out.append(TextChange(op: .delete, text: pendingDelete)) }
            if !pendingInsert.isEmpty { out.append(TextChange(op: .insert, text: pendingInsert)) }
            pendingDelete = ""; pendingInsert = ""
        }
        for (k, run) in runs.enumerated() {
            switch run.op {
            case .delete: pendingDelete += run.text
            case .insert: pendingInsert += run.text
            case .equal:
                let between = !(pendingDelete.isEmpty && pendingInsert.isEmpty) && k + 1 < runs.count
                if between, isTrivial(run.text) {
                    pendingDelete += run.text
                    pendingInsert += run.text
                } else {
                    flush()
                    if let last = out.last, last.op == .equal {
                        out[out.count - 1].text += run.text
                    } else {
                        out.append(run)
                    }
                }
            }
        }
        flush()
        return out
    }

    /// Whitespace only, or at most one short word with its spaces.
    private static func isTrivial(_ text: String) -> Bool {
        let words = text.split(whereSeparator: { $0 == " " })
        return words.isEmpty || (words.count == 1 && words[0].count <= 3 && !text.contains("\n"))
    }
}
