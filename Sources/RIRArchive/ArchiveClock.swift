#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import RIRModel

/// Where the archive reads "now": injected, so tests run at a fixed moment and the pure
/// core never reads a clock.
public struct ArchiveClock: Sendable {
    /// Whole seconds since the Unix epoch, UTC.
    public var secondsSinceEpoch: @Sendable () -> Int

    /// A clock from its one reading.
    public init(secondsSinceEpoch: @escaping @Sendable () -> Int) {
        self.secondsSinceEpoch = secondsSinceEpoch
    }

    /// The system's real-time clock.
    public static let system = ArchiveClock { Int(time(nil)) }

    /// A clock that always reads `timestamp` (`2026-11-22T10:11:12Z`); nil when it is not one.
    public static func fixed(_ timestamp: String) -> ArchiveClock? {
        guard let seconds = Timestamp.secondsSinceEpoch(iso: timestamp) else { return nil }
        return ArchiveClock { seconds }
    }

    /// Now, as ISO 8601 UTC with seconds (`2026-11-22T10:11:12Z`).
    public func timestamp() -> String { Timestamp.iso(secondsSinceEpoch: secondsSinceEpoch()) }

    /// Today in UTC.
    public func today() -> CalendarDate {
        CalendarDate(daysSinceEpoch: Int((Double(secondsSinceEpoch()) / 86_400).rounded(.down)))
    }
}
