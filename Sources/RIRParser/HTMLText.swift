import CLibXML2

/// Block-level text of an HTML page, for the line-based report reader.
///
/// The page is parsed with libxml2's recovering HTML parser (entities decoded,
/// no network). Each block (heading, paragraph, list item, table cell, definition,
/// quotation, or bare text of a `div`) becomes one line, separated by a blank
/// line; `br` breaks a line inside a block. Only the main content is read, and the
/// chrome ``HTMLChrome`` names (scripts, styles, navigation, GCWeb and WET 3 page
/// furniture, form controls, visually hidden text, the Wayback Machine toolbar) and
/// comments are dropped; a `form` itself is read, since SharePoint wraps whole pages in one.
enum HTMLText {
    // MARK: - Detection

    private static let tagsForDetection: [[UInt8]] = [
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "table", "tr", "td", "br",
        "body", "head", "title", "section", "article", "main", "meta", "span", "a",
    ].map { Array($0.utf8) }

    /// Whether `utf8` is an HTML page: it starts with `<!DOCTYPE html` or `<html` (after
    /// white space and comments), or has at least three HTML tags in its first 4 KiB.
    ///
    /// Byte-level, over the first 4 KiB in place: it runs on every capture, and the
    /// `String` searches it replaced were a third of the time of parsing a plain-text report.
    static func isHTML(_ utf8: [UInt8]) -> Bool {
        utf8.withUnsafeBufferPointer { all in
            let head = UnsafeBufferPointer(rebasing: all.prefix(4096))
            var start = 0
            while start < head.count, let width = leadingSpaceWidth(head, at: start) { start += width }
            if startsCaseless(head, at: start, with: "<!doctype html") || startsCaseless(head, at: start, with: "<html") {
                return true
            }
            if startsCaseless(head, at: start, with: "<?xml") || startsCaseless(head, at: start, with: "<!--"),
               containsCaseless(head, "<html") {
                return true
            }
            var tags = 0
            var index = 0
            while index < head.count {
                defer { index += 1 }
                guard head[index] == UInt8(ascii: "<") else { continue }
                var end = index + 1
                while end < head.count, end - index <= 8, isTagNameByte(head[end] | lowerCaseBit(head[end])) { end += 1 }
                guard end < head.count, end > index + 1,
                      head[end] == UInt8(ascii: ">") || head[end] == UInt8(ascii: " ") || head[end] == UInt8(ascii: "/")
                else { continue }
                let name = UnsafeBufferPointer(rebasing: head[(index + 1)..<end])
                if tagsForDetection.contains(where: { $0.count == name.count && startsCaseless(name, at: 0, with: $0) }) {
                    tags += 1
                    if tags >= 3 { return true }
                }
            }
            return false
        }
    }

    /// The width of the white space (as `Character.isWhitespace` sees it at the start of a
    /// page: ASCII blanks and line breaks, NBSP, the Unicode spaces, a byte-order mark) at `index`.
    private static func leadingSpaceWidth(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        if bytes[index] == 0x0A || bytes[index] == 0x0D { return 1 }
        return TextLines.spaceWidth(bytes, at: index)
    }

    /// 0x20 for an ASCII capital letter (its lower-case bit), else 0.
    private static func lowerCaseBit(_ byte: UInt8) -> UInt8 { (0x41...0x5A).contains(byte) ? 0x20 : 0 }

    /// Whether `bytes` has `prefix` (lower-case ASCII) at `index`, ignoring ASCII case.
    private static func startsCaseless(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int,
                                       with prefix: some Collection<UInt8>) -> Bool {
        guard bytes.count - index >= prefix.count else { return false }
        var position = index
        for expected in prefix {
            let byte = bytes[position]
            if byte | lowerCaseBit(byte) != expected { return false }
            position += 1
        }
        return true
    }

