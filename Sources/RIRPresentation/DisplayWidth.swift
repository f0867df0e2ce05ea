/// How many terminal columns text takes, close enough for aligned tables:
/// one per user-perceived character (so `é`, composed or not, is one), two for
/// East Asian wide and fullwidth characters and emoji, none for control characters.
enum DisplayWidth {
    /// The width of `text` in terminal columns.
    static func of(_ text: some StringProtocol) -> Int {
        // Printable ASCII is one column a byte: the common case, without Unicode property look-ups.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }
        return narrowWidth(text) ?? text.reduce(0) { $0 + of($1) }
    }

    /// The width of `text` when each of its scalars is a character one column wide, else nil.
    ///
    /// Latin text (French titles) and the punctuation around it: printable ASCII, U+00A0…U+02FF
    /// but the soft hyphen, and U+2010…U+2027 (dashes, quotes, `…`) take one column a scalar, and
    /// none of them joins the scalar before it into one character (combining marks start at
    /// U+0300), so the scalars can be counted without grapheme breaking. Read from the UTF-8
    /// bytes, which a `String` holds valid.
    static func narrowWidth(_ text: some StringProtocol) -> Int? {
        text.utf8.withContiguousStorageIfAvailable { narrowWidth(utf8: $0) } ?? narrowWidth(utf8: Array(text.utf8))
    }

    private static func narrowWidth(utf8 bytes: some RandomAccessCollection<UInt8>) -> Int? {
        var count = 0
        var index = bytes.startIndex
        func next() -> UInt8? {
            guard index < bytes.endIndex else { return nil }
            defer { bytes.formIndex(after: &index) }
            return bytes[index]
        }
        while let byte = next() {
            switch byte {
            case 0x20..<0x7F: break
            case 0xC2:  // U+0080…U+00BF: C1 controls below U+00A0, the soft hyphen U+00AD
                guard let second = next(), second >= 0xA0, second != 0xAD else { return nil }
            case 0xC3...0xCB:  // U+00C0…U+02FF
                guard next() != nil else { return nil }
            case 0xE2:  // U+2010…U+2027 are E2 80 90…A7
                guard next() == 0x80, let third = next(), (0x90...0xA7).contains(third) else { return nil }
            default:
                return nil
            }
            count += 1
        }
        return count
    }

    /// A narrow text (``narrowWidth(_:)`` is `width` columns) cut to at most `limit` columns,
    /// ending in `…` when something was cut, with its width.
    static func fittedNarrow(_ text: String, width: Int, to limit: Int) -> (text: String, width: Int) {
        guard limit > 0 else { return ("", 0) }
        guard width > limit else { return (text, width) }
        // Keep the first limit - 1 scalars: cut the bytes before the lead byte of the next one.
        let utf8 = text.utf8
        var cut = utf8.endIndex
        if width == utf8.count {
            cut = utf8.index(utf8.startIndex, offsetBy: limit - 1)  // ASCII: a byte a scalar
        } else {
            var scalars = 0
            for index in utf8.indices where utf8[index] & 0xC0 != 0x80 {
                if scalars == limit - 1 { cut = index; break }
                scalars += 1
            }
        }
        return (String(decoding: utf8[..<cut], as: UTF8.self) + "…", limit)
    }

    /// The width of one character in terminal columns.
    static func of(_ character: Character) -> Int {
        guard let first = character.unicodeScalars.first else { return 0 }
        let value = first.value
        if value >= 0x20, value < 0x7F, character.unicodeScalars.count == 1 { return 1 }
        if value < 0x20 || (0x7F..<0xA0).contains(value) { return 0 }
        if first.properties.generalCategory == .nonspacingMark
            || first.properties.generalCategory == .format { return 0 }
        if isWide(value) || character.unicodeScalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        return 1
    }

    /// East Asian Wide (W) and Fullwidth (F) blocks, and the main emoji blocks.
    private static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3,
             0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1, 0x26AA...0x26AB,
             0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE, 0x26D4, 0x26EA, 0x26F2...0x26F3, 0x26F5, 0x26FA,
             0x26FD, 0x2705, 0x270A...0x270B, 0x2728, 0x274C, 0x274E, 0x2753...0x2755, 0x2757,
             0x2795...0x2797, 0x27B0, 0x27BF, 0x2B1B...0x2B1C, 0x2B50, 0x2B55,
             0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
             0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F004, 0x1F0CF, 0x1F18E, 0x1F191...0x1F19A,
             0x1F200...0x1F251, 0x1F300...0x1F64F, 0x1F680...0x1F6FF, 0x1F900...0x1F9FF,
             0x1FA70...0x1FAFF, 0x20000...0x3FFFD:
            true
        default:
            false
        }
    }

    /// `text` cut to at most `width` columns (ending in `…` when something was cut), with the
    /// width of what remains.
    static func fitted(_ text: String, to width: Int) -> (text: String, width: Int) {
        guard width > 0 else { return ("", 0) }
        if let narrow = narrowWidth(text) { return fittedNarrow(text, width: narrow, to: width) }
        let full = of(text)
        guard full > width else { return (text, full) }
        var kept = ""
        var used = 0
        for character in text {
            let w = of(character)
            if used + w > width - 1 { break }
            kept.append(character)
            used += w
        }
        return (kept + "…", used + 1)
    }
}
