import RIRFetch
import RIRTestSupport
import Testing

/// The fetcher over the real libcurl transport, against a scripted server on 127.0.0.1.
@Suite struct FetcherLoopbackTests {
    private let html = page("<html><body><p>MEX201601.E</p></body></html>")
    private let etag = "\"v1-458870\""
    private let lastModified = "Fri, 01 Sep 2023 12:00:00 GMT"

    @Test func aFirstFetchReturnsTheBodyAndASecondWithItsValidatorsIsNotModified() throws {
        let server = try LoopbackHTTPServer(responses: [
            .reply(status: 200, headers: ["ETag": etag, "Last-Modified": lastModified,
                                          "Content-Type": "text/html; charset=utf-8"], body: html),
            .reply(status: 304, headers: ["ETag": etag]),
        ])
        defer { server.stop() }
        let fetcher = Fetcher(settings: testSettings(), clock: RecordingClock().clock)

        let first = fetcher.fetch(server.url("/en/rir?doc=458870"))
        guard case .fetched(let response) = first else {
            Issue.record("expected a fetched page, got \(first)")
            return
        }
        #expect(response.body == html)
        #expect(response.status == 200)
        #expect(response.contentType == "text/html; charset=utf-8")
        #expect(response.validators == Validators(etag: etag, lastModified: lastModified))
        #expect(response.finalURL == server.url("/en/rir?doc=458870"))

        let second = fetcher.fetch(server.url("/en/rir?doc=458870"), validators: response.validators)
        #expect(second == .notModified(Validators(etag: etag, lastModified: lastModified)))
        let requests = server.requests
        try #require(requests.count == 2)
        #expect(requests[0].headers["if-none-match"] == nil)
        #expect(requests[1].headers["if-none-match"] == etag)
        #expect(requests[1].headers["if-modified-since"] == lastModified)
        #expect(requests[1].target == "/en/rir?doc=458870")
    }

    @Test func theUserAgentNamesTheProgramAndTheContactURL() throws {
        let server = try LoopbackHTTPServer(responses: [.reply(status: 200, body: html)])
        defer { server.stop() }
        _ = Fetcher(settings: testSettings(), clock: RecordingClock().clock).fetch(server.url("/"))
        #expect(server.requests.first?.headers["user-agent"] == "rir-archive/0.1.0 (+https://example.org/contact)")
        #expect(server.requests.first?.headers["accept-encoding"]?.contains("gzip") == true)
    }

    @Test func a429WithRetryAfterWaitsThatLongAndThenFetches() throws {
        let server = try LoopbackHTTPServer(responses: [
            .reply(status: 429, headers: ["Retry-After": "1"]),
            .reply(status: 200, body: html),
        ])
        defer { server.stop() }
        let recording = RecordingClock()
        let outcome = Fetcher(settings: testSettings(), clock: recording.clock).fetch(server.url("/page"))
        guard case .fetched(let response) = outcome else {
            Issue.record("expected a fetched page, got \(outcome)")
            return
        }
        #expect(response.body == html)
        #expect(recording.sleeps == [1])
        #expect(server.requests.count == 2)
    }

    @Test func a500IsRetriedAndTheNextAnswerIsUsed() throws {
        let server = try LoopbackHTTPServer(responses: [.reply(status: 500), .reply(status: 200, body: html)])
        defer { server.stop() }
        let recording = RecordingClock()
        let outcome = Fetcher(settings: testSettings(), clock: recording.clock).fetch(server.url("/page"))
        guard case .fetched(let response) = outcome else {
            Issue.record("expected a fetched page, got \(outcome)")
            return
        }
        #expect(response.body == html)
        #expect(server.requests.count == 2)
        #expect(recording.sleeps.count == 1)
        #expect(recording.sleeps.allSatisfy { (0.005...0.01).contains($0) })
    }

