import RIRFetch
import RIRTestSupport
import Testing

/// The fetcher's policy over an injected transport: no network at all.
@Suite struct FetcherPolicyTests {
    private let pageURL = "https://irb-cisr.gc.ca/en/country-information/rir/Pages/index.aspx?doc=458870"
    private let ok = Result<TransportResponse, FetchError>.success(
        TransportResponse(status: 200, headers: ["Content-Type": "text/html"], body: page("<p>RIR</p>")))

    @Test func requestsToOneSiteUnderAnyAliasWaitTheMinimumDelay() throws {
        let recording = RecordingClock()
        let transport = ScriptedTransport([ok])
        let fetcher = Fetcher(settings: testSettings(minHostDelay: 2), transport: transport, clock: recording.clock)

        _ = fetcher.fetch("https://irb.gc.ca/en/country-information/rir/Pages/index.aspx?doc=458870")
        _ = fetcher.fetch("https://www.irb-cisr.gc.ca/en/country-information/rir/Pages/index.aspx?doc=458871")
        _ = fetcher.fetch("https://example.org/other")
        _ = fetcher.fetch("https://cisr.gc.ca/fr/renseignements-pays/rdi/Pages/index.aspx?doc=458871")

        #expect(recording.sleeps == [2, 2])
        #expect(transport.requests.count == 4)
    }

    @Test func a503WithAnHTTPDateRetryAfterWaitsUntilThatDate() {
        // Sun, 06 Nov 1994 08:49:37 GMT is 784111777 seconds after the epoch.
        let recording = RecordingClock(wallAtZero: 784_111_777)
        let transport = ScriptedTransport([
            .success(TransportResponse(status: 503, headers: ["Retry-After": "Sun, 06 Nov 1994 08:51:37 GMT"],
                                       body: [])),
            ok,
        ])
        let outcome = Fetcher(settings: testSettings(), transport: transport, clock: recording.clock).fetch(pageURL)
        #expect(recording.sleeps == [120])
        if case .fetched = outcome {} else { Issue.record("expected a fetched page, got \(outcome)") }
    }

    @Test func aRetryAfterLongerThanTheCapWaitsOnlyTheCap() {
        let recording = RecordingClock()
        let transport = ScriptedTransport([
            .success(TransportResponse(status: 429, headers: ["Retry-After": "86400"], body: [])), ok,
        ])
        _ = Fetcher(settings: testSettings(), transport: transport, clock: recording.clock).fetch(pageURL)
        #expect(recording.sleeps == [300])
    }

    @Test func validatorsAreSentAsConditionalHeadersButNeverWithLineBreaks() {
        let transport = ScriptedTransport([ok])
        let fetcher = Fetcher(settings: testSettings(), transport: transport, clock: RecordingClock().clock)
        _ = fetcher.fetch(pageURL, validators: Validators(etag: "W/\"abc\"", lastModified: "x\r\nInjected: yes"))
        let headers = transport.requests.first?.headers ?? [:]
        #expect(headers["if-none-match"] == "W/\"abc\"")
        #expect(headers["if-modified-since"] == nil)
    }

    @Test func aNotModifiedAnswerKeepsTheValidatorsItDidNotRepeat() {
        let transport = ScriptedTransport([.success(TransportResponse(status: 304, headers: [:], body: []))])
        let fetcher = Fetcher(settings: testSettings(), transport: transport, clock: RecordingClock().clock)
        let sent = Validators(etag: "\"1\"", lastModified: "Fri, 01 Sep 2023 12:00:00 GMT")
        #expect(fetcher.fetch(pageURL, validators: sent) == .notModified(sent))
    }

    @Test func plainHTTPIsRefusedForARemoteHostUnlessTheSourceAllowsIt() {
        let transport = ScriptedTransport([ok])
        let fetcher = Fetcher(settings: testSettings(), transport: transport, clock: RecordingClock().clock)
        let url = "http://irb-cisr.gc.ca/Eng/ResRec/RirRdi/Pages/index.aspx?doc=453884"
        let refused = fetcher.fetch(url)
        #expect(refused == .failed(.plainHTTPNotAllowed(url: url)))
        #expect(transport.requests.isEmpty)
        if case .fetched = fetcher.fetch(url, allowHTTP: true) {} else { Issue.record("explicit http was refused") }
        #expect(transport.requests.count == 1)
    }

    @Test func aRedirectFromHTTPSToPlainHTTPIsRefused() {
        let transport = ScriptedTransport([
            .success(TransportResponse(status: 301, headers: ["Location": "http://irb-cisr.gc.ca/x"], body: [])),
        ])
        let outcome = Fetcher(settings: testSettings(), transport: transport, clock: RecordingClock().clock)
            .fetch(pageURL)
        #expect(outcome == .failed(.plainHTTPNotAllowed(url: "http://irb-cisr.gc.ca/x")))
    }

    @Test func aRedirectBetweenIRBAliasesIsTheSameSite() {
        let transport = ScriptedTransport([
            .success(TransportResponse(status: 301, headers: ["Location": "https://www.irb-cisr.gc.ca/y"], body: [])),
            ok,
        ])
        let outcome = Fetcher(settings: testSettings(), transport: transport, clock: RecordingClock().clock)
            .fetch("https://irb.gc.ca/y")
        guard case .fetched(let response) = outcome else {
            Issue.record("expected a fetched page, got \(outcome)")
            return
        }
        #expect(response.finalURL == "https://www.irb-cisr.gc.ca/y")
    }

    @Test func aTransportThatHandsBackAShortOrOversizedBodyStillYieldsNothing() {
        let short = ScriptedTransport([
            .success(TransportResponse(status: 200, headers: ["Content-Length": "10"], body: page("abc"))),
        ])
        let outcome = Fetcher(settings: testSettings(retries: 0), transport: short, clock: RecordingClock().clock)
            .fetch(pageURL)
        #expect(outcome == .failed(.truncatedBody(url: pageURL, received: 3, expected: 10, attempts: 1)))

        let big = ScriptedTransport([.success(TransportResponse(status: 200, headers: [:], body: page("0123456789")))])
        let capped = Fetcher(settings: testSettings(maxBodyBytes: 4), transport: big, clock: RecordingClock().clock)
        #expect(capped.fetch(pageURL) == .failed(.bodyTooLarge(url: pageURL, limit: 4)))
    }

    @Test func transientTransportErrorsAreRetriedAndCountTheirAttempts() {
        let recording = RecordingClock()
        let transport = ScriptedTransport([.failure(.timedOut(url: pageURL, seconds: 60, attempts: 1))])
        let outcome = Fetcher(settings: testSettings(retries: 2), transport: transport, clock: recording.clock)
            .fetch(pageURL)
        #expect(outcome == .failed(.timedOut(url: pageURL, seconds: 60, attempts: 3)))
        #expect(recording.sleeps.count == 2)
        if case .failed(let error) = outcome {
            #expect(error.description == "cannot fetch \(pageURL): timed out after 60 s (3 attempts)")
        }
    }

    @Test func theDefaultSettingsMatchTheDesign() {
        let settings = FetchSettings()
        #expect(settings.userAgent == "rir-archive/0.1.0")
        #expect(settings.connectTimeout == 10)
        #expect(settings.totalTimeout == 60)
        #expect(settings.maxBodyBytes == 16_777_216)
        #expect(settings.retries == 3)
        #expect(settings.minHostDelay == 2)
        #expect(FetchSettings(contactURL: "https://clinic.example/rir").userAgent
                == "rir-archive/0.1.0 (+https://clinic.example/rir)")
    }
}
