import RIRDiff
import RIRModel
import RIRRetention
import RIRStore

/// One report of `list`.
public struct ListedReport: Sendable, Hashable {
    public var id: ReportID
    public var published: CalendarDate
    public var revisions: Int
    public var lastSeen: String
    /// `active`, `expiring`, `expired` or `held`.
    public var status: String
    /// `file` (only ever arrived as a file), `url`, or `gone` (its page answered 404/410).
    public var source: String
    public var title: String
}

/// One revision of `report changes`, with the summary of its diff against the one before
/// (nil for a report's first revision).
public struct RecordedChange: Sendable {
    public var recorded: RecordedRevision
    public var diff: RevisionDiff?
}

extension Archive {
    /// Every report with its retention status at `asOf`.
    public func list(asOf: CalendarDate) throws(ArchiveError) -> [ListedReport] {
        try stored { () throws(StoreError) in try store.retentionRecords() }.map { record in
            ListedReport(
                id: record.id, published: record.published, revisions: record.revisions, lastSeen: record.lastSeen,
                status: record.holds > 0 ? "held" : policy.status(published: record.published, asOf: asOf).rawValue,
                source: record.goneFromSource ? "gone" : record.hasURLSource ? "url" : "file",
                title: record.title)
        }
    }

    /// Reports whose expiry falls within `within` days after `asOf` (default `retention.warn_days`).
    public func expiring(asOf: CalendarDate, within: Int?) throws(ArchiveError) -> [RetentionReportRow] {
        // Only reports whose expiry can fall in (as-of, as-of + window] are read: their
        // publication dates lie `years` earlier, give or take the 29 February rule.
        let window = within ?? policy.warnDays
        let earliest = asOf.adding(years: -policy.years).adding(days: -1)
        let latest = asOf.adding(days: max(window, 0)).adding(years: -policy.years).adding(days: 1)
        let candidates = try stored { () throws(StoreError) in
            try store.expiryCandidates(published: earliest...max(earliest, latest))
        }
        do {
            return try policy.expiring(
                in: candidates.map { ArchivedReport(id: $0.id, title: $0.title, published: $0.published, holds: $0.holds) },
                asOf: asOf, withinDays: within)
        } catch {
            throw .request(error.description)
        }
    }

    /// Reports that are old, superseded, or unseen at their source (thresholds default to `reports.*`).
    public func stale(asOf: CalendarDate, olderThan: Int?, unseenFor: Int?) throws(ArchiveError) -> [RetentionReportRow] {
        let criteria: StaleCriteria
        do {
            criteria = try StaleCriteria(olderThanDays: olderThan ?? config.reports.staleAfterDays,
                                         unseenForDays: unseenFor ?? config.reports.unseenAfterDays)
        } catch {
            throw .request(error.description)
        }
        let records = try stored { () throws(StoreError) in try store.retentionRecords() }
        return policy.stale(in: records.map(\.archivedReport), asOf: asOf, criteria: criteria)
    }

    /// Revisions recorded from `since` to `until` (both days included), each with its diff summary.
    public func changes(since: CalendarDate, until: CalendarDate) throws(ArchiveError) -> [RecordedChange] {
        let recorded = try stored { () throws(StoreError) in
            try store.revisions(since: since.iso, before: until.adding(days: 1).iso)
        }
        return try withDiffs(recorded)
    }

    /// Each recorded revision with its diff against the revision before it (nil for a first revision).
    func withDiffs(_ recorded: [RecordedRevision]) throws(ArchiveError) -> [RecordedChange] {
        var changes: [RecordedChange] = []
        for revision in recorded {
            let diff = revision.revision > 1
                ? try diff(revisionsOf: revision.id, from: revision.revision - 1, to: revision.revision) : nil
            changes.append(RecordedChange(recorded: revision, diff: diff))
        }
        return changes
    }

    /// The audit trail from `since` on (everything when nil).
    public func audit(since: CalendarDate?) throws(ArchiveError) -> [AuditEntry] {
        try stored { () throws(StoreError) in try store.audit(since: since?.iso) }
    }

    // MARK: - Diffs

    /// Two revisions of one report: `from` defaults to the one before `to`, `to` to the latest.
    public func diff(revisionsOf id: String, from: Int? = nil, to: Int? = nil) throws(ArchiveError) -> RevisionDiff {
        let newNumber: Int
        if let to { newNumber = to } else {
            newNumber = try stored { () throws(StoreError) in try store.latestRevision(of: id) }
        }
        let oldNumber = from ?? newNumber - 1
        guard oldNumber >= 1 else {
            throw .request("\(id) has only one revision, so there is nothing to diff yet\nhint: rir-archive diff \(id) OTHER-ID compares it with another report")
        }
        let old = try stored { () throws(StoreError) in try store.report(id, revision: oldNumber) }
        let new = try stored { () throws(StoreError) in try store.report(id, revision: newNumber) }
        return RevisionDiffer.diff(from: old.report, DiffSide(id: id, revision: old.revision),
                                   to: new.report, DiffSide(id: id, revision: new.revision))
    }

    /// The latest revisions of two reports (a report and the one that replaces it).
    public func diff(report oldID: String, against newID: String) throws(ArchiveError) -> RevisionDiff {
        let old = try stored { () throws(StoreError) in try store.report(oldID) }
        let new = try stored { () throws(StoreError) in try store.report(newID) }
        return RevisionDiffer.diff(from: old.report, DiffSide(id: oldID, revision: old.revision),
                                   to: new.report, DiffSide(id: newID, revision: new.revision))
    }

    // MARK: - One report

    /// The revisions of a report in timeline order (by first capture), each with its captures
    /// in the order they were captured.
    public func history(of id: String) throws(ArchiveError) -> [RevisionSummary] {
        let revisions = try stored { () throws(StoreError) in try store.history(of: id) }
        let order = try stored { () throws(StoreError) in try store.timeline(of: id) }.map(\.revision)
        return revisions
            .sorted { (order.firstIndex(of: $0.revision) ?? .max) < (order.firstIndex(of: $1.revision) ?? .max) }
            .map { revision in
                var revision = revision
                revision.captures.sort { $0.capturedAt < $1.capturedAt }
                return revision
            }
    }

    /// One revision of a report (the latest when nil).
    public func revision(_ id: String, number: Int? = nil) throws(ArchiveError) -> (revision: Int, report: Report) {
        try stored { () throws(StoreError) in try store.report(id, revision: number) }
    }

    /// One section of a revision, or a request error that lists the sections it has.
    public func section(_ number: String, of id: String, revision: Int? = nil) throws(ArchiveError) -> Section {
        let (found, report) = try self.revision(id, number: revision)
        guard let section = report.section(numbered: number) else {
            let numbers = report.sections.compactMap(\.number).joined(separator: ", ")
            throw .request("\(id) revision \(found) has no section \(number); its sections are \(numbers.isEmpty ? "unnumbered" : numbers)")
        }
        return section
    }

    /// The first capture of a revision (of the latest when nil), byte for byte.
    public func rawCapture(_ id: String, revision: Int? = nil) throws(ArchiveError) -> [UInt8] {
        try stored { () throws(StoreError) in try store.rawCapture(id, revision: revision) }
    }

    /// The whole-archive check.
    public func verify() throws(ArchiveError) -> VerifyReport {
        try stored { () throws(StoreError) in try store.verify() }
    }
}
