import Synchronization

/// Fetches IRB pages politely: conditional requests, a minimum delay per site,
/// bounded retries with backoff, redirects only to allowed hosts, and never a
/// partial body.
///
/// `fetch` blocks the calling thread (it sleeps between attempts); call it off any
/// thread that must stay responsive. One fetcher may be shared between threads:
/// the politeness delay is kept per site across all of them.
public final class Fetcher: Sendable {
    /// The settings every request uses (``update(_:)`` replaces them, keeping the politeness state).
    public var settings: FetchSettings { current.withLock { $0 } }
    private let current: Mutex<FetchSettings>
    private let transport: any FetchTransport
    private let clock: FetchClock
    /// When each site may next be asked, in `clock.now()` seconds.
    private let nextTurn = Mutex<[String: Double]>([:])
    /// When set, stops transfers in progress and waits between attempts once cancelled.
    public let cancellation: FetchCancellation?

    /// A fetcher over `transport` (libcurl by default), waiting on `clock` (the system clock by default);
    /// `cancellation`, when given, lets another thread stop its fetches (a daemon that is stopping).
    public init(settings: FetchSettings = FetchSettings(), transport: any FetchTransport = CurlTransport(),
                clock: FetchClock = .system, cancellation: FetchCancellation? = nil) {
        current = Mutex(settings)
        self.transport = transport
        self.clock = clock
        self.cancellation = cancellation
    }

    /// Fetches `url`, conditionally when `validators` are given.
    ///
    /// Plain `http` is used only for loopback hosts, or for any host when `allowHTTP` is true
    /// (a source that says so explicitly).
    public func fetch(_ url: String, validators: Validators? = nil, allowHTTP: Bool = false) -> FetchOutcome {
        do {
            return fetch(try SourceURL(url), validators: validators, allowHTTP: allowHTTP)
        } catch {
            return .failed(error)
        }
    }

    /// Replaces the settings (after a configuration reload); the per-site delays already owed stay.
    public func update(_ settings: FetchSettings) {
        current.withLock { $0 = settings }
    }

    /// Fetches `source`, conditionally when `validators` are given, with retries and redirect checks.
    ///
    /// The whole fetch, every attempt and wait included, stays within `settings.maxTimePerURL`:
    /// each attempt's total timeout is cut to the time left, and a retry that could not start
    /// before the deadline is not made (``FetchError/outOfTime(url:seconds:attempts:last:)``).
    public func fetch(_ source: SourceURL, validators: Validators? = nil, allowHTTP: Bool = false) -> FetchOutcome {
        let settings = self.settings
        let deadline = clock.now() + settings.maxTimePerURL
        var attempt = 1
        while true {
            if cancellation?.isCancelled == true { return .failed(.cancelled(url: source.string)) }
            let wait: Double
            let last: FetchError
            switch followingRedirects(from: source, validators: validators, allowHTTP: allowHTTP,
                                      deadline: deadline) {
            case .success(let (finalURL, response)):
                if let outcome = Self.outcome(of: response, finalURL: finalURL, validators: validators) {
                    return outcome
                }
                let error = FetchError.httpStatus(url: source.string, status: response.status, attempts: attempt)
                guard error.isTransient, attempt <= settings.retries else { return .failed(error) }
                wait = retryAfter(response) ?? backoff(afterAttempt: attempt)
                last = error
            case .failure(let error):
                if case .cancelled = error { return .failed(error) }
                if case .outOfTime = error { return .failed(error) }
                guard error.isTransient, attempt <= settings.retries else {
                    return .failed(error.after(attempts: attempt))
                }
                wait = backoff(afterAttempt: attempt)
                last = error
            }
            if clock.now() + wait >= deadline {
                return .failed(.outOfTime(url: source.string, seconds: settings.maxTimePerURL, attempts: attempt,
                                          last: last.description))
            }
            guard sleep(wait) else { return .failed(.cancelled(url: source.string)) }
            attempt += 1
        }
    }

    /// Sleeps on the clock; with a cancellation token, in slices that a cancellation ends (false).
    private func sleep(_ seconds: Double) -> Bool {
        guard let cancellation else {
            clock.sleep(seconds)
            return true
        }
        return cancellation.wait(seconds, on: clock)
    }

    // MARK: - One attempt

