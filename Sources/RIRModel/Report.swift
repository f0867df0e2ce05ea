/// One section of a report's body.
///
/// Sections are flat: a section's text runs from its heading to the next heading
/// of any level, so section `3` does not contain `3.1`. Text before the first
/// numbered heading forms one unnumbered section (`number` and `heading` nil).
public struct Section: Sendable, Hashable, Codable {
    /// The heading number as printed, without a trailing period (`"3.10"`); nil for the unnumbered section.
    public var number: String?
    /// 1 for `3.`, 2 for `3.1`, 3 for `3.1.2`; 0 for the unnumbered section.
    public var level: Int
    /// The heading text after the number (`"Other Profiles"`); nil for the unnumbered section.
    public var heading: String?
    /// The paragraphs of the section, separated by a blank line (`"\n\n"`).
    public var text: String

    public init(number: String?, level: Int, heading: String?, text: String) {
        self.number = number
        self.level = level
        self.heading = heading
        self.text = text
    }

    /// The paragraphs of `text` (split at blank lines, `"\n\n"`), empty ones left out.
    public var paragraphs: [Substring] {
        // A byte scan: Substring's generic search for a two-character separator is slow.
        let utf8 = text.utf8
        var result: [Substring] = []
        var start = utf8.startIndex
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let next = utf8.index(after: index)
            if utf8[index] == 0x0A, next != utf8.endIndex, utf8[next] == 0x0A {
                if start != index { result.append(text[start..<index]) }
                index = utf8.index(after: next)
                start = index
            } else {
                index = next
            }
        }
        if start != utf8.endIndex { result.append(text[start..<utf8.endIndex]) }
        return result
    }
}

/// The normalized content of one RIR: what a revision is made of.
///
/// Page chrome, whitespace runs, NBSP, line endings, BOM, encoding and the source
/// format are not part of it; see ``contentHash``.
public struct Report: Sendable, Hashable, Codable {
    public var id: ReportID
    public var published: CalendarDate
    public var title: String
    public var author: String
    /// Base IDs named by "This Response replaces …" (`["MEX106000"]`), in order.
    public var replaces: [String]
    /// Base IDs of other RIRs cited in the body, in order of first citation.
    public var crossReferences: [String]
    public var sections: [Section]
    /// The closing paragraph ("This Response was prepared after researching …"), when present.
    public var closing: String?
    /// Notes (`[1] …`), one entry each, marker included.
    public var notes: [String]
    /// References, one entry per paragraph.
    public var references: [String]
    /// Paragraphs of "Additional Sources Consulted".
    public var additionalSources: [String]

    public init(id: ReportID, published: CalendarDate, title: String, author: String,
                replaces: [String] = [], crossReferences: [String] = [], sections: [Section],
                closing: String? = nil, notes: [String] = [], references: [String] = [],
                additionalSources: [String] = []) {
        self.id = id
        self.published = published
        self.title = title
        self.author = author
        self.replaces = replaces
        self.crossReferences = crossReferences
        self.sections = sections
        self.closing = closing
        self.notes = notes
        self.references = references
        self.additionalSources = additionalSources
    }

    /// The section with a given number (`"3.10"`), if any.
    public func section(numbered number: String) -> Section? {
        sections.first { $0.number == number }
    }

    /// Whether the report has any back matter (notes, references or additional sources).
    public var hasBackMatter: Bool {
        !notes.isEmpty || !references.isEmpty || !additionalSources.isEmpty
    }
}
