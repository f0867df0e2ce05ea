import RIRFetch
import Synchronization

/// A clock that never really waits: `sleep` records the wait and moves `now` forward.
public final class RecordingClock: Sendable {
    private let state: Mutex<(now: Double, sleeps: [Double])>
    /// Seconds since the epoch at monotonic time zero.
    public let wallAtZero: Double

    public init(wallAtZero: Double = 1_700_000_000) {
        self.state = Mutex((now: 0, sleeps: []))
        self.wallAtZero = wallAtZero
    }

    /// The waits asked for, in order.
    public var sleeps: [Double] { state.withLock { $0.sleeps } }

    public var clock: FetchClock {
        FetchClock(
            now: { self.state.withLock { $0.now } },
            wallNow: { self.wallAtZero + self.state.withLock { $0.now } },
            sleep: { seconds in
                self.state.withLock { state in
                    state.sleeps.append(seconds)
                    state.now += seconds
                }
            }
        )
    }
}

/// A transport that answers from a list and records the URLs and headers it was asked for.
public final class ScriptedTransport: FetchTransport {
    private let responses: [Result<TransportResponse, FetchError>]
    private let asked = Mutex<[(url: String, headers: [String: String])]>([])

    public init(_ responses: [Result<TransportResponse, FetchError>]) {
        self.responses = responses
    }

    public var requests: [(url: String, headers: [String: String])] { asked.withLock { $0 } }

    public func perform(_ request: TransportRequest) -> Result<TransportResponse, FetchError> {
        let headers = Dictionary(request.headers.map { ($0.name.lowercased(), $0.value) }, uniquingKeysWith: { $1 })
        let index = asked.withLock { asked in
            asked.append((request.url.string, headers))
            return asked.count - 1
        }
        return responses[min(index, responses.count - 1)]
    }
}

