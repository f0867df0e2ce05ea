import RIRModel

/// What the store knows about one report when a sweep is planned.
public struct RetentionSubject: Sendable, Hashable {
    /// The report.
    public var id: ReportID
    /// Its title, for the plan's listing.
    public var title: String
    /// Its publication date, from which expiry is counted.
    public var published: CalendarDate
    /// The number of legal holds currently active on it (0 when none).
    public var holds: Int

    /// Creates a subject.
    public init(id: ReportID, title: String, published: CalendarDate, holds: Int = 0) {
        self.id = id
        self.title = title
        self.published = published
        self.holds = holds
    }
}

/// The outcome of planning a sweep: which reports go, which are kept by a hold,
/// and whether the safety valve stopped the sweep.
///
/// ``purge`` is what the store may delete: it is empty when the plan is
/// ``refused``, so a store that purges exactly `purge` can never bypass the valve.
/// ``candidates`` always lists what the window alone would purge.
public struct RetentionPlan: Sendable, Hashable {
    /// One expired report in the plan, for listings.
    public struct Entry: Sendable, Hashable {
        /// The report.
        public let id: ReportID
        /// Its title.
        public let title: String
        /// Its publication date.
        public let published: CalendarDate
        /// The day it left the window.
        public let expired: CalendarDate
        /// Active holds; a held entry is kept.
        public let holds: Int
    }

    /// The date the plan was made for.
    public let asOf: CalendarDate
    /// Expired, unheld reports to purge, sorted by ID; empty when ``refused``.
    public let purge: [ReportID]
    /// Expired, unheld reports, sorted by ID, whether or not the valve refused.
    public let candidates: [ReportID]
    /// Expired reports kept because at least one hold is active, sorted by ID.
    public let held: [ReportID]
    /// The number of distinct reports in the archive.
    public let totalReports: Int
    /// Whether the valve refused the sweep: too large a share of the archive, no `--force`.
    public let refused: Bool
    /// Why the sweep was refused, with the numbers and how to override; nil otherwise.
    public let reason: String?
    /// `candidates.count / totalReports` (0 for an empty archive).
    public let fraction: Double
    /// Whether `--force` was given (and so the valve was not applied).
    public let forced: Bool
    /// Every expired report (candidates and held), sorted by ID.
    public let entries: [Entry]
}

// MARK: - Planning

extension RetentionPolicy {
    /// Plans a sweep of `subjects` (every report in the archive) at `asOf`.
    ///
    /// Expired reports with no active hold are candidates; expired reports under
    /// hold are listed in `held`. When the candidates are more than
    /// ``maxPurgeFraction`` of the archive and `force` is false, the plan is
    /// refused and purges nothing. An empty archive has nothing to purge and is
    /// never refused. Subjects repeated with the same ID count once.
    public func plan(for subjects: [RetentionSubject], asOf: CalendarDate, force: Bool) -> RetentionPlan {
        var candidates = Set<ReportID>()
        var held = Set<ReportID>()
        var all = Set<ReportID>()
        var expired: [ReportID: RetentionPlan.Entry] = [:]
        for subject in subjects {
            all.insert(subject.id)
            let expiry = expiry(ofPublished: subject.published)
            guard asOf >= expiry else { continue }
            if subject.holds > 0 { held.insert(subject.id) } else { candidates.insert(subject.id) }
            let holds = max(subject.holds, expired[subject.id]?.holds ?? 0)
            expired[subject.id] = RetentionPlan.Entry(id: subject.id, title: subject.title, published: subject.published,
                                        expired: expiry, holds: holds)
        }
        // A report listed twice, once with a hold, stays held.
        candidates.subtract(held)

        let fraction = all.isEmpty ? 0 : Double(candidates.count) / Double(all.count)
        let refused = !force && fraction > maxPurgeFraction
        let sortedCandidates = candidates.sorted()
        return RetentionPlan(
            asOf: asOf,
            purge: refused ? [] : sortedCandidates,
            candidates: sortedCandidates,
            held: held.sorted(),
            totalReports: all.count,
            refused: refused,
            reason: refused ? valveReason(candidates: candidates.count, total: all.count, fraction: fraction) : nil,
            fraction: fraction,
            forced: force,
            entries: expired.values.sorted { $0.id < $1.id })
    }

    private func valveReason(candidates: Int, total: Int, fraction: Double) -> String {
        "would purge \(candidates) of \(total) reports (\(DecimalText.fixed(fraction * 100, places: 1))%), above "
            + "retention.max_purge_fraction \(DecimalText.setting(maxPurgeFraction)); "
            + "check the clock and --as-of, then re-run with --force"
    }
}

// MARK: - Number formatting

/// Decimal text for messages, without Foundation.
public enum DecimalText {
    /// `value` rounded half away from zero to `places` decimals: `fixed(30, places: 1)` is `30.0`.
    public static func fixed(_ value: Double, places: Int) -> String {
        var scale = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = Int((abs(value) * Double(scale)).rounded())
        let whole = String(scaled / scale)
        let sign = value < 0 && scaled > 0 ? "-" : ""
        guard places > 0 else { return sign + whole }
        let fraction = String(scaled % scale)
        return sign + whole + "." + String(repeating: "0", count: places - fraction.count) + fraction
    }

    /// A setting as an operator wrote it, with at least two decimals: `0.1` → `0.10`, `0.125` → `0.125`.
    public static func setting(_ value: Double) -> String {
        var text = value.description
        guard let dot = text.firstIndex(of: "."), !text.contains("e") else { return text }
        let decimals = text.distance(from: text.index(after: dot), to: text.endIndex)
        if decimals < 2 { text += String(repeating: "0", count: 2 - decimals) }
        return text
    }
}
