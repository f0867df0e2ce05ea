import RIRModel
import RIRRetention
import RIRStore

/// Where a report stands in the retention window, for `retention status`.
public enum RetentionState: Sendable {
    /// In the archive: its standing and every hold placed on it.
    case archived(RetentionStanding, holds: [Hold])
    /// Not in the archive (yet): the holds that wait for it.
    case awaited(holds: [Hold])
}

extension Archive {
    /// The seven-year window of a report at `asOf`, with its holds. A purged report or an unknown
    /// one without holds is a request error.
    public func retentionStatus(of id: String, asOf: CalendarDate) throws(ArchiveError) -> RetentionState {
        let holds = try stored { () throws(StoreError) in try store.holds(of: id) }
        guard let record = try stored({ () throws(StoreError) in try store.retentionRecord(of: id) }) else {
            if let stone = try stored({ () throws(StoreError) in try store.tombstone(of: id) }) {
                throw .store(.purged(id: id, at: stone.purgedAt, reason: stone.reason))
            }
            if holds.isEmpty { throw .store(.unknownReport(id)) }
            return .awaited(holds: holds)
        }
        let standing = policy.standing(of: record.id, published: record.published, holds: record.holds, asOf: asOf)
        return .archived(standing, holds: holds)
    }

    /// Places a legal hold (also on a report not yet in the archive); returns its number and
    /// whether the report is in the archive now.
    public func placeHold(on id: ReportID, reason: String) throws(ArchiveError) -> (hold: Int64, archived: Bool) {
        let key = id.description
        let hold = try stored { () throws(StoreError) in try store.placeHold(on: key, reason: reason, at: clock.timestamp()) }
        let archived = try stored { () throws(StoreError) in try store.retentionRecord(of: key) } != nil
        return (hold, archived)
    }

    /// Releases one hold (or all of the report's); returns the holds released and how many remain.
    public func releaseHolds(on id: String, hold: Int64?) throws(ArchiveError) -> (released: [Hold], remaining: Int) {
        let released = try stored { () throws(StoreError) in
            try store.releaseHolds(on: id, holdID: hold, at: clock.timestamp())
        }
        let remaining = try stored { () throws(StoreError) in try store.holds(of: id) }.filter { $0.releasedAt == nil }
        return (released, remaining.count)
    }
}
