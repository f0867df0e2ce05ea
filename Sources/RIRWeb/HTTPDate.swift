import RIRModel

/// RFC 7231 IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), the form of `Memento-Datetime` and
/// `Accept-Datetime`, converted to and from the archive's timestamps by arithmetic (no locale,
/// no Foundation formatter: a dozen lines that cannot disagree with `Timestamp`).
enum HTTPDate {
    private static let days = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The HTTP date of an archive timestamp (`2026-11-22T10:11:12Z`); nil for any other text.
    static func format(_ timestamp: String) -> String? {
        guard let seconds = Timestamp.secondsSinceEpoch(iso: timestamp),
              let date = CalendarDate(iso: timestamp.prefix(10)) else { return nil }
        let weekday = days[((date.daysSinceEpoch % 7) + 7) % 7]
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let rest = seconds - date.daysSinceEpoch * 86_400
        return "\(weekday), \(two(date.day)) \(months[date.month - 1]) \(date.year) "
            + "\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60)) GMT"
    }

    /// The archive timestamp of an HTTP date; nil when it is not IMF-fixdate.
    static func parse(_ text: String) -> String? {
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[5] == "GMT", let day = Int(parts[1]),
              let month = months.firstIndex(of: String(parts[2])), let year = Int(parts[3]),
              let date = CalendarDate(year: year, month: month + 1, day: day) else { return nil }
        let time = parts[4].split(separator: ":").compactMap { Int($0) }
        guard time.count == 3, (0...23).contains(time[0]), (0...59).contains(time[1]), (0...60).contains(time[2])
        else { return nil }
        return Timestamp.iso(secondsSinceEpoch: date.daysSinceEpoch * 86_400 + time[0] * 3600 + time[1] * 60
                             + min(time[2], 59))
    }
}
