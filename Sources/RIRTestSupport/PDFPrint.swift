/// The text `pdftotext` extracts from a browser's PDF print of an IRB page, with the
/// page furniture observed in a real print (Chromium 2026, `--print-to-pdf`, read by
/// poppler's `pdftotext`): at the top of each page the print time stamp and the page
/// title, at the bottom the page's URL and `k/n`; a form feed between pages; paragraphs cut
/// at page breaks. Each paragraph is one line here (the report's own line wrapping is
/// not reproduced).
public enum PDFPrint {
    /// Which print dialog's furniture.
    public enum Furniture: Sendable {
        /// Chromium: `9/5/23, 10:14 AM` and the title above, the URL and `3/9` below.
        case chromium
        /// A running header, `2023-09-05, 10:14 a.m.`, then the URL and `Page 3 of 9` below.
        case pageOfPages
    }

    static let url = "https://irb-cisr.gc.ca/en/country-information/rir/Pages/index.aspx?doc=458870"
    static let terminal: Set<Character> = [".", "!", "?", ":", ";", ")", "]", "\"", "\u{201D}", "\u{2019}"]

    /// The printed paragraphs page by page, without furniture: a page is full after about
    /// `pageLength` characters, and a long paragraph that does not fit is cut between two
    /// words (never right after a sentence, where a break reads as a paragraph break).
    public static func pages(_ text: String, pageLength: Int = 2500) -> [[String]] {
        let paragraphs = Variants.lines(text).map { String($0.trimmingSpaces) }.filter { !$0.isEmpty }
        var pages: [[String]] = [[]]
        var used = 0
        for paragraph in paragraphs {
            var rest = paragraph
            while used + rest.count > pageLength {
                let room = pageLength - used
                if rest.count > 80, let cut = cut(rest, within: room) {
                    pages[pages.count - 1].append(String(rest[..<cut]))
                    rest = String(rest[rest.index(after: cut)...])
                }
                pages.append([])
                used = 0
                if rest.count <= pageLength { break }
            }
            pages[pages.count - 1].append(rest)
            used += rest.count
        }
        return pages.filter { !$0.isEmpty }
    }

    /// The index of the space where `paragraph` is cut so that at most `room` characters stay on
    /// the page, after a word that does not end a sentence; nil when no such space leaves 40.
    private static func cut(_ paragraph: String, within room: Int) -> String.Index? {
        guard room >= 40 else { return nil }
        var candidate: String.Index?
        var count = 0
        var index = paragraph.startIndex
        while index < paragraph.endIndex, count <= room {
            if paragraph[index] == " ", index > paragraph.startIndex,
               !terminal.contains(paragraph[paragraph.index(before: index)]), count >= 40 {
                candidate = index
            }
            index = paragraph.index(after: index)
            count += 1
        }
        return candidate
    }

    /// The extracted text: the pages of ``pages(_:pageLength:)`` with `furniture` around each,
    /// separated by form feeds.
    public static func text(_ text: String, furniture: Furniture = .chromium, pageLength: Int = 2500) -> String {
        let pages = pages(text, pageLength: pageLength)
        let title = String(ReportMarkup(text).title.prefix(64)) + "\u{2026}"
        return pages.enumerated().map { number, page in
            let (top, bottom): ([String], [String])
            switch furniture {
            case .chromium:
                top = ["9/5/23, 10:14 AM", "", title, ""]
                bottom = ["", url, "", "\(number + 1)/\(pages.count)", ""]
            case .pageOfPages:
                top = ["Responses to Information Requests - Immigration and Refugee Board of Canada",
                       "2023-09-05, 10:14 a.m.", ""]
                bottom = ["", url, "Page \(number + 1) of \(pages.count)", ""]
            }
            return (top + page + bottom).joined(separator: "\n")
        }.joined(separator: "\u{0C}")
    }
}
