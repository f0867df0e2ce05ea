import RIRModel

/// Compares two revisions of a report, or a report and the one it replaces.
public enum RevisionDiffer {
    /// The section-by-section diff from `old` to `new`.
    ///
    /// Sections are paired and given a status by ``SectionAlignment``; only
    /// paired sections whose text differs are word-diffed, so unchanged
    /// sections cost a string comparison.
    public static func diff(from old: Report, _ oldSide: DiffSide, to new: Report, _ newSide: DiffSide) -> RevisionDiff {
        let alignment = SectionAlignment(old: old.sections, new: new.sections)
        var byNew: [Int: SectionDiff] = [:]
        for (index, pair) in alignment.pairs.enumerated() {
            let before = old.sections[pair.old], after = new.sections[pair.new]
            let sameText = alignment.oldContent[pair.old] == alignment.newContent[pair.new]
            let status: SectionStatus
            if alignment.moved.contains(index) {
                status = .moved
            } else if !sameText {
                status = .modified
            } else {
                status = before.number == after.number ? .unchanged : .renumbered
            }
            byNew[pair.new] = SectionDiff(
                status: status, fromNumber: before.number, toNumber: after.number,
                heading: after.heading ?? before.heading,
                changes: WordDiff.changes(from: sectionText(before), to: sectionText(after)))
        }
        // Removed sections follow the new-side place of the nearest paired old section before them.
        var removedAfter: [Int: [SectionDiff]] = [:]   // key: new index, or -1 for the start
        var anchor = -1
        for (i, section) in old.sections.enumerated() {
            if let j = alignment.oldPartner[i] {
                anchor = j
                continue
            }
            removedAfter[anchor, default: []].append(SectionDiff(
                status: .removed, fromNumber: section.number, toNumber: nil, heading: section.heading,
                changes: WordDiff.changes(from: sectionText(section), to: "")))
        }
        var sections = removedAfter[-1] ?? []
        for (j, section) in new.sections.enumerated() {
            sections.append(byNew[j] ?? SectionDiff(
                status: .added, fromNumber: nil, toNumber: section.number, heading: section.heading,
                changes: WordDiff.changes(from: "", to: sectionText(section))))
            sections += removedAfter[j] ?? []
        }
        return RevisionDiff(
            id: oldSide.id == newSide.id ? newSide.id : "\(oldSide.id)..\(newSide.id)",
            from: oldSide, to: newSide,
            metadata: metadataChanges(old, new),
            sections: sections,
            references: entryChanges(old.references, new.references, key: ContentFolding.fold),
            notes: entryChanges(old.notes, new.notes, key: noteKey),
            additionalSources: entryChanges(old.additionalSources, new.additionalSources,
                                            key: ContentFolding.fold))
    }

    /// The text a section's changes cover: heading, blank line, body; the body alone without a heading.
    static func sectionText(_ section: Section) -> String {
        guard let heading = section.heading else { return section.text }
        return section.text.isEmpty ? heading : heading + "\n\n" + section.text
    }

    // MARK: - Metadata and lists

    static func metadataChanges(_ old: Report, _ new: Report) -> [MetadataChange] {
        func joined(_ ids: [String]) -> String? { ids.isEmpty ? nil : ids.joined(separator: ", ") }
        let fields: [(String, String?, String?)] = [
            ("title", old.title, new.title),
            ("published", old.published.iso, new.published.iso),
            ("author", old.author, new.author),
            ("replaces", joined(old.replaces), joined(new.replaces)),
            ("closing", old.closing, new.closing),
        ]
        return fields.compactMap { field, before, after in
            before.map(ContentFolding.fold) == after.map(ContentFolding.fold)
                ? nil : MetadataChange(field: field, from: before, to: after)
        }
    }

    /// A note's identity: its folded text without the leading `[n]` marker, which
    /// shifts whenever a note is inserted before it.
    static func noteKey(_ note: String) -> String {
        let folded = ContentFolding.fold(note)
        guard folded.hasPrefix("["), let close = folded.firstIndex(of: "]"),
              folded[folded.index(after: folded.startIndex)..<close].allSatisfy(\.isNumber)
        else { return folded }
        return ContentFolding.fold(folded[folded.index(after: close)...])
    }

    /// Entries on one side only, compared as multisets of `key`.
    static func entryChanges(_ old: [String], _ new: [String], key: (String) -> String) -> EntryChanges {
        var remaining: [String: Int] = [:]
        for entry in old { remaining[key(entry), default: 0] += 1 }
        var added: [String] = []
        for entry in new {
            let k = key(entry)
            if let count = remaining[k], count > 0 {
                remaining[k] = count - 1
            } else {
                added.append(entry)
            }
        }
        var removed: [String] = []
        for entry in old.reversed() {
            let k = key(entry)
            if let count = remaining[k], count > 0 {
                remaining[k] = count - 1
                removed.append(entry)
            }
        }
        return EntryChanges(added: added, removed: removed.reversed())
    }
}