    @Test func a500ThatNeverEndsFailsAfterRetriesPlusOneAttemptsWithGrowingWaits() throws {
        let server = try LoopbackHTTPServer(responses: [.reply(status: 500)])
        defer { server.stop() }
        let recording = RecordingClock()
        let url = server.url("/page")
        let outcome = Fetcher(settings: testSettings(retries: 3), clock: recording.clock).fetch(url)
        #expect(outcome == .failed(.httpStatus(url: url, status: 500, attempts: 4)))
        #expect(server.requests.count == 4)
        #expect(recording.sleeps.count == 3)
        #expect(recording.sleeps.last.map { $0 >= 0.02 } == true)
        if case .failed(let error) = outcome {
            #expect(error.description == "cannot fetch \(url): HTTP 500 after 4 attempts")
        }
    }

    @Test func aBodyShorterThanItsContentLengthIsAnErrorAndNoBody() throws {
        let server = try LoopbackHTTPServer(responses: [.truncated(declaredLength: 5000, sentLength: 1000)])
        defer { server.stop() }
        let url = server.url("/page")
        let outcome = Fetcher(settings: testSettings(retries: 0), clock: RecordingClock().clock).fetch(url)
        #expect(outcome == .failed(.truncatedBody(url: url, received: 1000, expected: 5000, attempts: 1)))
        if case .failed(let error) = outcome {
            #expect(error.description.hasSuffix("body shorter than its Content-Length (1000 of 5000 bytes)"))
        }
    }

    @Test(arguments: ["http://127.0.0.2:8080/elsewhere", "https://evil.example/steal", "//evil.example/x"])
    func aRedirectToAHostNotAllowedIsAnErrorAndIsNotFollowed(location: String) throws {
        let server = try LoopbackHTTPServer(responses: [.reply(status: 302, headers: ["Location": location])])
        defer { server.stop() }
        let url = server.url("/page")
        let outcome = Fetcher(settings: testSettings(), clock: RecordingClock().clock).fetch(url)
        guard case .failed(let error) = outcome, case .redirectNotAllowed(let named, _, let host) = error else {
            Issue.record("expected a refused redirect, got \(outcome)")
            return
        }
        #expect(named == url)
        #expect(host == (try SourceURL(url).resolving(location)).host)
        #expect(error.description.hasPrefix("cannot fetch \(url): redirect to \(host) is not an allowed host"))
        #expect(server.requests.count == 1)
    }

    @Test func aRedirectToAnAllowedHostIsFollowed() throws {
        let target = try LoopbackHTTPServer(address: "127.0.0.2", responses: [.reply(status: 200, body: page("there"))])
        defer { target.stop() }
        let location = target.url("/there")
        let server = try LoopbackHTTPServer(responses: [.reply(status: 307, headers: ["Location": location])])
        defer { server.stop() }
        let settings = testSettings(allowedHosts: ["127.0.0.2"])
        let outcome = Fetcher(settings: settings, clock: RecordingClock().clock).fetch(server.url("/here"))
        guard case .fetched(let response) = outcome else {
            Issue.record("expected a fetched page, got \(outcome)")
            return
        }
        #expect(response.finalURL == location)
        #expect(response.body == page("there"))
    }

    @Test func aRedirectOnTheSameHostIsFollowedAndNamesTheFinalURL() throws {
        let server = try LoopbackHTTPServer { request, _ in
            request.target == "/old" ? .reply(status: 301, headers: ["Location": "/new?doc=1#top"])
                                     : .reply(status: 200, body: page("moved"))
        }
        defer { server.stop() }
        let outcome = Fetcher(settings: testSettings(), clock: RecordingClock().clock).fetch(server.url("/old"))
        guard case .fetched(let response) = outcome else {
            Issue.record("expected a fetched page, got \(outcome)")
            return
        }
        #expect(response.finalURL == server.url("/new?doc=1"))
        #expect(server.requests.map(\.target) == ["/old", "/new?doc=1"])
    }

    @Test func endlessRedirectsStopAfterTheLimit() throws {
        let server = try LoopbackHTTPServer(responses: [.reply(status: 302, headers: ["Location": "/again"])])
        defer { server.stop() }
        let url = server.url("/page")
        let outcome = Fetcher(settings: testSettings(), clock: RecordingClock().clock).fetch(url)
        #expect(outcome == .failed(.tooManyRedirects(url: url, limit: 5)))
        #expect(server.requests.count == 6)
    }

