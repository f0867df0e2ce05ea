/// How a ``RevisionDiff`` is rendered by ``RevisionDiff/text(_:)``,
/// ``RevisionDiff/unified(_:)`` and ``RevisionDiff/html(_:)``.
public struct DiffRenderOptions: Sendable, Hashable {
    /// ANSI colour in the terminal and unified views. Deciding it (TTY, `NO_COLOR`) is the caller's job.
    public var colour: Bool
    /// Unchanged paragraphs shown around each change in the text and HTML views;
    /// unchanged lines around each hunk in the unified view (one paragraph is one line there).
    public var context: Int
    /// Only the section with this number on either side; nil for the whole diff.
    /// With a section chosen, metadata and back-matter changes are left out.
    public var section: String?

    /// Creates options; by default no colour, one paragraph (one unified line) of context, every section.
    public init(colour: Bool = false, context: Int = 1, section: String? = nil) {
        self.colour = colour
        self.context = max(0, context)
        self.section = section
    }
}

extension RevisionDiff {
    /// Whether a section numbered `number` exists on either side.
    public func hasSection(numbered number: String) -> Bool {
        sections.contains { $0.isNumbered(number) }
    }

    /// The sections a rendering covers: all, or those numbered `options.section` on either side.
    func sections(for options: DiffRenderOptions) -> [SectionDiff] {
        guard let number = options.section else { return sections }
        return sections.filter { $0.isNumbered(number) }
    }

    /// `MEX201601.E revision 1 → revision 2`, or both IDs when the reports differ.
    var title: String {
        from.id == to.id
            ? "\(to.id): revision \(from.revision) → revision \(to.revision)"
            : "\(from.id) revision \(from.revision) → \(to.id) revision \(to.revision)"
    }

    /// `12 unchanged, 2 modified; 1 metadata field changed, 3 references added`:
    /// the section statuses that occur, then the counts of changed metadata
    /// fields and of notes, references and additional sources added and removed
    /// (only those that occur), each noun singular or plural as its count asks.
    var summaryLine: String {
        let statuses = SectionStatus.allCases.compactMap { status in
            summary[status] > 0 ? "\(summary[status]) \(status.rawValue)" : nil
        }
        func counted(_ n: Int, _ noun: String, _ what: String) -> String? {
            n == 0 ? nil : "\(n) \(noun)\(n == 1 ? "" : "s") \(what)"
        }
        let others = [
            counted(metadata.count, "metadata field", "changed"),
            counted(notes.added.count, "note", "added"),
            counted(notes.removed.count, "note", "removed"),
            counted(references.added.count, "reference", "added"),
            counted(references.removed.count, "reference", "removed"),
            counted(additionalSources.added.count, "additional source", "added"),
            counted(additionalSources.removed.count, "additional source", "removed"),
        ].compactMap { $0 }
        let sections = statuses.isEmpty ? "no sections" : statuses.joined(separator: ", ")
        return others.isEmpty ? sections : sections + "; " + others.joined(separator: ", ")
    }
}

// MARK: - Shared pieces of the renderers

extension SectionDiff {
    /// `3.1`, `3.1 → 3.2` when the number changed, or empty for the unnumbered section.
    var numberLabel: String {
        switch (fromNumber, toNumber) {
        case let (a?, b?) where a != b: "\(a) → \(b)"
        case let (a?, _): a
        case let (nil, b?): b
        case (nil, nil): ""
        }
    }

    /// The section's title as a reader sees it: `3.2 Farmers`; `(untitled opening text)` without a heading.
    var displayTitle: String {
        let number = toNumber ?? fromNumber
        switch (number, heading) {
        case let (n?, h?): return "\(n) \(h)"
        case let (nil, h?): return h
        case let (n?, nil): return n
        case (nil, nil): return "(opening text)"
        }
    }

    /// Whether the section's text differs between the sides.
    var hasTextChanges: Bool { changes.contains { $0.op != .equal } }

    /// The section's runs cut into paragraphs at blank lines (`"\n\n"`).
    var paragraphs: [[TextChange]] {
        var out: [[TextChange]] = [[]]
        for change in changes {
            let pieces = change.text.split(separator: "\n\n", omittingEmptySubsequences: false)
            for (k, piece) in pieces.enumerated() {
                if k > 0 { out.append([]) }
                if !piece.isEmpty { out[out.count - 1].append(TextChange(op: change.op, text: String(piece))) }
            }
        }
        return out.filter { !$0.isEmpty }
    }

    /// ``paragraphs`` without the heading paragraph when the heading did not change
    /// (the views print the heading in the section's title line).
    var bodyParagraphs: [[TextChange]] {
        let all = paragraphs
        guard fromNumber != nil || toNumber != nil, let first = all.first,
              status == .added || status == .removed || first.allSatisfy({ $0.op == .equal })
        else { return all }
        return Array(all.dropFirst())
    }
}

/// Which paragraphs of a section to show: every changed one, with `context`
/// unchanged ones on each side; nil entries stand for elided runs.
func visibleParagraphs(_ paragraphs: [[TextChange]], context: Int) -> [[TextChange]?] {
    let changed = paragraphs.indices.filter { i in paragraphs[i].contains { $0.op != .equal } }
    var shown = Set<Int>()
    for i in changed {
        for k in max(0, i - context)...min(paragraphs.count - 1, i + context) { shown.insert(k) }
    }
    var out: [[TextChange]?] = []
    for i in paragraphs.indices {
        if shown.contains(i) {
            out.append(paragraphs[i])
        } else if out.last.map({ $0 != nil }) ?? true {
            out.append(nil)
        }
    }
    return out
}
