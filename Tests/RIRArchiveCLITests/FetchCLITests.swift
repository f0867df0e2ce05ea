import Foundation
import RIRTestSupport
import Testing

/// `rir-archive fetch` against IRB-style pages served by a loopback HTTP server the tests start.
@Suite final class FetchCLITests {
    let folder: URL
    var database: String { folder.appendingPathComponent("archive.db").path }
    private var servers: [LoopbackHTTPServer] = []

    /// Where the IRB publishes an RIR, on the loopback server.
    static let pagePath = "/en/country-information/rir/Pages/index.aspx?doc=458870"
    static let etag = "\"458870-v1\""

    init() throws {
        folder = try CLI.temporaryFolder()
    }

    deinit {
        for server in servers { server.stop() }
        try? FileManager.default.removeItem(at: folder)
    }

    // MARK: - One page

    /// libcurl is loaded when a fetch first needs it: a command that needs none starts without it,
    /// and a fetch without a usable libcurl says so by name instead of failing at start-up.
    @Test func aFetchWithoutAUsableLibcurlSaysSoAndOtherCommandsRun() throws {
        let libraries = folder.appendingPathComponent("lib")
        try FileManager.default.createDirectory(at: libraries, withIntermediateDirectories: true)
        // Found first by the dynamic loader, and not a library at all.
        try Data("not an ELF file".utf8).write(to: libraries.appendingPathComponent("libcurl.so.4"))
        let environment = ["LD_LIBRARY_PATH": libraries.path]
        let ingest = try CLI.run(["ingest", Seeds.path(Seeds.mex201601), "--database", database], environment: environment)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let fetched = try CLI.run(["fetch", "--url", "http://127.0.0.1:9/en/rir.aspx?doc=1", "--database", database],
                                  environment: environment)
        #expect(fetched.status == 1)
        // The failed URL's line names the cause, the loader's message and the package.
        #expect(fetched.text.contains("cannot fetch http://127.0.0.1:9/en/rir.aspx?doc=1: libcurl could not be loaded: "
                                      + libraries.path + "/libcurl.so.4"), "\(fetched.text)")
        #expect(fetched.text.contains("(apt-get install libcurl4)"), "\(fetched.text)")
    }


    @Test func aFetchedPageIsStoredAndARefetchSendsItsETagAndIsUnchanged() throws {
        let html = Variants.html(Seeds.text(Seeds.mex201601))
        let server = try serve { request, _ in
            request.headers["if-none-match"] == Self.etag
                ? .reply(status: 304, headers: ["ETag": Self.etag])
                : .html(html, headers: ["ETag": Self.etag])
        }
        let url = server.url(Self.pagePath)

        let first = try fetch(url)
        #expect(first.status == 0, "\(first.stderr)")
        let stored = try onlyLine(first)
        #expect(stored["url"] as? String == url)
        #expect(stored["status"] as? Int == 200)
        #expect(stored["id"] as? String == "MEX201601.E")
        #expect(stored["outcome"] as? String == "new-document")
        #expect(stored["revision"] as? Int == 1)
        #expect(server.requests.first?.headers["if-none-match"] == nil)
        #expect(server.requests.first?.headers["user-agent"]?.hasPrefix("rir-archive/") == true)

        let second = try fetch(url)
        #expect(second.status == 0, "\(second.stderr)")
        let unchanged = try onlyLine(second)
        #expect(unchanged["status"] as? Int == 304)
        #expect(unchanged["outcome"] as? String == "unchanged")
        #expect(unchanged["id"] as? String == "MEX201601.E")
        #expect(unchanged["revision"] as? Int == 1)
        #expect(server.requests.count == 2)
        #expect(server.requests.last?.headers["if-none-match"] == Self.etag)

        let history = try json(["history", "MEX201601.E"]) as? [[String: Any]]
        #expect(history?.count == 1)
        let captures = history?.first?["captures"] as? [[String: Any]]
        #expect(captures?.count == 1)
        #expect(captures?.first?["source"] as? String == url)
        #expect(captures?.first?["format"] as? String == "html")

        let list = try #require(try json(["list"]) as? [[String: Any]])
        #expect(list.map { $0["id"] as? String } == ["MEX201601.E"])
        #expect(list.first?["revisions"] as? Int == 1)
        #expect(list.first?["source"] as? String == "url")
        #expect(try CLI.run(["verify", "--database", database]).status == 0)
    }

    @Test func theTextFormatPrintsOneLinePerURL() throws {
        let server = try serve(.html(Variants.html(Seeds.text(Seeds.mex201601))))
        let url = server.url(Self.pagePath)
        let result = try CLI.run(["fetch", "--url", url, "--database", database])
        #expect(result.status == 0)
        #expect(result.lines.count == 1)
        #expect(result.text.hasPrefix("new-document  MEX201601.E   HTTP 200  \(url)"))
    }

    @Test func aPageThatAnswers404IsGoneNotFailedAndItsReportTurnsUnseen() throws {
        let html = Variants.html(Seeds.text(Seeds.mex201601))
        let server = try serve(.html(html), .reply(status: 404, body: Array("<p>Not found</p>".utf8)))
        let url = server.url(Self.pagePath)
        #expect(try fetch(url).status == 0)
        // Published 2023-09-01: as of 2024-06-01 it is neither old nor unseen yet.
        let before = try #require(try json(["report", "stale", "--as-of", "2024-06-01"]) as? [[String: Any]])
        #expect(before.isEmpty)

        let gone = try fetch(url)
        #expect(gone.status == 0, "a page gone from its source is news, not a failure: \(gone.stderr)")
        let line = try onlyLine(gone)
        #expect(line["outcome"] as? String == "gone")
        #expect(line["status"] as? Int == 404)
        #expect(line["id"] as? String == "MEX201601.E")
        #expect((line["reason"] as? String)?.contains("HTTP 404") == true)

        let stale = try #require(try json(["report", "stale", "--as-of", "2024-06-01"]) as? [[String: Any]])
        #expect(stale.map { $0["id"] as? String } == ["MEX201601.E"])
        #expect(stale.first?["reasons"] as? [String] == ["unseen"])
        let list = try #require(try json(["list"]) as? [[String: Any]])
        #expect(list.first?["source"] as? String == "gone")
        // Nothing was deleted.
        let history = try json(["history", "MEX201601.E"]) as? [[String: Any]]
        #expect(history?.count == 1)
        let audit = try #require(try json(["audit"]) as? [[String: Any]])
        #expect(audit.contains { $0["event"] as? String == "gone" && $0["id"] as? String == "MEX201601.E" })
    }

    @Test func aServerErrorThatPersistsFailsTheFetchAndStoresNothing() throws {
        let server = try serve(.reply(status: 500, body: Array("<p>Server Error</p>".utf8)))
        let url = server.url(Self.pagePath)
        // One retry keeps the test short; the backoff itself is the fetcher's tests' business.
        let result = try CLI.run(["fetch", "--url", url, "--format", "json", "--database", database],
                                 environment: ["RIR_ARCHIVE_FETCH_RETRIES": "1"])
        #expect(result.status == 1)
        let line = try onlyLine(result)
        #expect(line["outcome"] as? String == "failed")
        #expect(line["status"] as? Int == 500)
        #expect(line["id"] is NSNull)
        #expect((line["reason"] as? String)?.contains("500") == true)
        #expect(server.requests.count == 2, "the first attempt and one retry")
        let list = try #require(try json(["list"]) as? [[String: Any]])
        #expect(list.isEmpty)
    }

    // MARK: - One identity

    @Test func aReportIngestedFromAFileAndFetchedFromAURLIsOneReport() throws {
        let ingest = try CLI.run(["ingest", Seeds.path(Seeds.mex201601), "--database", database])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let server = try serve(.html(Variants.html(Seeds.text(Seeds.mex201601)), headers: ["ETag": Self.etag]))
        let url = server.url(Self.pagePath)

        let line = try onlyLine(try fetch(url))
        #expect(line["id"] as? String == "MEX201601.E")
        #expect(line["outcome"] as? String == "unchanged", "the same text as HTML is the same content")
        #expect(line["revision"] as? Int == 1)

        let list = try #require(try json(["list"]) as? [[String: Any]])
        #expect(list.count == 1)
        let history = try #require(try json(["history", "MEX201601.E"]) as? [[String: Any]])
        #expect(history.count == 1)
        let sources = (history.first?["captures"] as? [[String: Any]])?.compactMap { $0["source"] as? String }
        #expect(sources?.count == 2)
        #expect(sources?.contains(url) == true)
        #expect(sources?.contains { $0.hasSuffix("MEX201601.E.txt") } == true)
    }

    // MARK: - Configured sources

    @Test func aConfiguredListingPageLeadsToEveryLinkedReport() throws {
        let pages = [
            "458870": Variants.html(Seeds.text(Seeds.mex201601)),
            "458871": Variants.html(Seeds.text(Seeds.mex201603)),
        ]
        let listing = """
            <html><body><h1>Responses to Information Requests</h1><ul>
            <li><a href="index.aspx?doc=458870">MEX201601.E</a></li>
            <li><a href="/en/country-information/rir/Pages/index.aspx?doc=458871">MEX201603.E</a></li>
            <li><a href="/en/contact.html">Contact us</a></li>
            </ul></body></html>
            """
        let server = try serve { request, _ in
            if let doc = request.target.split(separator: "doc=").last.map(String.init), let page = pages[doc] {
                return .html(page)
            }
            if request.target == "/en/country-information/rir/Pages/index.aspx" { return .html(listing) }
            return .reply(status: 404)
        }
        let config = folder.appendingPathComponent("rir-archive.yaml").path
        try """
            database: "\(database)"
            fetch:
              min_host_delay: "0s"
              sources:
                - url: "\(server.url("/en/country-information/rir/Pages/index.aspx"))"
                  listing: true
                  link_pattern: "doc=\\\\d+"
                  allow_http: true
            """.write(toFile: config, atomically: true, encoding: .utf8)
        #expect(try CLI.run(["config", "check", "--config", config]).status == 0)

        let result = try CLI.run(["fetch", "--config", config, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try jsonLines(result)
        #expect(lines.map { $0["id"] as? String } == ["MEX201601.E", "MEX201603.E"])
        #expect(lines.allSatisfy { $0["outcome"] as? String == "new-document" })
        #expect(server.requests.map(\.target) == [
            "/en/country-information/rir/Pages/index.aspx",
            "/en/country-information/rir/Pages/index.aspx?doc=458870",
            "/en/country-information/rir/Pages/index.aspx?doc=458871",
        ])
        let list = try #require(try json(["list"]) as? [[String: Any]])
        #expect(list.compactMap { $0["id"] as? String }.sorted() == ["MEX201601.E", "MEX201603.E"])
    }

    // MARK: - Helpers

    private func serve(_ responses: LoopbackHTTPServer.Response...) throws -> LoopbackHTTPServer {
        let server = try LoopbackHTTPServer(responses: responses)
        servers.append(server)
        return server
    }

    private func serve(_ script: @escaping @Sendable (LoopbackHTTPServer.Request, Int) -> LoopbackHTTPServer.Response)
        throws -> LoopbackHTTPServer {
        let server = try LoopbackHTTPServer(script: script)
        servers.append(server)
        return server
    }

    private func fetch(_ url: String) throws -> CLI.Result {
        try CLI.run(["fetch", "--url", url, "--format", "json", "--database", database])
    }

    /// The one JSON object a single-URL `fetch --format json` prints.
    private func onlyLine(_ result: CLI.Result) throws -> [String: Any] {
        let lines = try jsonLines(result)
        try #require(lines.count == 1, "output: \(result.text)\(result.stderr)")
        return lines[0]
    }

    private func jsonLines(_ result: CLI.Result) throws -> [[String: Any]] {
        try result.lines.map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    /// A read command's `--format json` output, parsed.
    private func json(_ arguments: [String]) throws -> Any {
        let result = try CLI.run(arguments + ["--database", database, "--format", "json"])
        try #require(result.status == 0, "\(arguments): \(result.stderr)")
        return try JSONSerialization.jsonObject(with: result.stdout)
    }
}