    private static func startsCaseless(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, with prefix: StaticString) -> Bool {
        startsCaseless(bytes, at: index, with: UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount))
    }

    /// Whether `needle` (lower-case ASCII) occurs in `bytes`, ignoring ASCII case.
    private static func containsCaseless(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: StaticString) -> Bool {
        let count = needle.utf8CodeUnitCount
        guard bytes.count >= count else { return false }
        return (0...(bytes.count - count)).contains { startsCaseless(bytes, at: $0, with: needle) }
    }

    private static func isTagNameByte(_ byte: UInt8) -> Bool {
        (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
    }

    // MARK: - Extraction

    /// libxml2 wants one `xmlInitParser()` before use from several threads; a static `let`
    /// runs it exactly once.
    private static let libraryReady: Void = xmlInitParser()

    /// The page's block text as UTF-8 lines; nil when libxml2 builds no document.
    ///
    /// Only the page's main content is read (see ``HTMLChrome/mainContent(of:)``), with
    /// the chrome inside it dropped.
    static func blocks(_ utf8: [UInt8]) -> [UInt8]? {
        _ = libraryReady
        guard utf8.count < Int(Int32.max) else { return nil }
        let options = Int32(bitPattern: HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue
            | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue)
        let document: htmlDocPtr? = utf8.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                htmlReadMemory(chars.baseAddress, Int32(chars.count), nil, "UTF-8", options)
            }
        }
        guard let document else { return nil }
        defer { xmlFreeDoc(document) }
        var extraction = BlockExtraction()
        if let main = HTMLChrome.mainContent(of: document) {
            extraction.visit(main)
        } else {
            var child = document.pointee.children
            while let node = child {
                extraction.visit(node)
                child = node.pointee.next
            }
        }
        extraction.endBlock()
        return extraction.output
    }
}

// MARK: - Tree walk

/// Walks the libxml2 tree in document order and writes block text, leaving out chrome.
private struct BlockExtraction {
    var output: [UInt8] = []
    private var block: [UInt8] = []
    private var preformatted = 0
    /// Inside a Wayback Machine toolbar insert (between its BEGIN and END comments).
    private var inWaybackToolbar = false

    /// Elements that start and end a block.
    private static let blocks: Set<String> = [
        "html", "body", "main", "article", "section", "aside", "div", "p", "h1", "h2", "h3", "h4", "h5",
        "h6", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "td", "th",
        "caption", "blockquote", "pre", "address", "figure", "figcaption", "details", "summary",
        "fieldset", "legend", "hr", "center", "hgroup", "menu", "dialog", "form",
    ]

    mutating func visit(_ node: xmlNodePtr) {
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            if !inWaybackToolbar { appendText(node.pointee.content) }
        case XML_COMMENT_NODE:
            switch HTMLChrome.waybackMarker(node) {
            case .begin?: inWaybackToolbar = true
            case .end?: inWaybackToolbar = false
            case nil: break
            }
        case XML_ELEMENT_NODE:
            let name = node.pointee.name.map { String(cString: $0) } ?? ""
            if HTMLChrome.isChrome(node, name: name) { return }
            if name == "br" {
                if !inWaybackToolbar { block.append(0x0A) }
                return
            }
            let isBlock = Self.blocks.contains(name)
            if isBlock { endBlock() }
            if name == "pre" { preformatted += 1 }
            var child = node.pointee.children
            while let current = child {
                visit(current)
                child = current.pointee.next
            }
            if name == "pre" { preformatted -= 1 }
            if isBlock { endBlock() }
        default:
            return // processing instructions, DTD nodes
        }
    }

    private mutating func appendText(_ content: UnsafeMutablePointer<xmlChar>?) {
        guard let content else { return }
        var index = 0
        while case let byte = content[index], byte != 0 {
            if (byte == 0x0A || byte == 0x0D) && preformatted == 0 {
                block.append(0x20)
            } else {
                block.append(byte)
            }
            index += 1
        }
    }

    /// Ends the block in hand: its text becomes a line followed by a blank line.
    mutating func endBlock() {
        guard !block.isEmpty else { return }
        output.append(contentsOf: block)
        output.append(contentsOf: [0x0A, 0x0A])
        block.removeAll(keepingCapacity: true)
    }
}
