import RIRDiff
import RIRModel
import RIRStore

/// What a report said at a moment, with the evidence: the captures on either side.
public struct ReportAtMoment: Sendable {
    /// The revision in force and the captures around the moment.
    public var inForce: RevisionInForce
    /// That revision's content.
    public var report: Report
    /// When the revision was first and last seen.
    public var firstSeen: String
    public var lastSeen: String
}

extension Archive {
    /// The moment a user means: `YYYY-MM-DDTHH:MM:SSZ` as is, a date alone as the end of that day (UTC).
    public static func moment(_ text: String) throws(ArchiveError) -> String {
        guard let moment = Timestamp.moment(text) else {
            throw .request("\(text) is not a date (YYYY-MM-DD) or a UTC timestamp (YYYY-MM-DDTHH:MM:SSZ)")
        }
        return moment
    }

    /// The capture time `ingest --captured-at` means: a full timestamp as is, a date alone as the
    /// start of that day (UTC).
    public static func captureTime(_ text: String) -> String? {
        if Timestamp.isValid(text) { return text }
        return CalendarDate(iso: text).map { $0.iso + "T00:00:00Z" }
    }

    /// The revision in force at `moment` (the revision of the last capture at or before it).
    public func revision(_ id: String, at moment: String) throws(ArchiveError) -> ReportAtMoment {
        let inForce = try stored { () throws(StoreError) in try store.revision(of: id, at: moment) }
        let (_, report) = try revision(id, number: inForce.revision)
        let timeline = try stored { () throws(StoreError) in try store.timeline(of: id) }
        let entry = timeline.first { $0.revision == inForce.revision }
        return ReportAtMoment(inForce: inForce, report: report, firstSeen: entry?.firstSeen ?? "",
                              lastSeen: entry?.lastSeen ?? "")
    }

    /// The revisions in force at two moments, diffed.
    public func diff(_ id: String, at first: String, _ second: String) throws(ArchiveError) -> RevisionDiff {
        let old = try stored { () throws(StoreError) in try store.revision(of: id, at: first) }
        let new = try stored { () throws(StoreError) in try store.revision(of: id, at: second) }
        return try diff(revisionsOf: id, from: old.revision, to: new.revision)
    }

    /// Every stored text that matches an FTS5 query (phrases, prefixes, AND/OR/NOT).
    public func search(_ query: String, filters: SearchFilters) throws(ArchiveError) -> [SearchHit] {
        try stored { () throws(StoreError) in try store.search(query, filters: filters) }
    }

    /// Per paragraph of a revision (the latest when nil), since when it has stood unchanged.
    public func blame(_ id: String, revision: Int?, section: String?) throws(ArchiveError) -> [ParagraphProvenance] {
        let timeline = try stored { () throws(StoreError) in try store.timedRevisions(of: id) }
        let number: Int
        if let revision { number = revision } else {
            number = try stored { () throws(StoreError) in try store.latestRevision(of: id) }
        }
        do {
            return try Provenance.blame(timeline.revisions, revision: number, section: section)
        } catch {
            throw .request(error.description)
        }
    }

    /// Per report, the revision spans that held a phrase, and whether its successors carry it on.
    public func trace(_ phrase: String) throws(ArchiveError) -> [PhraseTrace] {
        let timelines = try stored { () throws(StoreError) in try store.traceTimelines(of: phrase) }
        do {
            return try Provenance.trace(phrase, in: timelines)
        } catch {
            throw .request(error.description)
        }
    }
}
