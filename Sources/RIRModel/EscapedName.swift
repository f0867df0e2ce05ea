/// File names (and other untrusted text) made safe for one line of a log, a `.reason` file or a
/// terminal: control characters are written as escapes, never raw, so a name cannot forge a line
/// or move the cursor.
///
/// `\n`, `\r` and `\t` keep their usual escapes; other C0 controls, DEL, the C1 controls
/// (U+0080–U+009F, as their UTF-8 bytes) and bytes that are not valid UTF-8 become `\xNN`;
/// a backslash is doubled so that the escaped form reads back unambiguously. Everything else,
/// accented letters included, is kept as it is.
public enum EscapedName {
    /// The escaped form of a name that is valid Unicode.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars { append(scalar, to: &out) }
        return out
    }

    /// The escaped form of a name as raw bytes (a directory entry), valid UTF-8 or not.
    public static func escape(bytes: some Collection<UInt8>) -> String {
        let bytes = Array(bytes)
        var out = ""
        var index = 0
        while index < bytes.count {
            if let (scalar, width) = scalar(in: bytes, at: index) {
                append(scalar, to: &out)
                index += width
            } else {
                out += hex(bytes[index])
                index += 1
            }
        }
        return out
    }

    /// Whether a name needs no escaping.
    public static func isPlain(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { !needsEscape($0) && $0 != "\\" }
    }

    // MARK: - Parts

    /// The scalar encoded at `index`, when the bytes there are one valid UTF-8 sequence.
    private static func scalar(in bytes: [UInt8], at index: Int) -> (Unicode.Scalar, Int)? {
        let lead = bytes[index]
        let width: Int
        switch lead {
        case 0x00...0x7F: return (Unicode.Scalar(lead), 1)
        case 0xC2...0xDF: width = 2
        case 0xE0...0xEF: width = 3
        case 0xF0...0xF4: width = 4
        default: return nil
        }
        guard index + width <= bytes.count else { return nil }
        var decoder = UTF8()
        var iterator = bytes[index..<(index + width)].makeIterator()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { return nil }
        return (scalar, width)
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
    }

    private static func append(_ scalar: Unicode.Scalar, to out: inout String) {
        switch scalar {
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case "\\": out += "\\\\"
        default:
            if needsEscape(scalar) {
                for byte in UTF8.encode(scalar)! { out += hex(byte) }
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return "\\x\(digits[Int(byte >> 4)])\(digits[Int(byte & 0x0F)])"
    }
}
