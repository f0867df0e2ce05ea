/// The absolute URLs of the `<a href>` links on a listing page whose resolved URL
/// matches `pattern` (a regular expression searched anywhere in the URL), in
/// document order, one per canonical page identity.
///
/// Links are resolved against `baseURL`, or against the page's first `<base href>`.
/// Comments, `script` and `style` content are skipped; `&amp;` and the other
/// character references in an `href` are decoded; links that are not `http`/`https`
/// (`mailto:`, `javascript:`) are left out.
public func discoverLinks(in html: [UInt8], baseURL: String, pattern: String) throws(FetchError) -> [String] {
    let regex: Regex<AnyRegexOutput>
    do {
        regex = try Regex(pattern)
    } catch {
        throw .invalidPattern(pattern, cause: "\(error)")
    }
    var base = try SourceURL(baseURL)
    var sawBase = false
    var seen: Set<String> = []
    var links: [String] = []
    for tag in AnchorScanner(html) {
        guard let href = tag.href, let resolved = try? base.resolving(href) else { continue }
        if tag.isBase {
            if !sawBase { base = resolved }
            sawBase = true
            continue
        }
        let url = resolved.string
        guard url.contains(regex), seen.insert(resolved.canonical).inserted else { continue }
        links.append(url)
    }
    return links
}

// MARK: - Scanning

/// The `<a>` and `<base>` tags of an HTML document with their `href`, found by a byte scan.
struct AnchorScanner: Sequence, IteratorProtocol {
    /// One `<a>` or `<base>` tag.
    struct Tag {
        var isBase: Bool
        /// The decoded `href` value, nil when the tag has none.
        var href: String?
    }

    private static let nameEnds: Set<UInt8> = [UInt8(ascii: "="), UInt8(ascii: ">"), UInt8(ascii: "/")]
    private let bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func next() -> Tag? {
        while let open = position(of: UInt8(ascii: "<"), from: index) {
            index = open + 1
            if hasPrefix("!--", at: index) {
                index = end(of: "-->", from: index + 3)
                continue
            }
            let name = tagName(at: index)
            index += name.count
            switch name {
            case "script", "style":
                index = end(of: "</\(name)", from: index)
            case "a", "base":
                let href = attributes()["href"].map(decodingCharacterReferences)
                return Tag(isBase: name == "base", href: href)
            default:
                continue
            }
        }
        return nil
    }

    // MARK: Tags and attributes

    private func tagName(at start: Int) -> String {
        var end = start
        while end < bytes.count, isNameByte(bytes[end]) { end += 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self).lowercased()
    }

    /// Reads the attributes up to the end of the tag; names are lower-cased, the first of a repeated name wins.
    private mutating func attributes() -> [String: [UInt8]] {
        var found: [String: [UInt8]] = [:]
        while index < bytes.count {
            skipBlanks()
            guard index < bytes.count else { break }
            let byte = bytes[index]
            if byte == UInt8(ascii: ">") { index += 1; break }
            if byte == UInt8(ascii: "/") { index += 1; continue }
            // A name runs to a blank, `=`, `>` or `/`, and takes at least one byte (so `<a =x>` ends).
            let nameStart = index
            index += 1
            while index < bytes.count, !isBlank(bytes[index]), !Self.nameEnds.contains(bytes[index]) {
                index += 1
            }
            let name = String(decoding: bytes[nameStart..<index], as: UTF8.self).lowercased()
            skipBlanks()
            var value: [UInt8] = []
            if index < bytes.count, bytes[index] == UInt8(ascii: "=") {
                index += 1
                skipBlanks()
                value = attributeValue()
            }
            if found[name] == nil { found[name] = value }
        }
        return found
    }

    private mutating func attributeValue() -> [UInt8] {
        guard index < bytes.count else { return [] }
        let quote = bytes[index]
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            let close = position(of: quote, from: index + 1) ?? bytes.count
            defer { index = Swift.min(close + 1, bytes.count) }
            return Array(bytes[(index + 1)..<close])
        }
        let start = index
        while index < bytes.count, !isBlank(bytes[index]), bytes[index] != UInt8(ascii: ">") { index += 1 }
        return Array(bytes[start..<index])
    }

    private mutating func skipBlanks() {
        while index < bytes.count, isBlank(bytes[index]) { index += 1 }
    }

    // MARK: Bytes

    private func position(of byte: UInt8, from start: Int) -> Int? {
        guard start < bytes.count else { return nil }
        return bytes[start...].firstIndex(of: byte)
    }

    private func hasPrefix(_ text: String, at start: Int) -> Bool {
        let needle = Array(text.utf8)
        guard start + needle.count <= bytes.count else { return false }
        return zip(bytes[start..<(start + needle.count)], needle).allSatisfy { lowercase($0) == lowercase($1) }
    }

    /// The index just past the first case-insensitive `text` from `start`, or the end of the document.
    private func end(of text: String, from start: Int) -> Int {
        var cursor = start
        let first = text.utf8.first ?? 0
        while let candidate = position(of: first, from: cursor) {
            if hasPrefix(text, at: candidate) { return candidate + text.utf8.count }
            cursor = candidate + 1
        }
        return bytes.count
    }

    private func isNameByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(lowercase(byte))
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
    }

    private func lowercase(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }
}

// MARK: - Character references

/// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&#NN;` and `&#xHH;` decoded; anything else kept as written.
func decodingCharacterReferences(_ bytes: [UInt8]) -> String {
    let text = String(decoding: bytes, as: UTF8.self)
    guard text.contains("&") else { return text }
    let named: [Substring: String] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}"]
    var output = ""
    var rest = Substring(text)
    while let ampersand = rest.firstIndex(of: "&") {
        output += rest[..<ampersand]
        let afterAmpersand = rest[rest.index(after: ampersand)...]
        guard let semicolon = afterAmpersand.prefix(10).firstIndex(of: ";") else {
            output += "&"
            rest = afterAmpersand
            continue
        }
        let name = afterAmpersand[..<semicolon]
        var replacement: String?
        if let value = named[name] {
            replacement = value
        } else if name.hasPrefix("#x") || name.hasPrefix("#X") {
            replacement = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
        } else if name.hasPrefix("#") {
            replacement = UInt32(name.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init).map { String($0) }
        }
        if let replacement {
            output += replacement
            rest = afterAmpersand[afterAmpersand.index(after: semicolon)...]
        } else {
            output += "&"
            rest = afterAmpersand
        }
    }
    output += rest
    return output
}
