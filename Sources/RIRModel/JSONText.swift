/// JSON text pieces shared by every renderer that writes JSON by hand (to keep keys
/// in their contract order).
public enum JSONText {
    /// `text` as a JSON string literal (RFC 8259): quotes, backslashes and control
    /// characters escaped (and U+2028/U+2029, for JavaScript), everything else kept as UTF-8.
    /// The result is also a valid YAML double-quoted scalar.
    public static func quoted(_ text: some StringProtocol) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0x2028
                || scalar.value == 0x2029:
                let hex = String(scalar.value, radix: 16, uppercase: false)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
