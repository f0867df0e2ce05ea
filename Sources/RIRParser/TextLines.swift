/// Splits decoded text into normalized paragraphs.
///
/// CRLF and CR become line breaks; every run of white space inside a line
/// (NBSP and the other Unicode spaces included) becomes one space; leading and
/// trailing blanks are dropped. A non-blank line is one paragraph, so blank
/// lines only separate.
enum TextLines {
    /// The non-blank lines of `utf8`, normalized.
    static func paragraphs(_ utf8: [UInt8]) -> [String] {
        var result: [String] = []
        var line: [UInt8] = []
        line.reserveCapacity(4096)
        var pendingSpace = false
        var index = 0
        let count = utf8.count
        func endLine() {
            if !line.isEmpty { result.append(String(decoding: line, as: UTF8.self)) }
            line.removeAll(keepingCapacity: true)
            pendingSpace = false
        }
        while index < count {
            let byte = utf8[index]
            if byte == 0x0A { endLine(); index += 1; continue }
            if byte == 0x0D {
                endLine()
                index += (index + 1 < count && utf8[index + 1] == 0x0A) ? 2 : 1
                continue
            }
            if byte == 0x20 || byte == 0x09 || byte == 0x0B || byte == 0x0C {
                pendingSpace = !line.isEmpty
                index += 1
                continue
            }
            if byte >= 0x80, let width = spaceWidth(utf8, at: index) {
                pendingSpace = !line.isEmpty
                index += width
                continue
            }
            if pendingSpace { line.append(0x20); pendingSpace = false }
            line.append(byte)
            index += 1
        }
        endLine()
        return result
    }

    /// The byte length of a white-space character at `index` that is not a line
    /// break (the set of ``RIRModel/ContentFolding/isSpace(_:)``), or nil.
    static func spaceWidth(_ b: [UInt8], at i: Int) -> Int? {
        let byte = b[i]
        switch byte {
        case 0x09, 0x0B, 0x0C, 0x20:
            return 1
        case 0xC2:
            guard i + 1 < b.count else { return nil }
            return b[i + 1] == 0xA0 || b[i + 1] == 0x85 ? 2 : nil
        case 0xE1:
            guard i + 2 < b.count else { return nil }
            return b[i + 1] == 0x9A && b[i + 2] == 0x80 ? 3 : nil
        case 0xE2:
            guard i + 2 < b.count else { return nil }
            switch (b[i + 1], b[i + 2]) {
            case (0x80, 0x80...0x8B), (0x80, 0xA8), (0x80, 0xA9), (0x80, 0xAF), (0x81, 0x9F): return 3
            default: return nil
            }
        case 0xE3:
            guard i + 2 < b.count else { return nil }
            return b[i + 1] == 0x80 && b[i + 2] == 0x80 ? 3 : nil
        case 0xEF:
            guard i + 2 < b.count else { return nil }
            return b[i + 1] == 0xBB && b[i + 2] == 0xBF ? 3 : nil
        default:
            return nil
        }
    }

    /// The byte length of a line break (LF or CR) at `index`, or nil.
    static func breakWidth(_ b: [UInt8], at i: Int) -> Int? {
        b[i] == 0x0A || b[i] == 0x0D ? 1 : nil
    }
}
