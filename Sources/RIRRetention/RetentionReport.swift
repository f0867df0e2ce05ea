import RIRModel

/// What the store knows about one report when the expiring and stale reports are made.
public struct ArchivedReport: Sendable, Hashable {
    /// The report.
    public var id: ReportID
    /// Its title.
    public var title: String
    /// The language of its text (by default the language of its ID suffix).
    public var language: Language
    /// Its publication date.
    public var published: CalendarDate
    /// The last day a fetch found it at its source URL (a 200 or 304); nil when never.
    public var lastSeenAtSource: CalendarDate?
    /// Whether it was ever captured from a URL; a report that only arrived as a file has no source.
    public var hasURLSource: Bool
    /// Whether its source URL last answered 404 or 410.
    public var goneFromSource: Bool
    /// Active legal holds on it (0 when none).
    public var holds: Int
    /// Base IDs (`MEX106000`) its latest revision says it replaces.
    public var replaces: [String]

    /// Creates a report record; `language` defaults to the language of `id`.
    public init(id: ReportID, title: String, language: Language? = nil, published: CalendarDate,
                lastSeenAtSource: CalendarDate? = nil, hasURLSource: Bool = false,
                goneFromSource: Bool = false, holds: Int = 0, replaces: [String] = []) {
        self.id = id
        self.title = title
        self.language = language ?? id.language
        self.published = published
        self.lastSeenAtSource = lastSeenAtSource
        self.hasURLSource = hasURLSource
        self.goneFromSource = goneFromSource
        self.holds = holds
        self.replaces = replaces
    }

    /// The same report as a sweep plans it.
    public var retentionSubject: RetentionSubject {
        RetentionSubject(id: id, title: title, published: published, holds: holds)
    }
}

/// Why a report is listed as stale.
public enum StaleReason: String, Sendable, Hashable, Codable, CaseIterable {
    /// Published longer ago than the age threshold.
    case age
    /// Another report in the archive declares that it replaces this one.
    case superseded
    /// Captured from a URL, and not seen there for longer than the unseen threshold
    /// (or the source answered 404/410).
    case unseen
}

/// The thresholds of the stale report.
public struct StaleCriteria: Sendable, Hashable {
    /// A report published more than this many days before the as-of date is stale by `age`.
    public let olderThanDays: Int
    /// A report captured from a URL and not seen there for more than this many days is `unseen`.
    public let unseenForDays: Int

    /// Three years of age (1095 days), thirty days unseen.
    public static let standard = StaleCriteria(checked: 1095, 30)

    /// Creates criteria, or throws ``RetentionError/invalidDays(name:value:)`` for a negative count.
    public init(olderThanDays: Int = 1095, unseenForDays: Int = 30) throws(RetentionError) {
        guard olderThanDays >= 0 else { throw .invalidDays(name: "older-than", value: olderThanDays) }
        guard unseenForDays >= 0 else { throw .invalidDays(name: "unseen-for", value: unseenForDays) }
        self.init(checked: olderThanDays, unseenForDays)
    }

    private init(checked olderThanDays: Int, _ unseenForDays: Int) {
        self.olderThanDays = olderThanDays
        self.unseenForDays = unseenForDays
    }
}

/// One row of the expiring or stale report; its JSON keys are part of the public interface.
public struct RetentionReportRow: Sendable, Hashable, Codable {
    /// The report.
    public var id: ReportID
    /// Its title.
    public var title: String
    /// The language of its text.
    public var language: Language
    /// Its publication date.
    public var published: CalendarDate
    /// The first day it is past its window.
    public var expires: CalendarDate
    /// Days from the as-of date to `expires` (0 or negative once expired).
    public var daysLeft: Int
    /// Whether at least one legal hold is active.
    public var held: Bool
    /// Why it is stale, in the order `age`, `superseded`, `unseen`; empty in the expiring report.
    public var reasons: [StaleReason]
    /// The reports that declare they replace it, sorted; same-language versions preferred.
    public var supersededBy: [ReportID]

    /// The JSON keys, in the order every renderer writes them.
    public enum CodingKeys: String, CodingKey, CaseIterable {
        case id, title, language, published, expires, daysLeft = "days_left", held, reasons,
             supersededBy = "superseded_by"
    }

    /// Creates a row.
    public init(id: ReportID, title: String, language: Language, published: CalendarDate,
                expires: CalendarDate, daysLeft: Int, held: Bool, reasons: [StaleReason] = [],
                supersededBy: [ReportID] = []) {
        self.id = id
        self.title = title
        self.language = language
        self.published = published
        self.expires = expires
        self.daysLeft = daysLeft
        self.held = held
        self.reasons = reasons
        self.supersededBy = supersededBy
    }
}

