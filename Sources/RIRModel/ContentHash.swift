import Crypto

/// Folding rules for the content hash: what is *not* content.
///
/// Whitespace runs (including NBSP and other Unicode spaces) become one space and
/// are trimmed; typographic apostrophes and quotation marks become their ASCII
/// forms. The stored text keeps them as they were; only the hash folds them.
public enum ContentFolding {
    /// `text` with whitespace runs collapsed to one space, trimmed, and quote variants folded.
    public static func fold(_ text: some StringProtocol) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if isSpace(scalar) {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(" "); pendingSpace = false }
            out.append(foldQuote(scalar))
        }
        return String(out)
    }

    /// Whether a scalar counts as white space for content purposes (NBSP included).
    public static func isSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200B, 0x2028, 0x2029, 0x202F, 0x205F,
             0x3000, 0xFEFF:
            true
        default:
            false
        }
    }

    private static func foldQuote(_ s: Unicode.Scalar) -> Unicode.Scalar {
        switch s.value {
        case 0x2018, 0x2019, 0x02BC, 0x201B, 0x2032: "'"
        case 0x201C, 0x201D, 0x201F, 0x2033: "\""
        default: s
        }
    }
}

extension Report {
    /// The canonical text the content hash is computed from: every field of the
    /// normalized content, folded by ``ContentFolding``, in a fixed order with
    /// explicit separators so that moving text between fields changes it.
    public var canonicalText: String {
        var out = ""
        func field(_ name: String, _ value: String) {
            out += name
            out += "\u{1F}"
            out += ContentFolding.fold(value)
            out += "\u{1E}"
        }
        field("id", id.description)
        field("published", published.iso)
        field("title", title)
        field("author", author)
        for base in replaces { field("replaces", base) }
        for section in sections {
            field("section", "\(section.number ?? "")\u{1D}\(section.heading ?? "")")
            for paragraph in section.paragraphs { field("p", String(paragraph)) }
        }
        if let closing { field("closing", closing) }
        for note in notes { field("note", note) }
        for reference in references { field("reference", reference) }
        for source in additionalSources { field("additional", source) }
        return out
    }

    /// Hex SHA-256 of ``canonicalText``: equal for captures that differ only in
    /// what is not content, different for any change of words, headings, notes or references.
    public var contentHash: String {
        SHA256Hex.digest(of: Array(canonicalText.utf8))
    }
}

/// Lower-case hex SHA-256 of bytes.
public enum SHA256Hex {
    /// Hex SHA-256 of `bytes`.
    public static func digest(of bytes: some Sequence<UInt8>) -> String {
        let digest = SHA256.hash(data: Array(bytes))
        var hex = ""
        hex.reserveCapacity(64)
        let digits = Array("0123456789abcdef".utf8)
        for byte in digest {
            hex.unicodeScalars.append(Unicode.Scalar(digits[Int(byte >> 4)]))
            hex.unicodeScalars.append(Unicode.Scalar(digits[Int(byte & 0x0F)]))
        }
        return hex
    }
}
