/// One revision of a report placed on the report's timeline: its number, its
/// content, and the first and last `captured_at` of its captures.
///
/// A report's timeline orders its captures by `captured_at`; the captures of one
/// revision form one unbroken stretch of it, so a list of these in timeline order
/// is the whole history of what the report said and when.
public struct TimedRevision: Sendable, Hashable {
    /// The revision number (a stable name, given in recording order).
    public var revision: Int
    /// The normalized content of the revision.
    public var report: Report
    /// When its stretch of the timeline began: its first capture's `captured_at`.
    public var firstSeen: String
    /// Its last capture's `captured_at`.
    public var lastSeen: String

    public init(revision: Int, report: Report, firstSeen: String, lastSeen: String) {
        self.revision = revision
        self.report = report
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
    }
}

/// A report's revisions in timeline order, with the reports that declare they replace it.
public struct ReportTimeline: Sendable, Hashable {
    public var id: ReportID
    /// Its revisions in timeline order (by first capture).
    public var revisions: [TimedRevision]
    /// Reports whose "This Response replaces …" names this report's base ID.
    public var replacedBy: [ReportID]

    public init(id: ReportID, revisions: [TimedRevision], replacedBy: [ReportID] = []) {
        self.id = id
        self.revisions = revisions
        self.replacedBy = replacedBy
    }
}

extension Timestamp {
    /// Whether `text` is a timestamp as rir-archive records them: `YYYY-MM-DDTHH:MM:SSZ`,
    /// a real day and a time of day within 00:00:00…23:59:59. Such timestamps sort lexically.
    public static func isValid(_ text: some StringProtocol) -> Bool {
        secondsSinceEpoch(iso: text) != nil
    }

    /// The moment a user means by `text`: a full timestamp as it is, or a date alone
    /// (`YYYY-MM-DD`) as the end of that day, UTC (`YYYY-MM-DDT23:59:59Z`). Nil when it is neither.
    public static func moment(_ text: some StringProtocol) -> String? {
        if isValid(text) { return String(text) }
        guard let day = CalendarDate(iso: text) else { return nil }
        return day.iso + "T23:59:59Z"
    }
}
