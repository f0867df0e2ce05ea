import RIRModel

/// Reads a report from the normalized paragraphs of a capture: header block,
/// body sections, closing paragraph and back matter. Everything before the
/// header block is site chrome; site footer lines end the report.
struct ReportReader {
    let paragraphs: [String]
    let name: String

    // MARK: - Header

    /// Where the header block is: the date, the identifier (nil when its line is
    /// missing) and the index of the first paragraph after both.
    struct HeaderPosition {
        var date: CalendarDate
        var id: ReportID?
        var next: Int
    }

    /// The header block: the first date line with an identifier line right before or after it
    /// (or on the same line); failing that, the first date line followed by an author line
    /// within three paragraphs; failing that, the first date line.
    func headerPosition() -> HeaderPosition? {
        var firstDate: HeaderPosition?
        var withAuthor: HeaderPosition?
        for index in paragraphs.indices {
            guard let (date, inlineID) = HeaderLines.date(paragraphs[index]) else { continue }
            if let inlineID { return HeaderPosition(date: date, id: inlineID, next: index + 1) }
            if index + 1 < paragraphs.count, let id = HeaderLines.identifier(paragraphs[index + 1]) {
                return HeaderPosition(date: date, id: id, next: index + 2)
            }
            if index > 0, let id = HeaderLines.identifier(paragraphs[index - 1]) {
                return HeaderPosition(date: date, id: id, next: index + 1)
            }
            let position = HeaderPosition(date: date, id: nil, next: index + 1)
            if firstDate == nil { firstDate = position }
            if withAuthor == nil,
               paragraphs[(index + 1)..<min(paragraphs.count, index + 4)].contains(where: HeaderLines.isAuthor) {
                withAuthor = position
            }
        }
        return withAuthor ?? firstDate
    }

    // MARK: - Report

    /// The report's date, identifier and title, and the index of the paragraph after them:
    /// from an ecoi.net header when the capture is an ecoi.net copy, else from the IRB header block.
    func titleBlock() throws(ParseError) -> (date: CalendarDate, id: ReportID, title: String, next: Int) {
        if let copy = EcoiHeader.find(in: paragraphs) { return (copy.date, copy.id, copy.title, copy.next) }
        guard let header = headerPosition() else { throw .noDate(name: name) }
        guard let id = header.id ?? ReportID.all(in: name).first else { throw .noIdentifier(name: name) }
        let index = header.next
        guard index < paragraphs.count, !HeaderLines.isAuthor(paragraphs[index]),
              BodyLines.pageChrome(paragraphs[index]) == nil, BodyLines.heading(paragraphs[index]) == nil
        else { throw .noTitle(name: name) }
        return (header.date, id, paragraphs[index], index + 1)
    }

    func read() throws(ParseError) -> Report {
        let (date, id, title, next) = try titleBlock()
        var index = next
        var author = ""
        if index < paragraphs.count, HeaderLines.isAuthor(paragraphs[index]) {
            author = paragraphs[index]
            index += 1
        }
        var replaces: [String] = []
        if index < paragraphs.count, let named = HeaderLines.replaced(paragraphs[index], ownBaseID: id.baseID) {
            replaces = named
            index += 1
        }

        var body = Body()
        index = body.read(paragraphs, from: index)
        var back = BackMatter()
        back.read(paragraphs, from: index)
        var closing = body.closing
        if let first = closing, !back.unplaced.isEmpty {
            // Text between the closing paragraph and the back matter belongs to the closing.
            closing = ([first] + back.unplaced).joined(separator: "\n\n")
        }

        var report = Report(id: id, published: date, title: title, author: author,
                            replaces: replaces, sections: body.sections, closing: closing,
                            notes: back.notes, references: back.references,
                            additionalSources: back.additionalSources)
        report.crossReferences = Self.crossReferences(of: report)
        return report
    }

    /// Base IDs of other RIRs cited in the body and the notes, in order of first citation.
    static func crossReferences(of report: Report) -> [String] {
        // Each text scanned where it is (an ID never spans two of them), rather than all of them
        // copied into one string first.
        var texts: [String] = []
        for section in report.sections {
            if let heading = section.heading { texts.append(heading) }
            texts.append(section.text)
        }
        texts += report.notes
        var cited: [String] = []
        for text in texts {
            for base in ReportID.baseIDs(in: text) where base != report.id.baseID && !cited.contains(base) {
                cited.append(base)
            }
        }
        return cited
    }
}

// MARK: - Body

/// The sections of the body, up to the closing paragraph, the first back-matter
/// heading or a footer line.
private struct Body {
    var sections: [Section] = []
    var closing: String?
    private var number: String?
    private var level = 0
    private var heading: String?
    private var texts: [String] = []
    private var lastNumber: [Int]?

    /// Reads from `start`; returns the index of the first paragraph after the body
    /// (after the closing paragraph when there is one).
    mutating func read(_ paragraphs: [String], from start: Int) -> Int {
        var index = start
        defer { endSection() }
        while index < paragraphs.count {
            let paragraph = paragraphs[index]
            if BodyLines.isClosing(paragraph) {
                closing = paragraph
                return index + 1
            }
            switch BodyLines.pageChrome(paragraph) {
            case .navigationAid?: index += 1; continue
            case .footer?: return index
            case nil: break
            }
            if BodyLines.backMatterHeading(paragraph) != nil { return index }
            if let found = BodyLines.heading(paragraph), follows(found.number) {
                endSection()
                number = found.number
                lastNumber = found.number.split(separator: ".").compactMap { Int($0) }
                level = found.level
                heading = found.text
            } else {
                texts.append(paragraph)
            }
            index += 1
        }
        return index
    }

    /// Whether a heading numbered `candidate` may follow the headings read so far: numbers
    /// never go back (`3.10` after `3.9`), so an item numbered `1.` of a list quoted inside
    /// section 3 stays a paragraph.
    private func follows(_ candidate: String) -> Bool {
        guard let last = lastNumber else { return true }
        let new = candidate.split(separator: ".").compactMap { Int($0) }
        return !new.lexicographicallyPrecedes(last)
    }

    /// Closes the section in hand: a numbered one always, the unnumbered one only when it has text.
    private mutating func endSection() {
        if number != nil || !texts.isEmpty {
            sections.append(Section(number: number, level: level, heading: heading,
                                    text: texts.joined(separator: "\n\n")))
        }
        number = nil
        level = 0
        heading = nil
        texts.removeAll()
    }
}

// MARK: - Back matter

/// Notes, references and additional sources, each after its heading, up to a footer line.
private struct BackMatter {
    var notes: [String] = []
    var references: [String] = []
    var additionalSources: [String] = []
    /// Paragraphs after the closing paragraph but before any back-matter heading.
    var unplaced: [String] = []

    mutating func read(_ paragraphs: [String], from start: Int) {
        var part: BodyLines.BackMatterPart?
        for paragraph in paragraphs[start...] {
            switch BodyLines.pageChrome(paragraph) {
            case .navigationAid?: continue
            case .footer?: return
            case nil: break
            }
            if let opened = BodyLines.backMatterHeading(paragraph) {
                part = opened
                continue
            }
            switch part {
            case .notes:
                // A note starts with its marker "[n]"; a paragraph without one continues the note before it.
                if paragraph.hasPrefix("[") || notes.isEmpty {
                    notes.append(paragraph)
                } else {
                    notes[notes.count - 1] += "\n\n" + paragraph
                }
            case .references: references.append(paragraph)
            case .additionalSources: additionalSources.append(paragraph)
            case nil: unplaced.append(paragraph)
            }
        }
    }
}
