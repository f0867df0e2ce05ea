/// The paragraphs of text extracted from a PDF print (e.g. by `pdftotext`), without its page
/// furniture: at every page break a browser or viewer prints a page counter (`Page 3 of 9`,
/// `3/9`), a print time stamp (`9/5/23, 10:14 AM`, `2023-09-05, 10:14 a.m.`), the page's URL
/// and a running header; pages are separated by form feeds. All of that is chrome, and a
/// paragraph the break cut in two is joined again.
///
/// Text without form feeds and without a page counter at its end is returned as
/// ``TextLines/paragraphs(_:)`` gives it.
enum PrintPages {
    /// Most paragraphs at either edge of a page that may be furniture.
    static let edge = 4

    static func paragraphs(_ utf8: [UInt8]) -> [String] {
        // Most captures have no form feed: their one page is read in place, not copied out first.
        var pages = utf8.contains(0x0C)
            ? utf8.split(separator: 0x0C, omittingEmptySubsequences: false).map { TextLines.paragraphs(Array($0)) }
            : [TextLines.paragraphs(utf8)]
        pages.removeAll { $0.isEmpty }
        if pages.count <= 1 { pages = splitAtCounters(pages.first ?? []) }
        guard pages.count > 1 || pages.first.map(endsWithCounter) == true else { return pages.first ?? [] }
        let repeated = repeatedEdges(pages)
        func isFurniture(_ line: String) -> Bool {
            repeated.contains(line) || isPageCounter(line) || isTimestamp(line) || isURL(line)
        }
        var result: [String] = []
        for page in pages {
            var start = page.startIndex
            var end = page.endIndex
            while start < end, start - page.startIndex < edge, isFurniture(page[start]) { start += 1 }
            while end > start, page.endIndex - end < edge, isFurniture(page[end - 1]) { end -= 1 }
            guard start < end else { continue }
            var body = page[start..<end]
            if let last = result.last, let first = body.first, continues(last, with: first) {
                result[result.count - 1] = last + " " + first
                body = body.dropFirst()
            }
            result += body
        }
        return result
    }

    // MARK: - Pages

    /// Pages of text without form feeds: each ends after a page-counter paragraph.
    private static func splitAtCounters(_ paragraphs: [String]) -> [[String]] {
        var pages: [[String]] = [[]]
        for paragraph in paragraphs {
            pages[pages.count - 1].append(paragraph)
            if isCounterOfPages(paragraph) { pages.append([]) }
        }
        return pages.filter { !$0.isEmpty }
    }

    private static func endsWithCounter(_ page: [String]) -> Bool {
        page.suffix(edge).contains(where: isCounterOfPages)
    }

    /// A page counter that names the page count too (`Page 3 of 9`, `3/9`): without form feeds,
    /// only these mark page breaks, as a bare number may be text.
    static func isCounterOfPages(_ line: String) -> Bool {
        isPageCounter(line) && (line.contains("/") || line.contains(" of ") || line.contains(" de ")
            || line.contains(" sur "))
    }

    /// Paragraphs found at the edges of several pages: running headers and footers.
    private static func repeatedEdges(_ pages: [[String]]) -> Set<String> {
        guard pages.count > 1 else { return [] }
        var counts: [String: Int] = [:]
        for page in pages {
            for line in Set(page.prefix(edge) + page.suffix(edge)) where line.utf8.count <= 300 {
                counts[line, default: 0] += 1
            }
        }
        let needed = max(2, pages.count / 2)
        return Set(counts.filter { $0.value >= needed }.keys)
    }

    // MARK: - Joining across a break

    /// Whether `next`, first on its page, continues `previous`, last on the page before: neither is
    /// a heading, and `previous` does not end a sentence or `next` starts in lower case. A break
    /// that falls right after a sentence and before a capital cannot be told from a paragraph
    /// break, and is read as one.
    static func continues(_ previous: String, with next: String) -> Bool {
        for line in [previous, next] {
            if BodyLines.heading(line) != nil || BodyLines.backMatterHeading(line) != nil
                || HeaderLines.date(line) != nil || HeaderLines.identifier(line) != nil { return false }
        }
        if BodyLines.isClosing(next) || HeaderLines.isAuthor(next) { return false }
        if next.first?.isLowercase == true { return true }
        guard let last = previous.last else { return false }
        return !".!?:;)]\"\u{201D}\u{00BB}\u{2019}\u{2026}".contains(last)
    }

    // MARK: - Furniture

    /// `Page 3 of 9`, `Page 3 de 9`, `3 of 9`, `3/9`, `Page 3`, `- 3 -`, `3`.
    static func isPageCounter(_ line: String) -> Bool {
        guard line.utf8.count <= 24 else { return false }
        var tokens = line.split(separator: " ").map(String.init)
        if let first = tokens.first, first.lowercased() == "page" || first.lowercased() == "p." { tokens.removeFirst() }
        if tokens.count == 3, tokens[0] == "-", tokens[2] == "-" { tokens = [tokens[1]] }
        switch tokens.count {
        case 1:
            let parts = tokens[0].split(separator: "/", omittingEmptySubsequences: false)
            return (1...2).contains(parts.count) && parts.allSatisfy { isNumber($0, digits: 1...4) }
        case 3:
            return isNumber(tokens[0], digits: 1...4) && ["of", "de", "sur", "/"].contains(tokens[1])
                && isNumber(tokens[2], digits: 1...4)
        default:
            return false
        }
    }

    /// A print time stamp: a numeric date and a time, `9/5/23, 10:14 AM`, `2023-09-05, 10:14 a.m.`,
    /// `2023-09-05 10 h 14`.
    static func isTimestamp(_ line: String) -> Bool {
        guard line.utf8.count <= 32 else { return false }
        var tokens = line.split(separator: " ").map { $0.hasSuffix(",") ? String($0.dropLast()) : String($0) }
        guard tokens.count >= 2, isNumericDate(tokens.removeFirst()) else { return false }
        if tokens.count >= 3, isNumber(tokens[0], digits: 1...2), tokens[1] == "h", isNumber(tokens[2], digits: 2...2) {
            tokens.removeFirst(3)
        } else {
            let time = tokens.removeFirst().split(separator: ":", omittingEmptySubsequences: false)
            guard (2...3).contains(time.count), isNumber(time[0], digits: 1...2),
                  time.dropFirst().allSatisfy({ isNumber($0, digits: 2...2) }) else { return false }
        }
        let meridiem: Set<String> = ["am", "pm", "a.m.", "p.m."]
        return tokens.count <= 1 && tokens.allSatisfy { meridiem.contains($0.lowercased()) }
    }

    /// A line that is nothing but a URL (the page's address in the print's footer).
    static func isURL(_ line: String) -> Bool {
        !line.contains(" ") && ["https://", "http://", "file://"].contains(where: { line.hasPrefix($0) })
    }

    private static func isNumericDate(_ token: String) -> Bool {
        for separator: Character in ["/", "-", "."] {
            let parts = token.split(separator: separator, omittingEmptySubsequences: false)
            if parts.count == 3, parts.allSatisfy({ isNumber($0, digits: 1...4) }) { return true }
        }
        return false
    }

    private static func isNumber(_ token: some StringProtocol, digits: ClosedRange<Int>) -> Bool {
        digits.contains(token.utf8.count) && token.utf8.allSatisfy(HeaderLines.isDigit)
    }
}
