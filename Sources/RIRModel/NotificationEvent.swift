/// What a notification tells of (design §12); the raw values are the names the configuration's
/// `events:` lists and the outbox use.
public enum NotificationKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// A report seen for the first time.
    case newReport = "new-report"
    /// A new revision of a report already in the archive.
    case newRevision = "new-revision"
    /// A fetched page answered 404 or 410: the report is gone from its source.
    case gone
    /// The daily digest of reports entering the expiry warning window.
    case expiring
    /// What a retention sweep purged (or why it refused to).
    case sweep
    /// A capture the archive refused (for the operator).
    case rejected
    /// A message sent by `notify test`, never recorded as an event.
    case test

    /// The kinds an archive records (every kind but ``test``).
    public static let recorded: [NotificationKind] = allCases.filter { $0 != .test }
}

/// One report in an `expiring` digest.
public struct ExpiringEntry: Sendable, Hashable, Codable {
    /// The full report ID (`MEX201601.E`).
    public var id: String
    /// Its title.
    public var title: String
    /// The day it leaves the archive window (ISO date).
    public var expires: String

    /// Creates an entry.
    public init(id: String, title: String, expires: String) {
        self.id = id
        self.title = title
        self.expires = expires
    }
}

/// What a message about an event needs, stored as JSON with the event (snake_case keys).
///
/// Every field is optional: each kind fills the ones it has (a sweep has a summary and no report).
public struct NotificationPayload: Sendable, Hashable, Codable {
    /// The report's title.
    public var title: String?
    /// `en` or `fr`: the language of the report, and of the mail about it.
    public var language: String?
    /// The revision the event is about.
    public var revision: Int?
    /// The revision it is compared with (the one in force before it on the timeline).
    public var previousRevision: Int?
    /// For a return to older content: the first revision with that content.
    public var sameContentAs: Int?
    /// The section counts of the diff (`2 modified, 1 added`); filled by the application layer.
    public var diffSummary: String?
    /// Where the capture came from (file, URL).
    public var source: String?
    /// Why a capture was refused, or the HTTP status of a page that is gone.
    public var reason: String?
    /// A sweep's one-line result.
    public var summary: String?
    /// When the capture was made, for events that come from one.
    public var capturedAt: String?
    /// The reports of an `expiring` digest.
    public var expiring: [ExpiringEntry]?

    /// Creates a payload; every field defaults to absent.
    public init(title: String? = nil, language: String? = nil, revision: Int? = nil, previousRevision: Int? = nil,
                sameContentAs: Int? = nil, diffSummary: String? = nil, source: String? = nil, reason: String? = nil,
                summary: String? = nil, capturedAt: String? = nil, expiring: [ExpiringEntry]? = nil) {
        self.title = title
        self.language = language
        self.revision = revision
        self.previousRevision = previousRevision
        self.sameContentAs = sameContentAs
        self.diffSummary = diffSummary
        self.source = source
        self.reason = reason
        self.summary = summary
        self.capturedAt = capturedAt
        self.expiring = expiring
    }

    enum CodingKeys: String, CodingKey {
        case title, language, revision, source, reason, summary, expiring
        case previousRevision = "previous_revision"
        case sameContentAs = "same_content_as"
        case diffSummary = "diff_summary"
        case capturedAt = "captured_at"
    }
}

/// One event of the outbox: what happened, to which report, when, and what a message needs.
public struct NotificationEvent: Sendable, Hashable {
    /// The outbox row id (0 for a `notify test` message, which is never stored).
    public var id: Int64
    /// What happened.
    public var kind: NotificationKind
    /// The report it is about (nil for a sweep or a digest).
    public var reportID: String?
    /// When it happened, ISO 8601 UTC.
    public var at: String
    /// What a message needs.
    public var payload: NotificationPayload

    /// Creates an event.
    public init(id: Int64, kind: NotificationKind, reportID: String?, at: String, payload: NotificationPayload) {
        self.id = id
        self.kind = kind
        self.reportID = reportID
        self.at = at
        self.payload = payload
    }
}
