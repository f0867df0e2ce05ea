/// A length of time written in the configuration as `500ms`, `2s`, `10m`, `24h`, `7d` or a sum such as `1h30m`.
public struct ConfigDuration: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The length in milliseconds.
    public let milliseconds: Int64

    /// Creates a duration of `milliseconds` (negative values are clamped to zero).
    public init(milliseconds: Int64) { self.milliseconds = max(0, milliseconds) }

    /// A duration of whole seconds.
    public static func seconds(_ n: Int64) -> ConfigDuration { ConfigDuration(milliseconds: n * 1000) }
    /// A duration of whole minutes.
    public static func minutes(_ n: Int64) -> ConfigDuration { .seconds(n * 60) }
    /// A duration of whole hours.
    public static func hours(_ n: Int64) -> ConfigDuration { .minutes(n * 60) }
    /// A duration of whole days.
    public static func days(_ n: Int64) -> ConfigDuration { .hours(n * 24) }

    /// The duration as a Swift `Duration`.
    public var duration: Duration { .milliseconds(milliseconds) }

    /// The duration in nanoseconds, saturating at `Int.max` (for Dispatch intervals).
    public var nanoseconds: Int {
        let (value, overflow) = Int(milliseconds).multipliedReportingOverflow(by: 1_000_000)
        return overflow ? Int.max : value
    }

    /// The duration in seconds.
    public var seconds: Double { Double(milliseconds) / 1000 }

    // MARK: - Text

    private static let units: [(suffix: String, milliseconds: Int64)] = [
        ("d", 86_400_000), ("h", 3_600_000), ("m", 60_000), ("s", 1000), ("ms", 1),
    ]

    /// Parses `500ms`, `2s`, `10m`, `24h`, `7d` or a sum of such parts (`1h30m`); nil when the text is not one.
    public init?(parsing text: some StringProtocol) {
        let scalars = Array(text.trimmingSpaces.unicodeScalars)
        guard !scalars.isEmpty else { return nil }
        var total: Int64 = 0
        var index = 0
        while index < scalars.count {
            var number: Int64 = 0
            let digitsStart = index
            while index < scalars.count, ("0"..."9").contains(scalars[index]) {
                let digit = Int64(scalars[index].value - 48)
                let (times, o1) = number.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times.addingReportingOverflow(digit)
                guard !o1, !o2 else { return nil }
                number = sum
                index += 1
            }
            guard index > digitsStart else { return nil }
            let unitStart = index
            while index < scalars.count, ("a"..."z").contains(scalars[index]) { index += 1 }
            let unit = String(String.UnicodeScalarView(scalars[unitStart..<index]))
            guard let factor = Self.units.first(where: { $0.suffix == unit })?.milliseconds else { return nil }
            let (part, o3) = number.multipliedReportingOverflow(by: factor)
            let (sum, o4) = total.addingReportingOverflow(part)
            guard !o3, !o4 else { return nil }
            total = sum
        }
        self.init(milliseconds: total)
    }

    /// The shortest text that parses back to this duration (`24h`, `1h30m`, `500ms`, `0s`).
    public var description: String {
        guard milliseconds > 0 else { return "0s" }
        var rest = milliseconds
        var text = ""
        for unit in Self.units where rest >= unit.milliseconds {
            text += "\(rest / unit.milliseconds)\(unit.suffix)"
            rest %= unit.milliseconds
        }
        return text
    }

    /// Orders durations by length.
    public static func < (lhs: ConfigDuration, rhs: ConfigDuration) -> Bool { lhs.milliseconds < rhs.milliseconds }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    var trimmingSpaces: Substring {
        let s = Substring(self)
        guard let first = s.firstIndex(where: { $0 != " " && $0 != "\t" }),
              let last = s.lastIndex(where: { $0 != " " && $0 != "\t" }) else { return "" }
        return s[first...last]
    }
}