    /// The outcome a final (non-redirect) response stands for, or nil when it is an HTTP failure.
    private static func outcome(of response: TransportResponse, finalURL: SourceURL,
                                validators: Validators?) -> FetchOutcome? {
        let received = Validators(etag: response.header("etag"), lastModified: response.header("last-modified"))
        switch response.status {
        case 304:
            return .notModified(received.filling(from: validators))
        case 404, 410:
            return .gone(status: response.status)
        case 200...299 where response.status != 206:
            var fetched = FetchResponse(finalURL: finalURL.string, status: response.status, body: response.body,
                                        validators: received, contentType: response.header("content-type"))
            fetched.statusLine = response.statusLine ?? "HTTP/1.1 \(response.status)"
            fetched.headerText = response.headerLines.isEmpty
                ? response.headers.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "\r\n")
                : response.headerLines.joined(separator: "\r\n")
            return .fetched(fetched)
        default:
            return nil
        }
    }

    /// Requests `source` and follows up to `maxRedirects` redirects, each checked against the allowed hosts.
    private func followingRedirects(from source: SourceURL, validators: Validators?, allowHTTP: Bool,
                                    deadline: Double) -> Result<(SourceURL, TransportResponse), FetchError> {
        var current = source
        for _ in 0...settings.maxRedirects {
            guard FetchSettings.allowsScheme(of: current, allowHTTP: allowHTTP) else {
                return .failure(.plainHTTPNotAllowed(url: current.string))
            }
            guard awaitTurn(at: current.site) else { return .failure(.cancelled(url: source.string)) }
            // The attempt may take no longer than what is left of the URL's budget.
            var limited = settings
            let left = deadline - clock.now()
            guard left > 0 else {
                return .failure(.outOfTime(url: source.string, seconds: settings.maxTimePerURL, attempts: 1,
                                           last: nil))
            }
            limited.totalTimeout = min(settings.totalTimeout, left)
            limited.connectTimeout = min(settings.connectTimeout, limited.totalTimeout)
            let request = TransportRequest(url: current, headers: Self.requestHeaders(validators), settings: limited,
                                           cancellation: cancellation)
            let result = transport.perform(request)
            finishTurn(at: current.site)
            let response: TransportResponse
            switch result {
            case .success(let received): response = received
            case .failure(let error): return .failure(error)
            }
            guard [301, 302, 303, 307, 308].contains(response.status) else {
                return checkedComplete(response, from: current).map { (current, $0) }
            }
            guard let location = response.header("location"), !location.trimmingBlanks.isEmpty else {
                return .failure(.redirectWithoutLocation(url: current.string, status: response.status))
            }
            let target: SourceURL
            do {
                target = try current.resolving(location)
            } catch {
                return .failure(error)
            }
            guard settings.allowsRedirect(from: source, to: target) else {
                return .failure(.redirectNotAllowed(url: source.string, target: target.string, host: target.host))
            }
            current = target
        }
        return .failure(.tooManyRedirects(url: source.string, limit: settings.maxRedirects))
    }

    /// The response when it is whole and within the cap, whatever the transport: nothing partial gets through.
    private func checkedComplete(_ response: TransportResponse,
                                 from url: SourceURL) -> Result<TransportResponse, FetchError> {
        if response.body.count > settings.maxBodyBytes {
            return .failure(.bodyTooLarge(url: url.string, limit: settings.maxBodyBytes))
        }
        if let shortfall = CurlTransport.contentLengthShortfall(of: response) {
            return .failure(.truncatedBody(url: url.string, received: shortfall.received,
                                           expected: shortfall.expected, attempts: 1))
        }
        return .success(response)
    }

    /// `Accept`, plus `If-None-Match`/`If-Modified-Since` from validators that are safe to send as a header.
    static func requestHeaders(_ validators: Validators?) -> [(name: String, value: String)] {
        var headers: [(name: String, value: String)] = [
            ("Accept", "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.5"),
        ]
        if let etag = validators?.etag, isHeaderSafe(etag) {
            headers.append(("If-None-Match", etag))
        }
        if let lastModified = validators?.lastModified, isHeaderSafe(lastModified) {
            headers.append(("If-Modified-Since", lastModified))
        }
        return headers
    }

    /// Printable ASCII only: a stored validator can never inject a header line.
    private static func isHeaderSafe(_ value: String) -> Bool {
        !value.isEmpty && value.utf8.allSatisfy { (0x20...0x7E).contains($0) }
    }

    // MARK: - Waiting

    /// The wait a 429 or 503 asks for with `Retry-After`, capped at `maxRetryWait`.
    private func retryAfter(_ response: TransportResponse) -> Double? {
        guard response.status == 429 || response.status == 503,
              let value = response.header("retry-after"),
              let seconds = retryAfterSeconds(value, wallNow: clock.wallNow()) else { return nil }
        return min(seconds, settings.maxRetryWait)
    }

    /// Exponential backoff with jitter: between half and all of `base × 2^(attempt−1)`, capped.
    private func backoff(afterAttempt attempt: Int) -> Double {
        let ceiling = min(settings.maxRetryWait, settings.retryBaseDelay * Double(1 << min(attempt - 1, 20)))
        return ceiling / 2 + Double.random(in: 0...(ceiling / 2))
    }

    /// Blocks until `site` may be asked again, and reserves the turn; false when cancelled meanwhile.
    private func awaitTurn(at site: String) -> Bool {
        let now = clock.now()
        let wait = nextTurn.withLock { turns in
            let start = max(now, turns[site] ?? now)
            turns[site] = start + settings.minHostDelay
            return start - now
        }
        return wait > 0 ? sleep(wait) : cancellation?.isCancelled != true
    }

    /// Counts the delay from the end of a request, however long it took.
    private func finishTurn(at site: String) {
        let now = clock.now()
        nextTurn.withLock { turns in
            turns[site] = max(turns[site] ?? now, now + settings.minHostDelay)
        }
    }
}