// MARK: - Expiring

extension RetentionPolicy {
    /// The reports whose expiry falls 1 to `withinDays` days after `asOf` (default
    /// ``warnDays``), held ones included and marked, soonest expiry first.
    ///
    /// Reports already expired are not listed: they belong to the sweep plan.
    public func expiring(in reports: [ArchivedReport], asOf: CalendarDate,
                         withinDays: Int? = nil) throws(RetentionError) -> [RetentionReportRow] {
        let window = withinDays ?? warnDays
        guard window >= 0 else { throw .invalidDays(name: "within", value: window) }
        // One pass that builds only the rows it keeps, then one sort in place: reports listed in
        // publication order come out nearly sorted, which the sort finds in one run.
        var rows: [RetentionReportRow] = []
        for report in reports {
            let left = daysLeft(published: report.published, asOf: asOf)
            if left > 0, left <= window { rows.append(row(for: report, asOf: asOf)) }
        }
        rows.sort { ($0.expires, $0.id) < ($1.expires, $1.id) }
        return rows
    }

    /// The report as a row with no stale reasons (the expiring report's row, or the
    /// start of a stale one).
    public func row(for report: ArchivedReport, asOf: CalendarDate) -> RetentionReportRow {
        RetentionReportRow(id: report.id, title: report.title, language: report.language,
                           published: report.published, expires: expiry(ofPublished: report.published),
                           daysLeft: daysLeft(published: report.published, asOf: asOf),
                           held: report.holds > 0)
    }
}

// MARK: - Stale

extension RetentionPolicy {
    /// The reports that are stale at `asOf`, each with every reason that applies,
    /// oldest publication first.
    ///
    /// - `age`: published more than `criteria.olderThanDays` days before `asOf`;
    /// - `superseded`: another report (with another base ID) lists this one's base ID
    ///   in `replaces`; `supersededBy` names it, preferring its version in this
    ///   report's language when the archive has one;
    /// - `unseen`: captured from a URL and either gone from it (404/410), never
    ///   seen there, or last seen more than `criteria.unseenForDays` days before
    ///   `asOf`. A report that only arrived as a file is never unseen.
    public func stale(in reports: [ArchivedReport], asOf: CalendarDate,
                      criteria: StaleCriteria = .standard) -> [RetentionReportRow] {
        let replacers = Supersession(reports)
        var rows: [RetentionReportRow] = []
        for report in reports {
            var row = row(for: report, asOf: asOf)
            row.supersededBy = replacers.superseding(report)
            if report.published.days(until: asOf) > criteria.olderThanDays { row.reasons.append(.age) }
            if !row.supersededBy.isEmpty { row.reasons.append(.superseded) }
            if isUnseen(report, asOf: asOf, criteria: criteria) { row.reasons.append(.unseen) }
            if !row.reasons.isEmpty { rows.append(row) }
        }
        return rows.sorted { ($0.published, $0.id) < ($1.published, $1.id) }
    }

    private func isUnseen(_ report: ArchivedReport, asOf: CalendarDate, criteria: StaleCriteria) -> Bool {
        guard report.hasURLSource else { return false }
        if report.goneFromSource { return true }
        guard let seen = report.lastSeenAtSource else { return true }
        return seen.days(until: asOf) > criteria.unseenForDays
    }
}

/// The `replaces` edges of an archive, indexed by the base ID they point at.
struct Supersession {
    private var byReplacedBase: [String: [ArchivedReport]] = [:]

    init(_ reports: [ArchivedReport]) {
        for report in reports {
            for base in Set(report.replaces) where base != report.id.baseID {
                byReplacedBase[base, default: []].append(report)
            }
        }
    }

    /// The reports replacing `report`, sorted: for each replacing request, its
    /// version in `report`'s language when the archive has one, else all its versions.
    func superseding(_ report: ArchivedReport) -> [ReportID] {
        guard let replacing = byReplacedBase[report.id.baseID] else { return [] }
        var chosen: [ReportID] = []
        for (_, versions) in Dictionary(grouping: replacing, by: \.id.baseID) {
            let sameLanguage = versions.filter { $0.language == report.language }
            chosen += (sameLanguage.isEmpty ? versions : sameLanguage).map(\.id)
        }
        return Array(Set(chosen)).sorted()
    }
}
