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

    enum TokenKind {
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

// MARK: - Token facts

/// What the cleanup needs to know about one distinct token.
struct TokenInfo {
    /// Length in unicode scalars.
    var length: Int
    var kind: WordTokens.TokenKind
    /// Whitespace holding a blank line: a paragraph break.
    var isParagraphBreak: Bool
    /// `.`, `!`, `?` or `…`.
    var endsSentence: Bool
    /// A closing quotation mark or bracket, which may follow a sentence's full stop.
    var closes: Bool

    init(_ token: Substring) {
        let scalars = token.unicodeScalars
        length = scalars.count
        kind = WordTokens.TokenKind(scalars.first!)
        isParagraphBreak = kind == .space && scalars.lazy.filter { $0 == "\n" }.count >= 2
        endsSentence = kind == .other && [".", "!", "?", "…"].contains(scalars.first!)
        closes = kind == .other && ["\"", "'", "”", "’", "»", ")", "]"].contains(scalars.first!)
    }
}

/// Numbers equal tokens alike across both texts and keeps what the cleanup needs to know of each.
///
/// Tokens are told apart by their UTF-8 bytes: a token of up to 15 bytes (nearly every word and
/// space) is packed into one 128-bit key, a longer one keyed by its bytes. `Substring` keys were
/// hashed through Unicode normalization, a tenth of a whole-process diff.
struct TokenTable {
    private var short: [UInt128: Int] = [:]
    private var long: [ByteKey: Int] = [:]
    /// Facts about each token number.
    private(set) var info: [TokenInfo] = []

    init(capacity: Int) {
        short.reserveCapacity(capacity)
        info.reserveCapacity(capacity)
    }

    /// The token numbers of `text` cut at `ranges`.
    mutating func numbers(_ text: String, _ ranges: [Range<String.Index>]) -> [Int] {
        var contiguous = text
        let utf8 = text.utf8
        return contiguous.withUTF8 { bytes in
            ranges.map { r in
                // O(1) on a native string: its indices carry their UTF-8 offsets.
                let start = utf8.distance(from: utf8.startIndex, to: r.lowerBound)
                let end = start + utf8.distance(from: r.lowerBound, to: r.upperBound)
                let token = UnsafeBufferPointer(rebasing: bytes[start..<end])
                if token.count < 16 {
                    var key = UInt128(token.count)
                    for byte in token { key = key << 8 | UInt128(byte) }
                    if let n = short[key] { return n }
                    let n = info.count
                    short[key] = n
                    info.append(TokenInfo(text[r]))
                    return n
                }
                let key = ByteKey(bytes: Array(token))
                if let n = long[key] { return n }
                let n = info.count
                long[key] = n
                info.append(TokenInfo(text[r]))
                return n
            }
        }
    }
}

// MARK: - Word diff

/// Word-level diff of two texts: Myers' O(ND) algorithm in linear space over
/// interned token numbers (``SequenceDiff``), then the semantic cleanup of
/// ``WordEdit``, so that the runs read as a person would describe the edit.
enum WordDiff {
    /// The runs that turn `old` into `new`, cleaned up to `level` (tests compare the levels).
    static func changes(from old: String, to new: String, cleanup level: WordEdit.Cleanup = .full) -> [TextChange] {
        if old == new { return old.isEmpty ? [] : [TextChange(op: .equal, text: old)] }
        if old.isEmpty { return [TextChange(op: .insert, text: new)] }
        if new.isEmpty { return [TextChange(op: .delete, text: old)] }
        let oldRanges = WordTokens.ranges(of: old)
        let newRanges = WordTokens.ranges(of: new)
        var table = TokenTable(capacity: (oldRanges.count + newRanges.count) / 4)
        let a = table.numbers(old, oldRanges)
        let b = table.numbers(new, newRanges)
        var edit = WordEdit(a: a, b: b, info: table.info, script: SequenceDiff.script(a, b))
        edit.cleanUp(level)
        func text(_ s: String, _ ranges: [Range<String.Index>], _ r: Range<Int>) -> String {
            String(s.unicodeScalars[ranges[r.lowerBound].lowerBound..<ranges[r.upperBound - 1].upperBound])
        }
        var out: [TextChange] = []
        out.reserveCapacity(edit.blocks.count * 3 / 2)
        for block in edit.blocks {
            if block.isEqual {
                out.append(TextChange(op: .equal, text: text(new, newRanges, block.new)))
                continue
            }
            if !block.old.isEmpty { out.append(TextChange(op: .delete, text: text(old, oldRanges, block.old))) }
            if !block.new.isEmpty { out.append(TextChange(op: .insert, text: text(new, newRanges, block.new))) }
        }
        return out
    }
}

/// Bytes as a dictionary key, hashed in one call: `[UInt8]`'s own hashing feeds the hasher a byte
/// at a time, which showed as a twentieth of a whole-process diff.
struct ByteKey: Hashable {
    var bytes: [UInt8]

    func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }
}
