import Foundation
import RIRFetch
import RIRTestSupport
import Testing

/// One URL's total time is bounded, and a fetch can be cancelled while a server stalls.
@Suite struct FetchBoundsTests {
    private let pageURL = "https://irb-cisr.gc.ca/en/country-information/rir/Pages/index.aspx?doc=458870"

    @Test func retriesStopOnceTheURLsTimeBudgetWouldBePassed() {
        let recording = RecordingClock()
        let busy = Result<TransportResponse, FetchError>.success(
            TransportResponse(status: 503, headers: ["Retry-After": "120"], body: []))
        let transport = ScriptedTransport([busy, busy, busy, busy])
        var settings = testSettings(retries: 3)
        settings.maxTimePerURL = 200
        let outcome = Fetcher(settings: settings, transport: transport, clock: recording.clock).fetch(pageURL)
        // One wait of 120 s fits in 200 s; a second would end at 240 s, past the budget.
        #expect(recording.sleeps == [120])
        #expect(transport.requests.count == 2)
        guard case .failed(let error) = outcome, case .outOfTime(let url, let seconds, let attempts, _) = error else {
            Issue.record("expected the budget to run out, got \(outcome)")
            return
        }
        #expect(url == pageURL && seconds == 200 && attempts == 2)
        #expect(error.description.contains("gave up after 200 s, the limit for one URL (2 attempts)"))
        #expect(error.description.contains("last attempt: cannot fetch \(pageURL): HTTP 503"))
        #expect(error.description.contains("hint: the source is slow; fetch.max_time_per_url"))
    }

    @Test func eachAttemptsTimeoutIsCutToWhatIsLeftOfTheBudget() throws {
        let server = try LoopbackHTTPServer(responses: [.stall(seconds: 10), .stall(seconds: 10)])
        defer { server.stop() }
        var settings = testSettings(retries: 5, totalTimeout: 30)
        settings.maxTimePerURL = 1.5
        let start = Date()
        let outcome = Fetcher(settings: settings).fetch(server.url("/slow"))
        #expect(Date().timeIntervalSince(start) < 4)
        guard case .failed(let error) = outcome else {
            Issue.record("expected a failure, got \(outcome)")
            return
        }
        if case .outOfTime = error {} else if case .timedOut = error {} else {
            Issue.record("expected a timeout within the budget, got \(error)")
        }
    }

    @Test func aCancelledFetchOfAStalledServerEndsPromptly() throws {
        let server = try LoopbackHTTPServer(responses: [.stall(seconds: 30)])
        defer { server.stop() }
        let cancellation = FetchCancellation()
        let fetcher = Fetcher(settings: testSettings(retries: 3, totalTimeout: 60), cancellation: cancellation)
        let url = server.url("/stalled")
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) { cancellation.cancel() }
        let start = Date()
        let outcome = fetcher.fetch(url)
        let elapsed = Date().timeIntervalSince(start)
        #expect(outcome == .failed(.cancelled(url: url)))
        // Well inside the unit's stop timeout; the margin is for a loaded machine, not a speed goal.
        #expect(elapsed < 5.0, "took \(elapsed) s")
        // Cancelled for good: the next fetch does not even start.
        #expect(fetcher.fetch(url) == .failed(.cancelled(url: url)))
        #expect(server.requests.count == 1)
    }

    @Test func aCancellationEndsAWaitBetweenTwoAttempts() throws {
        let transport = ScriptedTransport([
            .success(TransportResponse(status: 429, headers: ["Retry-After": "300"], body: [])),
        ])
        let cancellation = FetchCancellation()
        var settings = testSettings(retries: 3)
        settings.maxTimePerURL = 600
        let fetcher = Fetcher(settings: settings, transport: transport, cancellation: cancellation)
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { cancellation.cancel() }
        let start = Date()
        #expect(fetcher.fetch(pageURL) == .failed(.cancelled(url: pageURL)))
        #expect(Date().timeIntervalSince(start) < 2)
    }
}
