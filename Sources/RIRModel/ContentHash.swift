import CCrypto

/// Folding rules for the content hash: what is *not* content.
///
/// Whitespace runs (including NBSP and other Unicode spaces) become one space and
/// are trimmed; typographic apostrophes and quotation marks become their ASCII
/// forms. The stored text keeps them as they were; only the hash folds them.
///
/// Works on UTF-8 bytes: ASCII is copied as it is, and only the few multi-byte
/// sequences that fold are looked at, so folding costs about one pass over the text.
public enum ContentFolding {
    /// `text` with whitespace runs collapsed to one space, trimmed, and quote variants folded.
    public static func fold(_ text: some StringProtocol) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        append(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the folded UTF-8 of `text` to `out`.
    public static func append(_ text: some StringProtocol, to out: inout [UInt8]) {
        if text.utf8.withContiguousStorageIfAvailable({ append($0, to: &out) }) != nil { return }
        Array(text.utf8).withUnsafeBufferPointer { append($0, to: &out) }
    }

    /// Appends the folded form of UTF-8 `bytes` to `out`, working over the bytes in place: runs of
    /// printable ASCII are copied whole, and only multi-byte sequences are decoded (to fold the
    /// Unicode spaces and the quote variants).
    static func append(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        let start = out.count
        var pendingSpace = false
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte > 0x20 && byte < 0x7F {
                var end = index + 1
                while end < count, bytes[end] > 0x20, bytes[end] < 0x7F { end += 1 }
                if pendingSpace { out.append(0x20); pendingSpace = false }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<end]))
                index = end
                continue
            }
            if byte < 0x80 {
                if (0x09...0x0D).contains(byte) || byte == 0x20 {
                    pendingSpace = out.count > start
                } else {
                    if pendingSpace { out.append(0x20); pendingSpace = false }
                    out.append(byte)
                }
                index += 1
                continue
            }
            // A multi-byte sequence: its continuation bytes, then fold it if it is a space or a quote variant.
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
            var end = index + 1
            while end < count, end - index < length, bytes[end] & 0xC0 == 0x80 { end += 1 }
            let sequence = UnsafeBufferPointer(rebasing: bytes[index..<end])
            switch fold(sequence) {
            case .space:
                pendingSpace = out.count > start
            case .replace(let ascii):
                if pendingSpace { out.append(0x20); pendingSpace = false }
                out.append(ascii)
            case .keep:
                if pendingSpace { out.append(0x20); pendingSpace = false }
                out.append(contentsOf: sequence)
            }
            index = end
        }
    }

    /// Calls `body` with each paragraph of `bytes` as ``Section/paragraphs`` splits a section's
    /// text: at each blank line (`"\n\n"`), empty pieces left out.
    static func forEachParagraph(of bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var start = 0
        var index = 0
        let count = bytes.count
        while index < count {
            if bytes[index] == 0x0A, index + 1 < count, bytes[index + 1] == 0x0A {
                if start != index { body(UnsafeBufferPointer(rebasing: bytes[start..<index])) }
                index += 2
                start = index
            } else {
                index += 1
            }
        }
        if start != count { body(UnsafeBufferPointer(rebasing: bytes[start..<count])) }
    }

    private enum Folded { case space, replace(UInt8), keep }

    private static func fold(_ s: UnsafeBufferPointer<UInt8>) -> Folded {
        guard let scalar = decode(s) else { return .keep }
        if isSpace(scalar) { return .space }
        switch scalar.value {
        case 0x2018, 0x2019, 0x02BC, 0x201B, 0x2032: return .replace(UInt8(ascii: "'"))
        case 0x201C, 0x201D, 0x201F, 0x2033: return .replace(UInt8(ascii: "\""))
        default: return .keep
        }
    }

    private static func decode(_ s: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        var value: UInt32
        switch s.count {
        case 2: value = UInt32(s[0] & 0x1F) << 6 | UInt32(s[1] & 0x3F)
        case 3: value = UInt32(s[0] & 0x0F) << 12 | UInt32(s[1] & 0x3F) << 6 | UInt32(s[2] & 0x3F)
        case 4:
            value = UInt32(s[0] & 0x07) << 18 | UInt32(s[1] & 0x3F) << 12 | UInt32(s[2] & 0x3F) << 6
                | UInt32(s[3] & 0x3F)
        default: return nil
        }
        return Unicode.Scalar(value)
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
}

