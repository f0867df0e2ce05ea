// RIRDiff: section-by-section comparison of two revisions of a report, or of a
// report and the one it replaces. Pure: no I/O, no clock, no Foundation.

// MARK: - Sides

/// One side of a diff: a report identifier and one of its revision numbers.
public struct DiffSide: Sendable, Hashable, Codable {
    /// The full report identifier (`MEX201601.E`).
    public var id: String
    /// The revision number (1, 2, …) of that report.
    public var revision: Int

    /// Creates a side.
    public init(id: String, revision: Int) {
        self.id = id
        self.revision = revision
    }
}

// MARK: - Statuses and changes

/// What became of one section between the two sides.
public enum SectionStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Same text, same number, same place in the order.
    case unchanged
    /// Text changed (the number may have changed too).
    case modified
    /// Only in the new side.
    case added
    /// Only in the old side.
    case removed
    /// Same text, different number, order kept (as when a section is inserted before it).
    case renumbered
    /// Outside the longest run of paired sections that keeps its relative order.
    case moved
}

/// The kind of one run of text in a word-level diff.
public enum ChangeOperation: String, Sendable, Hashable, Codable {
    /// Text present on both sides.
    case equal
    /// Text only in the new side.
    case insert
    /// Text only in the old side.
    case delete
}

/// One run of text in a word-level diff. Concatenating the `equal` and `insert`
/// runs gives the new text exactly; the `equal` and `delete` runs give the old text.
public struct TextChange: Sendable, Hashable, Codable {
    /// Whether the run is kept, inserted or deleted.
    public var op: ChangeOperation
    /// The run's text, exactly as stored.
    public var text: String

    /// Creates a run.
    public init(op: ChangeOperation, text: String) {
        self.op = op
        self.text = text
    }
}

/// The comparison of one section (or of a section present on one side only).
///
/// `changes` covers the section's heading and body as one text: the heading, a
/// blank line, then the body (just the body for the unnumbered section). An
/// `added` section is one `insert` run, a `removed` one one `delete` run, and a
/// paired section whose text is identical one `equal` run, so the diff alone
/// reproduces both revisions' section texts.
///
/// The runs of a modified section are cleaned up for reading, not minimal: a
/// common word left between two longer edits is folded into them, a lone
/// insertion or deletion starts at a paragraph, sentence or word start where
/// the texts allow, and a paragraph whose equal runs hold under 40 % of the
/// words of its shorter version is one `delete` of its old text then one
/// `insert` of its new text. A one-word edit stays one word.
public struct SectionDiff: Sendable, Hashable, Codable {
    /// What became of the section.
    public var status: SectionStatus
    /// The section's number in the old side; nil when added or unnumbered.
    public var fromNumber: String?
    /// The section's number in the new side; nil when removed or unnumbered.
    public var toNumber: String?
    /// The new side's heading when there is one, else the old side's; nil for the unnumbered section.
    public var heading: String?
    /// The word-level runs of the section text.
    public var changes: [TextChange]

    /// Creates a section comparison.
    public init(status: SectionStatus, fromNumber: String?, toNumber: String?, heading: String?,
                changes: [TextChange]) {
        self.status = status
        self.fromNumber = fromNumber
        self.toNumber = toNumber
        self.heading = heading
        self.changes = changes
    }

    /// The section text of the old side (equal and delete runs); empty for an added section.
    public var oldText: String { changes.reduce(into: "") { if $1.op != .insert { $0 += $1.text } } }
    /// The section text of the new side (equal and insert runs); empty for a removed section.
    public var newText: String { changes.reduce(into: "") { if $1.op != .delete { $0 += $1.text } } }

    /// Whether the section is listed as `number` on either side.
    public func isNumbered(_ number: String) -> Bool {
        fromNumber == number || toNumber == number
    }

    enum CodingKeys: String, CodingKey {
        case status, fromNumber = "from_number", toNumber = "to_number", heading, changes
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(status, forKey: .status)
        try c.encode(fromNumber, forKey: .fromNumber)
        try c.encode(toNumber, forKey: .toNumber)
        try c.encode(heading, forKey: .heading)
        try c.encode(changes, forKey: .changes)
    }
}

/// A metadata field whose value differs between the sides.
public struct MetadataChange: Sendable, Hashable, Codable {
    /// `title`, `published` (ISO date), `author`, `replaces` (base IDs joined by `, `) or `closing`.
    public var field: String
    /// The old value; nil when the old side has none.
    public var from: String?
    /// The new value; nil when the new side has none.
    public var to: String?

    /// Creates a field change.
    public init(field: String, from: String?, to: String?) {
        self.field = field
        self.from = from
        self.to = to
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(field, forKey: .field)
        try c.encode(from, forKey: .from)
        try c.encode(to, forKey: .to)
    }
}

