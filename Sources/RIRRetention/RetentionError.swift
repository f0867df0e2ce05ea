/// What can go wrong when a retention policy or a report threshold is set up.
///
/// Every message names what failed, the value given and why; an operator-facing
/// `hint:` line follows where there is something to do about it.
public enum RetentionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `retention.years` below 1.
    case invalidYears(Int)
    /// `retention.warn_days` below 0.
    case invalidWarnDays(Int)
    /// `retention.max_purge_fraction` outside (0, 1], or not a number.
    case invalidPurgeFraction(Double)
    /// A day count given to a report (`within`, `older-than`, `unseen-for`) below 0.
    case invalidDays(name: String, value: Int)

    public var description: String {
        switch self {
        case .invalidYears(let years):
            """
            invalid retention policy: retention.years is \(years), must be at least 1
            hint: the IRB keeps RIRs for 7 years; use 7 unless your records schedule says otherwise
            """
        case .invalidWarnDays(let days):
            """
            invalid retention policy: retention.warn_days is \(days), must be 0 or more
            hint: 0 turns the expiring warning off; the default is 90
            """
        case .invalidPurgeFraction(let fraction):
            """
            invalid retention policy: retention.max_purge_fraction is \(fraction), must be above 0 and at most 1
            hint: it is the largest share of the archive one sweep may purge, e.g. 0.10 for 10%
            """
        case .invalidDays(let name, let value):
            "invalid \(name) of \(value) days: must be 0 or more"
        }
    }
}
