/// Why a capture that parsed is not accepted as a revision of a report.
public enum IncompleteReason: Sendable, Hashable, CustomStringConvertible {
    case lostClosing
    case lostBackMatter(String)
    case lostSections(kept: Int, of: Int)

    public var description: String {
        switch self {
        case .lostClosing:
            "the closing paragraph that the latest revision has is missing"
        case .lostBackMatter(let part):
            "the \(part) that the latest revision has are missing"
        case .lostSections(let kept, let total):
            "only \(kept) of the latest revision's \(total) sections are present"
        }
    }
}

/// What the completeness judgement needs to know of a revision: which parts it has and how many
/// sections. A store keeps these in the revision's row, so judging a capture needs no texts.
public struct RevisionShape: Sendable, Hashable {
    /// Whether the revision has a closing paragraph.
    public var hasClosing: Bool
    /// Whether it has notes.
    public var hasNotes: Bool
    /// Whether it has references.
    public var hasReferences: Bool
    /// Whether it has additional sources consulted.
    public var hasAdditionalSources: Bool
    /// How many sections its body has.
    public var sectionCount: Int

    /// A shape with these parts and this many sections.
    public init(hasClosing: Bool, hasNotes: Bool, hasReferences: Bool, hasAdditionalSources: Bool, sectionCount: Int) {
        self.hasClosing = hasClosing
        self.hasNotes = hasNotes
        self.hasReferences = hasReferences
        self.hasAdditionalSources = hasAdditionalSources
        self.sectionCount = sectionCount
    }
}

extension Report {
    /// Whether this capture looks like a broken extraction of `latest`: it lacks the
    /// closing paragraph or a part of the back matter that `latest` has, or has lost
    /// most of its sections. Nil when it is complete enough to be a revision.
    public func incompleteness(comparedWith latest: Report) -> IncompleteReason? {
        incompleteness(comparedWith: latest.shape)
    }

    /// ``incompleteness(comparedWith:)`` against the shape of the latest revision.
    public func incompleteness(comparedWith latest: RevisionShape) -> IncompleteReason? {
        if latest.hasClosing, closing == nil { return .lostClosing }
        if latest.hasReferences, references.isEmpty { return .lostBackMatter("references") }
        if latest.hasNotes, notes.isEmpty { return .lostBackMatter("notes") }
        if latest.hasAdditionalSources, additionalSources.isEmpty {
            return .lostBackMatter("additional sources")
        }
        let before = latest.sectionCount
        // "Most" sections lost: fewer than half remain of a report that had at least 3.
        if before >= 3, sections.count * 2 < before {
            return .lostSections(kept: sections.count, of: before)
        }
        return nil
    }

    /// Which parts this report has, and how many sections.
    public var shape: RevisionShape {
        RevisionShape(hasClosing: closing != nil, hasNotes: !notes.isEmpty, hasReferences: !references.isEmpty,
                      hasAdditionalSources: !additionalSources.isEmpty, sectionCount: sections.count)
    }
}
