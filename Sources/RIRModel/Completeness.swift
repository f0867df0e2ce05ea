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

extension Report {
    /// Whether this capture looks like a broken extraction of `latest`: it lacks the
    /// closing paragraph or a part of the back matter that `latest` has, or has lost
    /// most of its sections. Nil when it is complete enough to be a revision.
    public func incompleteness(comparedWith latest: Report) -> IncompleteReason? {
        if latest.closing != nil, closing == nil { return .lostClosing }
        if !latest.references.isEmpty, references.isEmpty { return .lostBackMatter("references") }
        if !latest.notes.isEmpty, notes.isEmpty { return .lostBackMatter("notes") }
        if !latest.additionalSources.isEmpty, additionalSources.isEmpty {
            return .lostBackMatter("additional sources")
        }
        let before = latest.sections.count
        // "Most" sections lost: fewer than half remain of a report that had at least 3.
        if before >= 3, sections.count * 2 < before {
            return .lostSections(kept: sections.count, of: before)
        }
        return nil
    }
}
