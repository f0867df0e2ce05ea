import RIRModel
import RIRRetention
import RIRStore

/// What a sweep planned and did.
public struct SweepOutcome: Sendable {
    /// The plan: what is purged, held, refused.
    public var plan: RetentionPlan
    /// The files exported before the purge (when `retention.export_dir` is set).
    public var exported: [String]
    /// Whether it purged (not a dry run, not refused, something to purge).
    public var purged: Bool

    /// Whether the plan, carried out, would change the archive: not refused and something to purge.
    /// A caller that planned on a read-only archive opens it for writing only then, so that a refusal,
    /// like a dry run, leaves the file byte-identical.
    public var wouldPurge: Bool { !plan.refused && !plan.purge.isEmpty }

    /// `sweep as of 2026-12-01: purged 2 of 10 reports, 1 held`, or the refusal.
    public var summary: String {
        if let reason = plan.reason { return "sweep refused: \(reason)" }
        return "sweep as of \(plan.asOf.iso): purged \(purged ? plan.purge.count : 0) of \(plan.totalReports) reports, \(plan.held.count) held"
    }
}

extension Archive {
    /// A retention sweep at `asOf`: plan with the policy; unless `dryRun` or refused by the valve
    /// (more than `retention.max_purge_fraction` without `force`), export each report if
    /// configured, purge it, then rewrite the search index and checkpoint the WAL so the deleted
    /// bytes and words are gone.
    public func sweep(asOf: CalendarDate, dryRun: Bool, force: Bool) throws(ArchiveError) -> SweepOutcome {
        let records = try stored { () throws(StoreError) in try store.retentionRecords() }
        let plan = policy.plan(for: records.map(\.archivedReport.retentionSubject), asOf: asOf, force: force)
        // Nothing is written before this point, so a refusal never touches the file.
        guard !dryRun, !plan.refused, !plan.purge.isEmpty else {
            let outcome = SweepOutcome(plan: plan, exported: [], purged: false)
            // A refusal needs an operator: it is an event. A sweep with nothing to purge is not news.
            if !dryRun, plan.refused {
                try stored { () throws(StoreError) in
                    try store.recordEvent(.sweep, at: clock.timestamp(), payload: outcome.eventPayload)
                }
            }
            return outcome
        }
        var exported: [String] = []
        let purged = plan.entries.filter { plan.purge.contains($0.id) }
        // The sweep's result is known from its plan: it is recorded with the last purge, in its transaction.
        let result = SweepOutcome(plan: plan, exported: [], purged: true).eventPayload
        for entry in purged {
            let id = entry.id.description
            if let folder = config.retention.exportDir {
                exported += try export(id, to: folder)
            }
            let reason = "expired on \(entry.expired.iso) (\(policy.years)-year window, swept as of \(asOf.iso))"
            _ = try stored { () throws(StoreError) in
                try store.purge(id, reason: reason, at: clock.timestamp(), rewritingIndex: false,
                                sweepEvent: entry.id == purged.last?.id ? result : nil)
            }
        }
        // One index rewrite for the whole sweep (so no segment keeps a purged word), then the
        // checkpoint that takes the deleted pages out of the WAL.
        try stored { () throws(StoreError) in try store.rewriteSearchIndex() }
        try stored { () throws(StoreError) in try store.checkpoint() }
        return SweepOutcome(plan: plan, exported: exported, purged: true)
    }
}

extension SweepOutcome {
    /// The `sweep` event's payload: the summary line (the purged reports are in the audit trail).
    var eventPayload: NotificationPayload {
        NotificationPayload(reason: plan.reason, summary: summary)
    }
}

extension RetentionRecord {
    /// The record as the pure report functions take it.
    public var archivedReport: ArchivedReport {
        ArchivedReport(id: id, title: title, published: published, lastSeenAtSource: lastSeenAtSource,
                       hasURLSource: hasURLSource, goneFromSource: goneFromSource, holds: holds, replaces: replaces)
    }
}
