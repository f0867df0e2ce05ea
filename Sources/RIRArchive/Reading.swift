import RIRDiff
import RIRModel
import RIRStore

/// What the report page of the web interface shows: the latest revision, the timeline, the
/// reports around it and where it stands in the retention window.
public struct ReportOverview: Sendable {
    /// The latest revision's number and content.
    public var latestRevision: Int
    public var latest: Report
    /// The revisions in timeline order, each with its captures.
    public var history: [RevisionSummary]
    /// Reports whose latest revision replaces this one.
    public var replacedBy: [String]
    /// The same report in the other language (`.E` ↔ `.F` or `.EF`), when the archive holds it.
    public var otherLanguage: String?
    /// The retention standing and holds.
    public var retention: RetentionState
}

extension Archive {
    /// Everything the report page shows about `id` at `asOf`.
    public func overview(of id: String, asOf: CalendarDate) throws(ArchiveError) -> ReportOverview {
        let (number, latest) = try revision(id, number: nil)
        let history = try history(of: id)
        let replacedBy = try stored { () throws(StoreError) in try store.successors(of: id) }
        let versions = try stored { () throws(StoreError) in try store.versions(ofBase: latest.id.baseID) }
        let other = versions.first { ReportID($0).map { $0.language != latest.id.language } ?? false }
        return ReportOverview(latestRevision: number, latest: latest, history: history, replacedBy: replacedBy,
                              otherLanguage: other,
                              retention: try retentionStatus(of: id, asOf: asOf))
    }

    /// The report a Memento URI-R names: a report ID as is, or the URL of a page it was captured from.
    public func reportID(original text: String) throws(ArchiveError) -> String {
        if ReportID(text) != nil { return text }
        guard let id = try stored({ () throws(StoreError) in try store.reportID(capturedFrom: text) }) else {
            throw .request("no report in the archive was captured from \(text)")
        }
        return id
    }

    /// The latest `limit` revisions recorded (newest first), each with the summary of its diff
    /// against the revision before it (nil for a report's first revision).
    public func recentChanges(limit: Int) throws(ArchiveError) -> [RecordedChange] {
        try withDiffs(try stored { () throws(StoreError) in try store.latestRevisions(limit: limit) })
    }

    /// One capture of report `id` by its SHA-256, with its exact bytes; a hash that is not one of
    /// the report's captures is a request error (so no other report's bytes are reachable).
    public func capture(of id: String, sha256: String) throws(ArchiveError) -> (capture: CaptureSummary, bytes: [UInt8]) {
        let capture = try history(of: id).lazy.flatMap(\.captures).first { $0.sha256 == sha256.lowercased() }
        guard let capture else { throw .request("\(id) has no capture \(sha256)") }
        let bytes = try stored { () throws(StoreError) in try store.captureBytes(sha256: capture.sha256) }
        return (capture, bytes)
    }
}
