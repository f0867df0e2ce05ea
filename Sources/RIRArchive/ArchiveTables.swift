import RIRPresentation
import RIRStore

extension TabularReport {
    /// `list`: ID, language, published, revisions, last seen, status, source, title.
    public init(listing reports: [ListedReport]) {
        self.init(columns: [
            .init("id"), .init("language"), .init("published"), .init("revisions", alignment: .right),
            .init("last_seen", title: "LAST SEEN"), .init("status"), .init("source"), .init("title", maxWidth: 50),
        ])
        for report in reports {
            append([.text(report.id.description), .text(report.id.language.rawValue), .date(report.published),
                    .integer(report.revisions), .text(report.lastSeen), .text(report.status), .text(report.source),
                    .text(report.title)])
        }
    }

    /// `audit`: when, the event, the report and the detail.
    public init(audit entries: [AuditEntry]) {
        self.init(columns: [.init("at"), .init("event"), .init("id"), .init("detail", maxWidth: 80)])
        for entry in entries {
            append([.text(entry.at), .text(entry.event), entry.id.map { .text($0) } ?? .null, .text(entry.detail)])
        }
    }

    /// `report changes`: each recorded revision with its diff summary.
    public init(changes: [RecordedChange]) {
        self.init(columns: [
            .init("id"), .init("revision", alignment: .right), .init("recorded"), .init("change"),
            .init("unchanged", alignment: .right), .init("modified", alignment: .right),
            .init("added", alignment: .right), .init("removed", alignment: .right),
            .init("renumbered", alignment: .right), .init("moved", alignment: .right),
            .init("metadata"), .init("references_added", title: "REFS +", alignment: .right),
            .init("references_removed", title: "REFS -", alignment: .right), .init("title", maxWidth: 40),
        ])
        for change in changes {
            let recorded = change.recorded
            guard let diff = change.diff else {
                append([.text(recorded.id), .integer(recorded.revision), .text(recorded.firstSeen),
                        .text("new-document"), .null, .null, .null, .null, .null, .null, .list([]), .null, .null,
                        .text(recorded.title)])
                continue
            }
            let s = diff.summary
            append([.text(recorded.id), .integer(recorded.revision), .text(recorded.firstSeen),
                    .text("new-revision"), .integer(s.unchanged), .integer(s.modified), .integer(s.added),
                    .integer(s.removed), .integer(s.renumbered), .integer(s.moved),
                    .list(diff.metadata.map(\.field)), .integer(diff.references.added.count),
                    .integer(diff.references.removed.count), .text(recorded.title)])
        }
    }
}
