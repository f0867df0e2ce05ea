import Testing
import RIRArchive
import RIRConfig
import RIRFetch
import RIRTestSupport

@Suite struct FetchUseCaseTests {
    static let pageA = "https://irb.gc.ca/en/country-information/rir/Pages/index.aspx?doc=458000"
    static let pageB = "https://irb.gc.ca/en/country-information/rir/Pages/index.aspx?doc=458001"

    static func config(minHostDelay: Int64) -> ArchiveConfig {
        var config = ArchiveConfig()
        config.fetch.minHostDelay = .seconds(minHostDelay)
        config.fetch.sources = [FetchSource(url: pageA), FetchSource(url: pageB)]
        return config
    }

    @Test func twoSourcesOnOneHostWaitTheHostDelayAcrossTicksAndReloads() throws {
        let waits = RecordingClock()
        let transport = ScriptedTransport([ok(Seeds.bytes(Seeds.mex201601)), ok(Seeds.bytes(Seeds.mex201603))])
        let test = try TestArchive(config: Self.config(minHostDelay: 5), transport: transport, waits: waits)
        // One tick fetches source A; a later tick, under a reloaded configuration, fetches source B.
        let first = try test.archive.fetch(test.archive.config.fetch.sources[0])
        let reloaded = try test.archive.configured(test.archive.config)
        let second = try reloaded.fetch(reloaded.config.fetch.sources[1])
        #expect(first.pages.map(\.outcome) == [.newDocument])
        #expect(second.pages.map(\.outcome) == [.newDocument])
        #expect(transport.requests.count == 2)
        #expect(waits.sleeps == [5], "the second request to irb.gc.ca waited min_host_delay")
    }

    @Test func aRefetchSendsTheValidatorsAndA304IsUnchanged() throws {
        let transport = ScriptedTransport([
            ok(Seeds.bytes(Seeds.mex201601), etag: "\"v1\""),
            .success(TransportResponse(status: 304, headers: ["etag": "\"v1\""], body: [])),
        ])
        let test = try TestArchive(config: Self.config(minHostDelay: 0), transport: transport)
        let first = try test.archive.fetchPage(Self.pageA, allowHTTP: false)
        let second = try test.archive.fetchPage(Self.pageA, allowHTTP: false)
        #expect(first.outcome == .newDocument && first.id == "MEX201601.E")
        #expect(second.outcome == .unchanged && second.status == 304 && second.revision == 1)
        #expect(transport.requests[1].headers["if-none-match"] == "\"v1\"")
    }

    @Test func aKnownPageThatGoesAwayIsGoneAndANewURLThatAnswers404IsNotKnown() throws {
        let transport = ScriptedTransport([
            ok(Seeds.bytes(Seeds.mex201601)),
            .success(TransportResponse(status: 404, headers: [:], body: [])),
            .success(TransportResponse(status: 410, headers: [:], body: [])),
        ])
        let test = try TestArchive(config: Self.config(minHostDelay: 0), transport: transport)
        _ = try test.archive.fetchPage(Self.pageA, allowHTTP: false)
        let gone = try test.archive.fetchPage(Self.pageA, allowHTTP: false)
        #expect(gone.outcome == .gone && gone.wasKnown && gone.id == "MEX201601.E")
        let typo = try test.archive.fetchPage(Self.pageB, allowHTTP: false)
        #expect(typo.outcome == .gone && !typo.wasKnown)
        #expect(typo.reason?.contains("never captured") == true)
        #expect(try test.archive.list(asOf: day("2026-11-22")).map(\.source) == ["gone"])
    }

    @Test func aSourceSummaryCountsTheOutcomes() throws {
        let transport = ScriptedTransport([ok(Seeds.bytes(Seeds.mex201601))])
        let test = try TestArchive(config: Self.config(minHostDelay: 0), transport: transport)
        #expect(try test.archive.fetch(FetchSource(url: Self.pageA)).summary == "1 new-document")
        #expect(try test.archive.fetch(FetchSource(url: Self.pageA)).summary == "1 unchanged")
    }
}
