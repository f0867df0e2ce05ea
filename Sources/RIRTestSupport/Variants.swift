import RIRModel

/// Layout variants of a capture built from a seed's text. Each keeps the report's
/// content and changes only what is not content (chrome, line endings, encoding,
/// white space, source format), unless its name says otherwise (`withoutIDLine`,
/// `truncated`, `edited`).
public enum Variants {
    // MARK: - Bytes and white space

    /// Every line ending as CRLF.
    public static func crlf(_ text: String) -> String {
        lines(text).joined(separator: "\r\n")
    }

    /// The text's UTF-8 bytes after a byte-order mark.
    public static func withBOM(_ text: String) -> [UInt8] {
        [0xEF, 0xBB, 0xBF] + Array(text.utf8)
    }

    /// Some spaces replaced by NBSP or doubled, blanks and NBSP after every line,
    /// blanks on the blank lines.
    public static func nbspAndTrailingBlanks(_ text: String) -> String {
        lines(text).map { line -> String in
            guard !line.isEmpty else { return "  \t " }
            var out = ""
            var spaces = 0
            for character in line {
                guard character == " " else { out.append(character); continue }
                spaces += 1
                out += spaces % 3 == 0 ? "\u{00A0}" : (spaces % 5 == 0 ? "  " : " ")
            }
            return out + " \u{00A0} \t"
        }.joined(separator: "\n")
    }

    /// The text encoded as Windows-1252 (every character of the seeds has a Windows-1252 byte).
    public static func windows1252(_ text: String) -> [UInt8] {
        text.unicodeScalars.map { scalar -> UInt8 in
            if scalar.value < 0x80 || (0xA0...0xFF).contains(scalar.value) { return UInt8(scalar.value) }
            guard let byte = windows1252High[scalar.value] else {
                fatalError("U+\(String(scalar.value, radix: 16)) has no Windows-1252 byte")
            }
            return byte
        }
    }

    private static let windows1252High: [UInt32: UInt8] = [
        0x20AC: 0x80, 0x201A: 0x82, 0x0192: 0x83, 0x201E: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87,
        0x02C6: 0x88, 0x2030: 0x89, 0x0160: 0x8A, 0x2039: 0x8B, 0x0152: 0x8C, 0x017D: 0x8E, 0x2018: 0x91,
        0x2019: 0x92, 0x201C: 0x93, 0x201D: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02DC: 0x98,
        0x2122: 0x99, 0x0161: 0x9A, 0x203A: 0x9B, 0x0153: 0x9C, 0x017E: 0x9E, 0x0178: 0x9F,
    ]

    // MARK: - Header layouts

    /// The identifier line printed before the date line, as older pages do.
    public static func idBeforeDate(_ text: String) -> String {
        var all = lines(text)
        let header = headerLines(all)
        all.swapAt(header.date, header.id)
        return all.joined(separator: "\n")
    }

    /// The print layout: no site chrome, the capture starts at the date line.
    public static func printLayout(_ text: String) -> String {
        let all = lines(text)
        return all[headerLines(all).date...].joined(separator: "\n")
    }

    /// The site chrome of the 2013 site ("Research Program" breadcrumb, Refworld pointer)
    /// instead of the seed's.
    public static func otherYearChrome(_ text: String) -> String {
        let all = lines(text)
        let chrome = """
            Home > Research Program > Responses to Information Requests

            Responses to Information Requests

            Responses to Information Requests (RIR) respond to focused Requests for Information that are \
            submitted to the Research Directorate in the course of the refugee protection determination process. \
            The database contains a seven-year archive of English and French RIRs. Earlier RIRs may be found on \
            the UNHCR's Refworld website.

            Please note that some RIRs have attachments which are not electronically accessible here. To obtain a \
            copy of an attachment, please e-mail us.

            Related Links

            Advanced search help


            """
        return chrome + all[headerLines(all).date...].joined(separator: "\n")
    }

    /// The capture after losing its identifier line (as some extracted pages have).
    public static func withoutIDLine(_ text: String) -> String {
        var all = lines(text)
        let id = headerLines(all).id
        all.remove(at: id)
        if id < all.count, all[id].isEmpty { all.remove(at: id) }
        return all.joined(separator: "\n")
    }

    /// A "This Response replaces …" sentence inserted after the author line.
    public static func withReplacesSentence(_ text: String, _ sentence: String) -> String {
        var all = lines(text)
        guard let author = all.firstIndex(where: {
            $0.hasPrefix("Research Directorate") || $0.hasPrefix("Direction des recherches")
        }) else { fatalError("no author line in the text") }
        all.insert(contentsOf: ["", sentence], at: author + 1)
        return all.joined(separator: "\n")
    }

    // MARK: - Content changes

    /// The first occurrence of `target` replaced; stops the test run when `target` is absent,
    /// so a fixture that no longer matches its seed fails loudly.
    public static func edited(_ text: String, replacing target: String, with replacement: String) -> String {
        guard let range = text.firstRange(of: target) else { fatalError("\"\(target)\" not found in the text") }
        var copy = text
        copy.replaceSubrange(range, with: replacement)
        return copy
    }

    /// The text cut at a line boundary after about `fraction` of its characters, as an
    /// interrupted download would leave it.
    public static func truncated(_ text: String, keeping fraction: Double = 0.5) -> String {
        let all = lines(text)
        let goal = Int(Double(text.count) * fraction)
        var kept: [String] = []
        var size = 0
        for line in all where size < goal {
            kept.append(line)
            size += line.count + 1
        }
        return kept.joined(separator: "\n")
    }

    // MARK: - Locating lines

    static func lines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// Indices of the identifier line and of the date line (the last non-blank line before it).
    static func headerLines(_ lines: [String]) -> (date: Int, id: Int) {
        guard let id = lines.firstIndex(where: { ReportID($0.trimmingSpaces) != nil }),
              let date = lines[..<id].lastIndex(where: { !$0.trimmingSpaces.isEmpty })
        else { fatalError("no date and identifier lines in the text") }
        return (date, id)
    }
}

extension String {
    var trimmingSpaces: Substring {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !ContentFolding.isSpace($0) }),
              let last = scalars.lastIndex(where: { !ContentFolding.isSpace($0) })
        else { return "" }
        return Substring(scalars[first...last])
    }
}
