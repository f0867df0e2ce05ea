extension RevisionDiff {
    /// A terminal view of what changed: metadata, each section that is not
    /// `unchanged` (a title line with status, numbers and heading; for changed
    /// text, the changed paragraphs with `o.context` paragraphs around them, long
    /// unchanged stretches cut to ``TextView/wordContext`` words next to each change
    /// and context paragraphs to their opening words), then notes, references and
    /// additional sources.
    /// Deletions read `[-like this-]` and insertions `{+like this+}` (as in
    /// `git diff --word-diff=plain`), whether or not `o.colour` adds red and green,
    /// so that every change can be read without colour. The second line counts
    /// section statuses, then metadata, note, reference and additional-source changes.
    public func text(_ o: DiffRenderOptions) -> String {
        var view = TextView(colour: o.colour)
        view.line(view.bold(title))
        view.line(summaryLine)
        let shown = sections(for: o)
        if let number = o.section, shown.isEmpty {
            view.line("")
            view.line("No section numbered \(number) in either revision.")
            return view.out
        }
        if o.section == nil {
            if !metadata.isEmpty {
                view.line("")
                view.line(view.bold("Metadata"))
                for change in metadata {
                    view.line("  \(change.field):")
                    view.line("    " + view.paint("- " + (change.from ?? "(none)"), .delete))
                    view.line("    " + view.paint("+ " + (change.to ?? "(none)"), .insert))
                }
            }
        }
        for section in shown where section.status != .unchanged || o.section != nil {
            view.section(section, context: o.context)
        }
        if o.section == nil {
            view.entries("Notes", notes)
            view.entries("References", references)
            view.entries("Additional sources consulted", additionalSources)
            if isEmpty {
                view.line("")
                view.line("No differences.")
            }
        }
        return view.out
    }
}

/// Builds the terminal view line by line.
struct TextView {
    /// Unchanged words kept on each side of a change inside a paragraph.
    static let wordContext = 12

    let colour: Bool
    var out = ""

    init(colour: Bool) {
        self.colour = colour
    }

    mutating func line(_ text: String) {
        out += text
        out += "\n"
    }

    func bold(_ text: String) -> String { colour ? "\u{1B}[1m\(text)\u{1B}[0m" : text }

    func paint(_ text: String, _ op: ChangeOperation) -> String {
        guard colour else { return text }
        switch op {
        case .insert: return "\u{1B}[32m\(text)\u{1B}[0m"
        case .delete: return "\u{1B}[31m\(text)\u{1B}[0m"
        case .equal: return text
        }
    }

    /// A run inline in a paragraph: always between markers, coloured too when asked.
    func inline(_ change: TextChange) -> String {
        switch change.op {
        case .equal: return change.text
        case .insert: return paint("{+\(change.text)+}", .insert)
        case .delete: return paint("[-\(change.text)-]", .delete)
        }
    }

    mutating func section(_ section: SectionDiff, context: Int) {
        line("")
        let label = section.status.rawValue.padding(to: 10)
        let numbers = section.numberLabel.isEmpty ? "" : section.numberLabel + "  "
        line(bold("\(label) \(numbers)\(section.heading ?? "(opening text)")"))
        switch section.status {
        case .added, .removed:
            let op: ChangeOperation = section.status == .added ? .insert : .delete
            let mark = op == .insert ? "+ " : "- "
            for paragraph in section.bodyParagraphs {
                line("    " + paint(mark + paragraph.map(\.text).joined(), op))
            }
        default:
            guard section.hasTextChanges else { return }
            for paragraph in visibleParagraphs(section.bodyParagraphs, context: context) {
                guard let paragraph else { line("    …"); continue }
                line("    " + shortened(paragraph).map(inline).joined())
            }
        }
    }

    /// The paragraph with long equal runs cut to ``wordContext`` words next to each change.
    func shortened(_ paragraph: [TextChange]) -> [TextChange] {
        guard paragraph.contains(where: { $0.op != .equal }) else {
            // A context paragraph: its opening words are enough to place the change.
            let text = paragraph.map(\.text).joined()
            let words = text.split(separator: " ", omittingEmptySubsequences: false)
            guard words.count > 2 * Self.wordContext else { return paragraph }
            return [TextChange(op: .equal, text: words.prefix(2 * Self.wordContext).joined(separator: " ") + " …")]
        }
        return paragraph.enumerated().map { k, change in
            guard change.op == .equal else { return change }
            let words = change.text.split(separator: " ", omittingEmptySubsequences: false)
            let keepHead = k > 0 ? Self.wordContext : 0
            let keepTail = k < paragraph.count - 1 ? Self.wordContext : 0
            guard words.count > keepHead + keepTail + 2 else { return change }
            var text = words.prefix(keepHead).joined(separator: " ")
            text += keepHead > 0 ? " … " : "… "
            text += words.suffix(keepTail).joined(separator: " ")
            if keepTail == 0 { text = String(text.dropLast()) }
            return TextChange(op: .equal, text: text)
        }
    }

    mutating func entries(_ title: String, _ changes: EntryChanges) {
        guard !changes.isEmpty else { return }
        line("")
        line(bold(title))
        for entry in changes.added { line("  " + paint("+ " + entry, .insert)) }
        for entry in changes.removed { line("  " + paint("- " + entry, .delete)) }
    }
}

extension String {
    /// The string padded with spaces to at least `width` characters.
    func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
