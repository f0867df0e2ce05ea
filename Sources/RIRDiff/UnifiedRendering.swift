extension RevisionDiff {
    /// A standard unified diff of the normalized body text: one line per heading
    /// (`1. Overview`, `3.1 Migrants`) and per paragraph, `o.context` unchanged
    /// lines around each hunk, and the heading of the section a hunk changes as
    /// its hunk context (`@@ -40,3 +41,3 @@ 3.1 Migrants`). Metadata, notes,
    /// references and additional sources, which are lists rather than running
    /// text, are listed in `#` lines before the `---` header, where patch tools
    /// ignore them. Coloured like `git diff` when `o.colour` is set.
    public func unified(_ o: DiffRenderOptions) -> String {
        let (old, new) = normalizedLines()
        var painter = UnifiedPainter(colour: o.colour)
        painter.add("# \(title)", .header)
        if o.section == nil {
            for change in metadata {
                painter.add("# \(change.field) was: \(change.from ?? "(none)")", .header)
                painter.add("# \(change.field) now: \(change.to ?? "(none)")", .header)
            }
            for (name, changes) in [("note", notes), ("reference", references),
                                    ("additional source", additionalSources)] {
                for entry in changes.added { painter.add("# \(name) added: \(entry)", .header) }
                for entry in changes.removed { painter.add("# \(name) removed: \(entry)", .header) }
            }
        }
        painter.add("--- \(from.id) revision \(from.revision)", .header)
        painter.add("+++ \(to.id) revision \(to.revision)", .header)

        let (oldNumbers, newNumbers) = Interned.numbers(old.map(\.text), new.map(\.text))
        var edits: [Edit] = []
        var i = 0, j = 0
        for step in SequenceDiff.script(oldNumbers, newNumbers) {
            switch step {
            case .equal(let n): i += n; j += n
            case .change(let d, let ins):
                let section = d > 0 ? old[i].section : new[j].section
                let included = o.section.map { sections[section].isNumbered($0) } ?? true
                edits.append(Edit(oldLine: i, newLine: j, deleted: d, inserted: ins, included: included))
                i += d; j += ins
            }
        }
        // Edits whose context overlaps share a hunk; a hunk is shown when it holds a chosen edit.
        var groups: [[Edit]] = []
        for edit in edits {
            if let last = groups.last?.last, edit.oldLine - (last.oldLine + last.deleted) <= 2 * o.context {
                groups[groups.count - 1].append(edit)
            } else {
                groups.append([edit])
            }
        }
        for group in groups where group.contains(where: \.included) {
            let first = group[0], last = group[group.count - 1]
            let lead = min(o.context, first.oldLine)
            let oldStart = first.oldLine - lead, newStart = first.newLine - lead
            let oldEnd = min(old.count, last.oldLine + last.deleted + o.context)
            let newEnd = newStart + (oldEnd - oldStart) + group.reduce(0) { $0 + $1.inserted - $1.deleted }
            let labelled = group.first(where: \.included) ?? first
            let section = labelled.deleted > 0 ? old[labelled.oldLine].section : new[labelled.newLine].section
            painter.add("@@ -\(range(oldStart, oldEnd - oldStart)) +\(range(newStart, newEnd - newStart)) @@ "
                        + sections[section].displayTitle, .hunk)
            var a = oldStart, b = newStart
            for edit in group {
                while a < edit.oldLine { painter.add(" " + old[a].text, .context); a += 1; b += 1 }
                for k in 0..<edit.deleted { painter.add("-" + old[a + k].text, .delete) }
                for k in 0..<edit.inserted { painter.add("+" + new[b + k].text, .insert) }
                a += edit.deleted; b += edit.inserted
            }
            while a < oldEnd { painter.add(" " + old[a].text, .context); a += 1 }
        }
        return painter.out
    }

    /// `start,count` in unified-diff form: 1-based; `start` alone when count is 1;
    /// the line before the hunk when count is 0.
    private func range(_ start: Int, _ count: Int) -> String {
        switch count {
        case 0: "\(start),0"
        case 1: "\(start + 1)"
        default: "\(start + 1),\(count)"
        }
    }

    /// One changed stretch of lines.
    private struct Edit {
        var oldLine: Int, newLine: Int, deleted: Int, inserted: Int
        /// Whether it lies in the chosen section (always, without a choice).
        var included: Bool
    }

    /// One line of the normalized body text and the index of the section it belongs to.
    struct BodyLine {
        var text: String
        var section: Int
    }

    /// The normalized body text of each side, one heading or paragraph per line.
    func normalizedLines() -> (old: [BodyLine], new: [BodyLine]) {
        var old: [BodyLine] = [], new: [BodyLine] = []
        for (index, section) in sections.enumerated() {
            if section.status != .added {
                old += Self.lines(section.oldText, number: section.fromNumber).map { BodyLine(text: $0, section: index) }
            }
            if section.status != .removed {
                new += Self.lines(section.newText, number: section.toNumber).map { BodyLine(text: $0, section: index) }
            }
        }
        return (old, new)
    }

    /// A section's lines: the heading paragraph gets its number (`1. ` at level 1, `3.1 ` deeper).
    static func lines(_ text: String, number: String?) -> [String] {
        var paragraphs = text.split(separator: "\n\n").map { String($0).replacingNewlines() }
        if let number, !paragraphs.isEmpty {
            paragraphs[0] = (number.contains(".") ? "\(number) " : "\(number). ") + paragraphs[0]
        }
        return paragraphs
    }
}

extension String {
    /// The text with line breaks turned into spaces, so that a paragraph stays one line.
    func replacingNewlines() -> String {
        guard contains(where: \.isNewline) else { return self }
        return String(map { $0.isNewline ? " " : $0 })
    }
}

/// Numbers equal strings alike across two lists.
enum Interned {
    static func numbers(_ a: [String], _ b: [String]) -> ([Int], [Int]) {
        var table: [String: Int] = [:]
        func number(_ s: String) -> Int {
            if let n = table[s] { return n }
            table[s] = table.count
            return table.count - 1
        }
        let x = a.map(number)
        return (x, b.map(number))
    }
}

/// Collects unified-diff lines, coloured like `git diff` when asked.
struct UnifiedPainter {
    enum Kind { case header, hunk, context, delete, insert }

    let colour: Bool
    var out = ""

    mutating func add(_ line: String, _ kind: Kind) {
        guard colour else { out += line + "\n"; return }
        let code: String? = switch kind {
        case .header: "1"
        case .hunk: "36"
        case .delete: "31"
        case .insert: "32"
        case .context: nil
        }
        if let code { out += "\u{1B}[\(code)m\(line)\u{1B}[0m\n" } else { out += line + "\n" }
    }
}
