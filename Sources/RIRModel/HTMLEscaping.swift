/// HTML text escaping shared by every renderer that writes HTML by hand (the diff pages, search
/// snippets): `&`, `<`, `>`, `"` and `'` become character references, everything else is kept.
public enum HTMLEscaping {
    /// Appends `scalar` to `out`, escaped.
    public static func append(_ scalar: Unicode.Scalar, to out: inout String) {
        switch scalar {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.unicodeScalars.append(scalar)
        }
    }
}