    @Test(arguments: [false, true])
    func a40MiBBodyIsAbortedAtTheCapAsItStreams(chunked: Bool) throws {
        let forty = 40 * 1024 * 1024
        let server = try LoopbackHTTPServer(responses: [.stream(totalBytes: forty, chunked: chunked)])
        defer { server.stop() }
        let url = server.url("/big")
        let cap = 16 * 1024 * 1024
        let outcome = Fetcher(settings: testSettings(maxBodyBytes: cap), clock: RecordingClock().clock).fetch(url)
        #expect(outcome == .failed(.bodyTooLarge(url: url, limit: cap)))
        if case .failed(let error) = outcome {
            #expect(error.description == "cannot fetch \(url): body over 16777216 bytes")
        }
        // The client hung up long before the server could write the whole body.
        #expect(server.bodyBytesSent < forty)
    }

    @Test func aServerThatStallsPastTheTotalTimeoutIsATimeout() throws {
        let server = try LoopbackHTTPServer(responses: [.stall(seconds: 10)])
        defer { server.stop() }
        let url = server.url("/slow")
        let outcome = Fetcher(settings: testSettings(retries: 0, totalTimeout: 1), clock: RecordingClock().clock)
            .fetch(url)
        #expect(outcome == .failed(.timedOut(url: url, seconds: 1, attempts: 1)))
        if case .failed(let error) = outcome {
            #expect(error.description == "cannot fetch \(url): timed out after 1 s")
        }
    }

    @Test func aTransferBelowTheLowSpeedLimitIsAStall() throws {
        let server = try LoopbackHTTPServer(responses: [.stall(seconds: 10)])
        defer { server.stop() }
        let url = server.url("/trickle")
        let settings = FetchSettings(totalTimeout: 8, retries: 0, minHostDelay: 0, lowSpeedLimit: 1000,
                                     lowSpeedTime: 1)
        let outcome = Fetcher(settings: settings, clock: RecordingClock().clock).fetch(url)
        #expect(outcome == .failed(.stalled(url: url, bytesPerSecond: 1000, seconds: 1, attempts: 1)))
    }

    @Test func httpsToAServerWithoutTLSIsATLSFailureAndIsNotRetried() throws {
        let server = try LoopbackHTTPServer(responses: [.reply(status: 200, body: html)])
        defer { server.stop() }
        let url = "https://127.0.0.1:\(server.port)/page"
        let outcome = Fetcher(settings: testSettings(), clock: RecordingClock().clock).fetch(url)
        guard case .failed(let error) = outcome, case .tls(let named, _) = error else {
            Issue.record("expected a TLS failure, got \(outcome)")
            return
        }
        #expect(named == url)
        #expect(server.requests.isEmpty)
    }

    @Test(arguments: [404, 410])
    func aMissingPageIsGone(status: Int) throws {
        let server = try LoopbackHTTPServer(responses: [.reply(status: status, body: page("not here"))])
        defer { server.stop() }
        let outcome = Fetcher(settings: testSettings(), clock: RecordingClock().clock).fetch(server.url("/gone"))
        #expect(outcome == .gone(status: status))
        #expect(server.requests.count == 1)
    }

    @Test func aRefusedConnectionIsRetriedThenReportedWithItsAttempts() throws {
        let closed = try ClosedLoopbackPort()
        defer { closed.release() }
        let recording = RecordingClock()
        let url = "http://127.0.0.1:\(closed.port)/page"
        let outcome = Fetcher(settings: testSettings(retries: 1), clock: recording.clock).fetch(url)
        guard case .failed(let error) = outcome, case .connectionFailed(let named, _, let attempts) = error else {
            Issue.record("expected a connection failure, got \(outcome)")
            return
        }
        #expect(named == url)
        #expect(attempts == 2)
        #expect(recording.sleeps.count == 1)
        #expect(outcome.httpStatus == nil)
    }

    @Test func anotherClientErrorFailsAtOnceWithoutRetry() throws {
        let server = try LoopbackHTTPServer(responses: [.reply(status: 403)])
        defer { server.stop() }
        let url = server.url("/forbidden")
        let outcome = Fetcher(settings: testSettings(), clock: RecordingClock().clock).fetch(url)
        #expect(outcome == .failed(.httpStatus(url: url, status: 403, attempts: 1)))
        #expect(outcome.httpStatus == 403)
        #expect(server.requests.count == 1)
    }
}

