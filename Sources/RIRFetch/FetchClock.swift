import CCurl
import Glibc

/// The time sources the fetcher waits on: injectable so tests never really wait.
public struct FetchClock: Sendable {
    /// Monotonic seconds, for politeness delays between requests.
    public var now: @Sendable () -> Double
    /// Seconds since the Unix epoch, to turn a `Retry-After` HTTP-date into a wait.
    public var wallNow: @Sendable () -> Double
    /// Blocks the calling thread for the given seconds.
    public var sleep: @Sendable (Double) -> Void

    /// A clock from its three parts.
    public init(now: @escaping @Sendable () -> Double, wallNow: @escaping @Sendable () -> Double,
                sleep: @escaping @Sendable (Double) -> Void) {
        self.now = now
        self.wallNow = wallNow
        self.sleep = sleep
    }

    /// The system clocks (`CLOCK_MONOTONIC`, `CLOCK_REALTIME`) and `nanosleep`.
    public static let system = FetchClock(
        now: { seconds(of: CLOCK_MONOTONIC) },
        wallNow: { seconds(of: CLOCK_REALTIME) },
        sleep: { duration in
            guard duration > 0 else { return }
            var request = timespec(tv_sec: Int(duration), tv_nsec: Int((duration - duration.rounded(.down)) * 1e9))
            var remaining = timespec()
            while nanosleep(&request, &remaining) == -1, errno == EINTR {
                request = remaining
            }
        }
    )

    private static func seconds(of clock: clockid_t) -> Double {
        var time = timespec()
        clock_gettime(clock, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}

// MARK: - Retry-After

/// The wait a `Retry-After` value asks for, in seconds: delta-seconds or an HTTP-date
/// (compared with `wallNow`); nil when the value is neither. Never negative.
func retryAfterSeconds(_ value: String, wallNow: Double) -> Double? {
    let text = value.trimmingBlanks
    if !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) {
        return Double(text)
    }
    let date = text.withCString { rir_curl_getdate($0) }
    guard date != -1 else { return nil }
    return max(0, Double(date) - wallNow)
}
