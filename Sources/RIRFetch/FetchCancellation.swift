import Glibc
import Synchronization

/// A flag that stops the fetches watching it: a transfer in progress aborts at libcurl's next
/// progress callback (at least once a second, even when no byte arrives), and a wait between two
/// attempts ends early.
///
/// Cancelling is for good: a cancelled token stays cancelled; ``reset()`` starts afresh (for a
/// fetcher that is used again, e.g. in tests).
public final class FetchCancellation: Sendable {
    private let state = Mutex(false)

    /// A token that is not cancelled.
    public init() {}

    /// Whether ``cancel()`` was called.
    public var isCancelled: Bool { state.withLock { $0 } }

    /// Stops every fetch watching this token.
    public func cancel() { state.withLock { $0 = true } }

    /// Clears the flag.
    public func reset() { state.withLock { $0 = false } }

    /// Waits `seconds` on `clock`, in slices of at most a quarter second so that a cancellation
    /// ends the wait; returns false when it was cancelled.
    func wait(_ seconds: Double, on clock: FetchClock) -> Bool {
        var left = seconds
        while left > 0 {
            if isCancelled { return false }
            let slice = min(left, 0.25)
            clock.sleep(slice)
            left -= slice
        }
        return !isCancelled
    }
}