/// Entries of a list (references, notes, additional sources) present on one side only.
public struct EntryChanges: Sendable, Hashable, Codable {
    /// Entries of the new side that the old side lacks, in the new side's order.
    public var added: [String]
    /// Entries of the old side that the new side lacks, in the old side's order.
    public var removed: [String]

    /// Creates a list comparison.
    public init(added: [String] = [], removed: [String] = []) {
        self.added = added
        self.removed = removed
    }

    /// Whether nothing was added or removed.
    public var isEmpty: Bool { added.isEmpty && removed.isEmpty }
}

/// How many sections have each status.
public struct DiffSummary: Sendable, Hashable, Codable {
    /// Sections with identical text, number and place.
    public var unchanged: Int
    /// Sections whose text changed.
    public var modified: Int
    /// Sections only in the new side.
    public var added: Int
    /// Sections only in the old side.
    public var removed: Int
    /// Sections whose number alone changed.
    public var renumbered: Int
    /// Sections that left the common order.
    public var moved: Int

    /// Counts the statuses of `sections`.
    public init(counting sections: [SectionDiff]) {
        func count(_ s: SectionStatus) -> Int { sections.reduce(0) { $0 + ($1.status == s ? 1 : 0) } }
        unchanged = count(.unchanged)
        modified = count(.modified)
        added = count(.added)
        removed = count(.removed)
        renumbered = count(.renumbered)
        moved = count(.moved)
    }

    /// The count for one status.
    public subscript(status: SectionStatus) -> Int {
        switch status {
        case .unchanged: unchanged
        case .modified: modified
        case .added: added
        case .removed: removed
        case .renumbered: renumbered
        case .moved: moved
        }
    }
}

// MARK: - The whole result

/// The comparison of two revisions: metadata, sections, notes, references and
/// additional sources. Encodes to the stable JSON contract of design §3, plus the
/// extra keys `notes` and `additional_sources` (both `{added, removed}`).
public struct RevisionDiff: Sendable, Hashable, Codable {
    /// The new side's report ID when both sides are the same report, else `OLD..NEW`
    /// (`MEX106000.E..MEX201601.E`).
    public var id: String
    /// The old side.
    public var from: DiffSide
    /// The new side.
    public var to: DiffSide
    /// Metadata fields that differ, in the order title, published, author, replaces, closing.
    public var metadata: [MetadataChange]
    /// Every section of both sides, in the new side's order; removed sections sit where they stood in the old one.
    public var sections: [SectionDiff]
    /// Reference entries added and removed (compared by folded text, as a multiset).
    public var references: EntryChanges
    /// Notes added and removed (compared by folded text without the `[n]` marker).
    public var notes: EntryChanges
    /// "Additional Sources Consulted" paragraphs added and removed.
    public var additionalSources: EntryChanges
    /// Counts of section statuses.
    public var summary: DiffSummary

    /// Creates a diff; `summary` is counted from `sections`.
    public init(id: String, from: DiffSide, to: DiffSide, metadata: [MetadataChange],
                sections: [SectionDiff], references: EntryChanges, notes: EntryChanges = EntryChanges(),
                additionalSources: EntryChanges = EntryChanges()) {
        self.id = id
        self.from = from
        self.to = to
        self.metadata = metadata
        self.sections = sections
        self.references = references
        self.notes = notes
        self.additionalSources = additionalSources
        self.summary = DiffSummary(counting: sections)
    }

    /// Whether the two sides have the same content (every section unchanged, nothing else differs).
    public var isEmpty: Bool {
        metadata.isEmpty && references.isEmpty && notes.isEmpty && additionalSources.isEmpty
            && sections.allSatisfy { $0.status == .unchanged }
    }

    enum CodingKeys: String, CodingKey {
        case id, from, to, metadata, sections, references, notes
        case additionalSources = "additional_sources"
        case summary
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        from = try c.decode(DiffSide.self, forKey: .from)
        to = try c.decode(DiffSide.self, forKey: .to)
        metadata = try c.decode([MetadataChange].self, forKey: .metadata)
        sections = try c.decode([SectionDiff].self, forKey: .sections)
        references = try c.decode(EntryChanges.self, forKey: .references)
        notes = try c.decodeIfPresent(EntryChanges.self, forKey: .notes) ?? EntryChanges()
        additionalSources = try c.decodeIfPresent(EntryChanges.self, forKey: .additionalSources)
            ?? EntryChanges()
        summary = try c.decodeIfPresent(DiffSummary.self, forKey: .summary) ?? DiffSummary(counting: sections)
    }
}
