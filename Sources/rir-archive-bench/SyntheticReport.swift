import RIRModel

/// One synthetic report in the shape of an RIR, rendered as the plain-text capture the
/// IRB page yields: page chrome, date, ID, title, author, numbered sections, closing
/// paragraph, notes, references and additional sources.
struct SyntheticReport: Sendable {
    /// A section: level 1 (`3. Heading`) or level 2 (`3.1 Heading`); numbers come from positions.
    struct Part: Sendable {
        var level: Int
        var heading: String
        var paragraphs: [String]
    }

    var id: ReportID
    var published: CalendarDate
    var title: String
    var author: String
    var parts: [Part]
    var closing: String
    var notes: [String]
    var references: [String]
    var additionalSources: [String]
    /// Which presentation of the page chrome the capture shows (bit flags, see ``render(chrome:)``).
    var chromeVariant: Int = 0

    /// Characters of body text (headings and paragraphs).
    var bodyCharacters: Int {
        parts.reduce(0) { $0 + $1.heading.count + $1.paragraphs.reduce(0) { $0 + $1.count + 2 } }
    }

    // MARK: - Rendering

    /// The capture text. Chrome variants change only what the parser discards: trailing
    /// blanks in the chrome, an extra navigation line above the date, CRLF line ends,
    /// blank lines at the end.
    func render(chrome: [String]) -> String {
        let variant = chromeVariant
        var lines: [String] = []
        for (index, line) in chrome.enumerated() {
            var line = line
            if variant & 1 != 0, !line.isEmpty { line += "   " }
            lines.append(line)
            if variant & 2 != 0, index == 0 {
                lines += ["", id.language == .en ? "Search the RIR database" : "Rechercher dans la base de données des RDI"]
            }
        }
        lines += [dateLine, "", id.description, "", title, "", author, ""]
        var top = 0
        var sub = 0
        for part in parts {
            if part.level <= 1 || top == 0 {
                top += 1
                sub = 0
                lines.append("\(top). \(part.heading)")
            } else {
                sub += 1
                lines.append("\(top).\(sub) \(part.heading)")
            }
            lines.append("")
            for paragraph in part.paragraphs { lines += [paragraph, ""] }
        }
        lines += [closing, ""]
        if !notes.isEmpty {
            lines += ["Notes", ""]
            for (index, note) in notes.enumerated() { lines += ["[\(index + 1)] \(note)", ""] }
        }
        lines += [id.language == .en ? "References" : "Références", ""]
        for reference in references { lines += [reference, ""] }
        lines += [id.language == .en ? "Additional Sources Consulted" : "Autres sources consultées", ""]
        for source in additionalSources { lines += [source, ""] }
        if variant & 8 != 0 { lines += ["", "", ""] }
        return lines.joined(separator: variant & 4 != 0 ? "\r\n" : "\n")
    }

    /// `1 September 2023`, or `1er septembre 2023` in French.
    var dateLine: String {
        let english = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                       "October", "November", "December"]
        let french = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
                      "octobre", "novembre", "décembre"]
        let day = published.day
        if id.language == .en { return "\(day) \(english[published.month - 1]) \(published.year)" }
        return "\(day == 1 ? "1er" : String(day)) \(french[published.month - 1]) \(published.year)"
    }
}