extension Report {
    /// The canonical UTF-8 text the content hash is computed from: every field of the
    /// normalized content, folded by ``ContentFolding``, in a fixed order with
    /// explicit separators so that moving text between fields changes it.
    public var canonicalBytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(sections.reduce(4096) { $0 + $1.text.utf8.count + 64 })
        func field(_ name: StaticString, _ value: some StringProtocol) {
            out.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
            out.append(0x1F)
            ContentFolding.append(value, to: &out)
            out.append(0x1E)
        }
        field("id", id.description)
        field("published", published.iso)
        field("title", title)
        field("author", author)
        for base in replaces { field("replaces", base) }
        for section in sections {
            field("section", "\(section.number ?? "")\u{1D}\(section.heading ?? "")")
            // Section.paragraphs' split, over the bytes in place (it made a Substring per paragraph).
            var text = section.text
            text.withUTF8 { bytes in
                ContentFolding.forEachParagraph(of: bytes) { paragraph in
                    out.append(contentsOf: [0x70, 0x1F])
                    ContentFolding.append(paragraph, to: &out)
                    out.append(0x1E)
                }
            }
        }
        if let closing { field("closing", closing) }
        for note in notes { field("note", note) }
        for reference in references { field("reference", reference) }
        for source in additionalSources { field("additional", source) }
        return out
    }

    /// Hex SHA-256 of ``canonicalBytes``: equal for captures that differ only in
    /// what is not content, different for any change of words, headings, notes or references.
    public var contentHash: String {
        SHA256Hex.digest(of: canonicalBytes)
    }
}

/// Lower-case hex SHA-256 of bytes.
public enum SHA256Hex {
    /// Hex SHA-256 of `bytes`.
    public static func digest(of bytes: some Sequence<UInt8>) -> String {
        hex(raw(Array(bytes)))
    }

    /// Hex SHA-256 of `bytes`, without copying them.
    public static func digest(of bytes: [UInt8]) -> String {
        hex(raw(bytes))
    }

    /// Hex HMAC-SHA256 of `message` under `key` (RFC 2104), from the system's libcrypto: the
    /// signature of a webhook body.
    public static func hmac(key: [UInt8], message: [UInt8]) -> String {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let result = key.withUnsafeBufferPointer { key in
            message.withUnsafeBufferPointer { message in
                digest.withUnsafeMutableBufferPointer { output in
                    HMAC(EVP_sha256(), key.baseAddress, Int32(key.count), message.baseAddress, message.count,
                         output.baseAddress, &length)
                }
            }
        }
        precondition(result != nil && length == 32, "libcrypto HMAC-SHA256 failed")
        return hex(digest.prefix(32))
    }

    /// Lower-case hex of `bytes`.
    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex = ""
        for byte in bytes {
            hex.unicodeScalars.append(Unicode.Scalar(digits[Int(byte >> 4)]))
            hex.unicodeScalars.append(Unicode.Scalar(digits[Int(byte & 0x0F)]))
        }
        return hex
    }

    /// The 32 bytes of SHA-256 of `bytes`, from the system's libcrypto (`EVP_Digest`).
    public static func raw(_ bytes: [UInt8]) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let ok = bytes.withUnsafeBufferPointer { input in
            digest.withUnsafeMutableBufferPointer { output in
                EVP_Digest(input.baseAddress, input.count, output.baseAddress, &length, EVP_sha256(), nil)
            }
        }
        // EVP_Digest fails only when libcrypto cannot allocate a context: nothing can go on then.
        precondition(ok == 1 && length == 32, "libcrypto SHA-256 failed")
        return Array(digest.prefix(32))
    }
}
