/// Splits decoded text into normalized paragraphs.
///
/// CRLF and CR become line breaks; every run of white space inside a line
/// (NBSP and the other Unicode spaces included) becomes one space; leading and
/// trailing blanks are dropped. A non-blank line is one paragraph, so blank
/// lines only separate.
enum TextLines {
    /// The non-blank lines of `utf8`, normalized.
    ///
    /// Works over the bytes in place: a line that needs no normalizing (the common case: single
    /// ASCII spaces between words, nothing at either end) becomes a string straight from its bytes;
    /// only the others are rebuilt byte by byte.
    static func paragraphs(_ utf8: [UInt8]) -> [String] {
        utf8.withUnsafeBufferPointer { bytes in
            var result: [String] = []
            result.reserveCapacity(bytes.count / 128)
            var scratch: [UInt8] = []
            scratch.reserveCapacity(4096)
            let count = bytes.count
            var start = 0
            while start < count {
                // One pass finds the line's end and whether it is already normal.
                var end = start
                var normal = true
                var previousSpace = true // a blank at the start is not normal
                while end < count {
                    let byte = bytes[end]
                    if byte > 0x20 {
                        if byte >= 0xC2, normal, isSpaceLead(byte), spaceWidth(bytes, at: end) != nil { normal = false }
                        previousSpace = false
                    } else if byte == 0x20 {
                        if previousSpace { normal = false }
                        previousSpace = true
                    } else if byte == 0x0A || byte == 0x0D {
                        break
                    } else {
                        if byte == 0x09 || byte == 0x0B || byte == 0x0C { normal = false }
                        previousSpace = false
                    }
                    end += 1
                }
                if end > start {
                    let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
                    if normal, !previousSpace {
                        result.append(String(decoding: line, as: UTF8.self))
                    } else {
                        normalize(line, into: &scratch)
                        if !scratch.isEmpty { result.append(String(decoding: scratch, as: UTF8.self)) }
                    }
                }
                if end < count {
                    end += bytes[end] == 0x0D && end + 1 < count && bytes[end + 1] == 0x0A ? 2 : 1
                }
                start = end
            }
            return result
        }
    }

    /// The normalized bytes of a line: white-space runs as one space, none at either end.
    private static func normalize(_ line: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        out.removeAll(keepingCapacity: true)
        var pendingSpace = false
        var index = 0
        while index < line.count {
            let byte = line[index]
            if byte == 0x20 || byte == 0x09 || byte == 0x0B || byte == 0x0C {
                pendingSpace = !out.isEmpty
                index += 1
                continue
            }
            if byte >= 0x80, let width = spaceWidth(line, at: index) {
                pendingSpace = !out.isEmpty
                index += width
                continue
            }
            if pendingSpace { out.append(0x20); pendingSpace = false }
            out.append(byte)
            index += 1
        }
    }

    /// The lead bytes of the multi-byte spaces ``spaceWidth(_:at:)`` knows.
    private static func isSpaceLead(_ byte: UInt8) -> Bool {
        byte == 0xC2 || byte == 0xE1 || byte == 0xE2 || byte == 0xE3 || byte == 0xEF
    }

    /// The byte length of a white-space character at `index` that is not a line
    /// break (the set of ``RIRModel/ContentFolding/isSpace(_:)``), or nil.
    static func spaceWidth<Bytes: RandomAccessCollection<UInt8>>(_ b: Bytes, at i: Int) -> Int? where Bytes.Index == Int {
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
    static func breakWidth<Bytes: RandomAccessCollection<UInt8>>(_ b: Bytes, at i: Int) -> Int? where Bytes.Index == Int {
        b[i] == 0x0A || b[i] == 0x0D ? 1 : nil
    }
}
