import RIRModel

/// The text of a report as a person reads it: header, sections, back matter (`show`).
public enum ReportText {
    public static func render(_ report: Report) -> String {
        let french = report.id.language == .fr
        var blocks: [String] = [report.published.iso, report.id.description, report.title]
        if !report.author.isEmpty { blocks.append(report.author) }
        if !report.replaces.isEmpty {
            blocks.append((french ? "Remplace : " : "Replaces: ") + report.replaces.joined(separator: ", "))
        }
        for section in report.sections { blocks.append(render(section)) }
        if let closing = report.closing { blocks.append(closing) }
        func list(_ heading: String, _ items: [String]) {
            guard !items.isEmpty else { return }
            blocks.append(heading)
            blocks += items
        }
        list(report.notes.count == 1 ? "Note" : "Notes", report.notes)
        list(french ? "Références" : "References", report.references)
        list(french ? "Autres sources consultées" : "Additional Sources Consulted", report.additionalSources)
        return blocks.joined(separator: "\n\n")
    }

    /// One section: its heading line as printed (`1. Overview`, `3.10 Other Profiles`), then its text.
    public static func render(_ section: Section) -> String {
        guard let number = section.number else { return section.text }
        let heading = number + (section.level == 1 ? ". " : " ") + (section.heading ?? "")
        return section.text.isEmpty ? heading : heading + "\n\n" + section.text
    }
}
