import RIRModel

extension ParsedCapture {
    /// A readable outline of the capture for a person: metadata, then one line per
    /// section (indented by level, with its size), then the back matter counts.
    public var outline: String {
        var lines: [String] = []
        lines.append("\(report.id)  \(report.published.iso)  (\(report.id.language.rawValue), \(format.rawValue), "
            + "\(encoding))")
        lines.append(report.title)
        if !report.author.isEmpty { lines.append(report.author) }
        if !report.replaces.isEmpty { lines.append("Replaces: " + report.replaces.joined(separator: ", ")) }
        if !report.crossReferences.isEmpty {
            lines.append("Cites: " + report.crossReferences.joined(separator: ", "))
        }
        lines.append("")
        lines.append("Sections (\(report.sections.count)):")
        for section in report.sections {
            let indent = String(repeating: "  ", count: max(section.level, 1))
            let label: String
            if let number = section.number {
                let separator = section.level == 1 ? ". " : " "
                label = number + separator + (section.heading ?? "")
            } else {
                label = "(untitled opening text)"
            }
            lines.append(indent + label + "  [" + Self.size(of: section) + "]")
        }
        lines.append("")
        lines.append("Closing paragraph: " + (report.closing == nil ? "missing" : "present"))
        lines.append("Notes: \(report.notes.count)")
        lines.append("References: \(report.references.count)")
        lines.append("Additional sources: \(report.additionalSources.count)")
        lines.append("Content hash: " + report.contentHash)
        return lines.joined(separator: "\n")
    }

    private static func size(of section: Section) -> String {
        let paragraphs = section.paragraphs.count
        let words = section.text.split(whereSeparator: { $0 == " " || $0 == "\n" }).count
        return "\(paragraphs) \(paragraphs == 1 ? "paragraph" : "paragraphs"), \(words) \(words == 1 ? "word" : "words")"
    }
}
