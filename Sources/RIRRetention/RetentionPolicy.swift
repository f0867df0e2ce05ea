import RIRModel

/// The archive window: how long reports are kept, how early expiry is announced,
/// and how much of the archive one sweep may purge.
///
/// A policy is validated when it is made, so a value of this type is always usable.
/// It never reads a clock: every question takes the date it is asked at.
public struct RetentionPolicy: Sendable, Hashable {
    /// Calendar years a report is kept after publication (`retention.years`, at least 1).
    public let years: Int
    /// Days before expiry from which a report is `expiring` (`retention.warn_days`, 0 or more).
    public let warnDays: Int
    /// The largest share of the archive's reports one sweep may purge without
    /// `--force` (`retention.max_purge_fraction`, in (0, 1]).
    public let maxPurgeFraction: Double

    /// The IRB's own window: 7 years, warned 90 days ahead, at most 10% per sweep.
    public static let standard = RetentionPolicy(checked: 7, 90, 0.10)

    /// Creates a policy, or throws ``RetentionError`` naming the first setting out of range.
    public init(years: Int = 7, warnDays: Int = 90, maxPurgeFraction: Double = 0.10) throws(RetentionError) {
        guard years >= 1 else { throw .invalidYears(years) }
        guard warnDays >= 0 else { throw .invalidWarnDays(warnDays) }
        guard maxPurgeFraction > 0, maxPurgeFraction <= 1 else { throw .invalidPurgeFraction(maxPurgeFraction) }
        self.init(checked: years, warnDays, maxPurgeFraction)
    }

    private init(checked years: Int, _ warnDays: Int, _ maxPurgeFraction: Double) {
        self.years = years
        self.warnDays = warnDays
        self.maxPurgeFraction = maxPurgeFraction
    }
}

/// Where a report stands in the archive window at a date.
public enum RetentionStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// More than `warnDays` days before expiry.
    case active
    /// Expiry is 1 to `warnDays` days away.
    case expiring
    /// The expiry date is today or past.
    case expired
}

// MARK: - Dates and status

extension RetentionPolicy {
    /// The first day a report published on `published` is past its window:
    /// publication plus ``years`` calendar years, 29 February becoming 28 February.
    public func expiry(ofPublished published: CalendarDate) -> CalendarDate {
        published.adding(years: years)
    }

    /// Days from `asOf` to the expiry date: positive while the report is in its
    /// window, 0 on the expiry date, negative after it.
    public func daysLeft(published: CalendarDate, asOf: CalendarDate) -> Int {
        asOf.days(until: expiry(ofPublished: published))
    }

    /// `expired` when `asOf` is on or after the expiry date, `expiring` when expiry
    /// is 1 to ``warnDays`` days away, else `active`.
    public func status(published: CalendarDate, asOf: CalendarDate) -> RetentionStatus {
        status(daysLeft: daysLeft(published: published, asOf: asOf))
    }

    func status(daysLeft: Int) -> RetentionStatus {
        if daysLeft <= 0 { return .expired }
        if daysLeft <= warnDays { return .expiring }
        return .active
    }

    /// Everything `retention status ID` shows about one report at `asOf`.
    public func standing(of id: ReportID, published: CalendarDate, holds: Int,
                         asOf: CalendarDate) -> RetentionStanding {
        let left = daysLeft(published: published, asOf: asOf)
        return RetentionStanding(id: id, asOf: asOf, published: published,
                                 expires: expiry(ofPublished: published), daysLeft: left,
                                 status: status(daysLeft: left), holds: max(0, holds))
    }

    /// Why a new capture of a report must be rejected at `asOf`, or nil when it may
    /// be stored: a report past its window is rejected unless it is under hold.
    ///
    /// The first line is the reason the ingest outcome records; a `hint:` line follows.
    public func captureRejection(of id: ReportID, published: CalendarDate, held: Bool,
                                 asOf: CalendarDate) -> String? {
        let expires = expiry(ofPublished: published)
        guard !held, asOf >= expires else { return nil }
        return """
            expired: \(id) was published on \(published.iso) and left the \(years)-year window on \
            \(expires.iso) (as of \(asOf.iso))
            hint: place a hold with `retention hold \(id) --reason TEXT` to keep it, or check --as-of
            """
    }
}

// MARK: - Standing

/// One report's place in the archive window at a date, as `retention status` shows it.
public struct RetentionStanding: Sendable, Hashable, Codable {
    /// The report.
    public let id: ReportID
    /// The date the standing was computed at.
    public let asOf: CalendarDate
    /// The publication date.
    public let published: CalendarDate
    /// The first day the report is past its window.
    public let expires: CalendarDate
    /// Days from `asOf` to `expires` (0 or negative once expired).
    public let daysLeft: Int
    /// Active, expiring or expired at `asOf`; a hold does not change it.
    public let status: RetentionStatus
    /// Active legal holds on the report.
    public let holds: Int

    /// Whether at least one legal hold is active.
    public var held: Bool { holds > 0 }
    /// Whether a sweep at `asOf` would purge the report (expired and not held).
    public var purgeable: Bool { status == .expired && !held }

    enum CodingKeys: String, CodingKey {
        case id, asOf = "as_of", published, expires, daysLeft = "days_left", status, holds
    }
}
