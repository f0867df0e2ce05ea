import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import RIRArchive
import RIRTestSupport
import RIRWeb
import Testing

@Suite struct PageTests {
    let fixture: WebFixture
    init() throws { fixture = try WebFixture() }

    static let pages: [(String, HTTPResponse.Status, String)] = [
        ("/", .ok, "text/html"), ("/?status=active&country=mex&language=en&sort=newest", .ok, "text/html"),
        ("/reports/MEX201601.E", .ok, "text/html"), ("/reports/MEX201601.E/revisions/1", .ok, "text/html"),
        ("/reports/MEX201601.E/revisions/2", .ok, "text/html"), ("/reports/MEX201601.E/revisions/2/blame", .ok, "text/html"),
        ("/reports/MEX201601.E/at/2024-03-01", .found, "text/plain"), ("/reports/MEX201601.E/at?date=2024-07-01", .found, "text/plain"),
        ("/reports/MEX201601.E/diff?from=1&to=2", .ok, "text/html"), ("/reports/MEX201601.E/diff", .ok, "text/html"),
        ("/diff/MEX201603.E/MEX201601.E", .ok, "text/html"), ("/search?q=cartel*", .ok, "text/html"),
        ("/search", .ok, "text/html"), ("/expiring?within=4000", .ok, "text/html"), ("/stale", .ok, "text/html"),
        ("/changes?since=2024-01-01&until=2024-12-31", .ok, "text/html"), ("/audit", .ok, "text/html"),
        ("/feed.atom", .ok, "application/atom+xml"), ("/reports/MEX201601.E/feed.atom", .ok, "application/atom+xml"),
        ("/timemap/link/MEX201601.E", .ok, "application/link-format"), ("/timegate/MEX201601.E", .found, "text/plain"),
        ("/style.css", .ok, "text/css"),
        ("/reports/MEX999999.E", .notFound, "text/html"), ("/reports/not-an-id", .notFound, "text/html"),
        ("/reports/MEX201601.E/revisions/9", .notFound, "text/html"), ("/reports/MEX201601.E/revisions/x", .badRequest, "text/html"),
        ("/reports/MEX201601.E/at/2020-01-01", .notFound, "text/html"), ("/reports/MEX201601.E/at/yesterday", .badRequest, "text/html"),
        ("/reports/MEX201601.E/captures/\(String(repeating: "0", count: 64))", .notFound, "text/html"),
        ("/reports/MEX201601.E/captures/..%2F..%2Fetc%2Fpasswd", .notFound, "text/html"),
        ("/changes?since=soon", .badRequest, "text/html"), ("/timemap/link/https://example.org/x", .notFound, "text/html"),
        ("/no/such/page", .notFound, "text/html"),
    ]

    @Test func everyRouteAnswersWithItsStatusMediaTypeAndSecurityHeaders() async throws {
        let site = try fixture.site()
        try await site.test { client in
            for (path, status, type) in Self.pages {
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.status == status, "\(path)")
                    #expect(response.headers[.contentType]?.hasPrefix(type) == true, "\(path): \(response.headers[.contentType] ?? "")")
                    #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(path)")
                    #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true, "\(path)")
                    #expect(!response.text.contains("<script"), "\(path)")
                }
            }
        }
    }

    @Test func everyRouteAnswersHeadWithTheHeadersOfGetAndNoBody() async throws {
        let site = try fixture.site()
        try await site.test { client in
            for (path, status, _) in Self.pages {
                let get = try await client.execute(uri: path, method: .get)
                try await client.execute(uri: path, method: .head) { head in
                    #expect(head.status == status, "\(path)")
                    #expect(head.body.readableBytes == 0, "\(path)")
                    #expect(head.headers[.contentLength] == get.headers[.contentLength], "\(path)")
                    #expect(head.headers[.contentType] == get.headers[.contentType], "\(path)")
                }
            }
        }
    }

    @Test func everyValueFromADocumentIsEscaped() async throws {
        let site = try fixture.site()
        try await site.test { client in
            for path in ["/reports/\(WebFixture.hostileID)", "/reports/\(WebFixture.hostileID)/revisions/1", "/",
                         "/search?q=Bertelsmann", "/reports/\(WebFixture.hostileID)/revisions/1/blame",
                         "/diff/MEX201601.E/\(WebFixture.hostileID)"] {
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.status == .ok, "\(path)")
                    #expect(!response.text.contains("<script"), "\(path)")
                    #expect(!response.text.contains("<img"), "\(path)")
                    #expect(!response.text.contains("<b>Profiles"), "\(path)")
                }
            }
            try await client.execute(uri: "/reports/\(WebFixture.hostileID)/revisions/1", method: .get) { response in
                #expect(response.text.contains("Mexico: &lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt; &lt;b&gt;Profiles&lt;/b&gt; &amp; &quot;individuals&quot;"))
                #expect(response.text.contains("&lt;img src=x onerror=alert(2)&gt;"))
            }
            try await client.execute(uri: "/feed.atom", method: .get) { response in
                #expect(response.text.contains("&lt;script&gt;alert(&#39;t&#39;)"))
                #expect(!response.text.contains("<script"))
            }
        }
    }

    @Test func theRevisionPageHasSectionAnchorsACitationBlockAndMementoHeaders() async throws {
        let site = try fixture.site()
        let history = try site.archive.history(of: "MEX201601.E")
        try await site.test { client in
            try await client.execute(uri: "/reports/MEX201601.E/revisions/2", method: .get) { response in
                let html = response.text
                #expect(html.contains("<section id=\"s1\""))
                #expect(html.contains("<a href=\"#s3.2\">"))
                #expect(html.contains("<section class=\"citation\""))
                #expect(html.contains(history[1].contentHash))
                #expect(html.contains(history[1].captures[0].sha256))
                #expect(html.contains(WebFixture.url.replacingOccurrences(of: "&", with: "&amp;")))
                #expect(response.headers[HTTPField.Name("Memento-Datetime")!] == "Sat, 01 Jun 2024 00:00:00 GMT")
                let link = response.headers[HTTPField.Name("Link")!] ?? ""
                #expect(link.contains("<http://127.0.0.1:8080/reports/MEX201601.E>; rel=\"original\""))
                #expect(link.contains("<http://127.0.0.1:8080/timegate/MEX201601.E>; rel=\"timegate\""))
                #expect(link.contains("<http://127.0.0.1:8080/timemap/link/MEX201601.E>; rel=\"timemap\""))
            }
            try await client.execute(uri: "/style.css", method: .get) { response in
                #expect(response.text.contains("@media print"))
            }
        }
    }

    @Test func theReportPageShowsTheTimelineTheOtherLanguageAndRetention() async throws {
        let site = try fixture.site()
        try await site.test { client in
            try await client.execute(uri: "/reports/MEX201601.E", method: .get) { response in
                let html = response.text
                #expect(html.contains("href=\"/reports/MEX201601.EF\""))
                #expect(html.contains("href=\"/reports/MEX201601.E/revisions/1\""))
                #expect(html.contains("href=\"/reports/MEX201601.E/diff?from=1&amp;to=2\""))
                #expect(html.contains("<span class=\"badge active\">active</span>"))
                #expect(html.contains("2028-09-01") || html.contains("2030-09-01"))
                #expect(response.headers[HTTPField.Name("Link")!]?.contains("rel=\"timegate\"") == true)
            }
            try await client.execute(uri: "/reports/MEX201603.E", method: .get) { response in
                #expect(response.text.contains("MEX201601"))
            }
        }
    }

    @Test func atADateRedirectsToTheRevisionInForce() async throws {
        let site = try fixture.site()
        try await site.test { client in
            for (date, revision) in [("2024-03-01", 1), ("2024-06-01", 2), ("2024-05-31T23:59:59Z", 1)] {
                try await client.execute(uri: "/reports/MEX201601.E/at/\(date)", method: .get) { response in
                    #expect(response.status == .found)
                    #expect(response.headers[.location] == "/reports/MEX201601.E/revisions/\(revision)")
                }
            }
        }
    }

    @Test func aCaptureIsServedByteForByteWithItsMediaTypeAndNoOtherReportsBytes() async throws {
        let site = try fixture.site()
        let capture = try #require(try site.archive.history(of: "MEX201603.E").first?.captures.first)
        let other = try #require(try site.archive.history(of: "MEX201601.E").first?.captures.first)
        try await site.test { client in
            try await client.execute(uri: "/reports/MEX201603.E/captures/\(capture.sha256)", method: .get) { response in
                #expect(response.status == .ok)
                #expect(Array(response.body.readableBytesView) == Seeds.bytes(Seeds.mex201603))
                #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
                #expect(response.headers[.contentSecurityPolicy] == "default-src 'none'; sandbox")
            }
            try await client.execute(uri: "/reports/MEX201603.E/captures/\(other.sha256)", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test func theInterfaceIsFrenchByAcceptLanguageAndByTheToggle() async throws {
        let site = try fixture.site()
        try await site.test { client in
            try await client.execute(uri: "/", method: .get, headers: [.acceptLanguage: "fr-CA,fr;q=0.9,en;q=0.5"]) { response in
                #expect(response.text.contains("<html lang=\"fr\">"))
                #expect(response.text.contains("<h1>Réponses</h1>"))
                #expect(response.text.contains("href=\"/?lang=en\""))
            }
            try await client.execute(uri: "/search?lang=fr", method: .get) { response in
                #expect(response.text.contains("<h1>Recherche</h1>"))
                #expect(response.headers[.setCookie]?.hasPrefix("lang=fr; Path=/") == true)
            }
            try await client.execute(uri: "/stale", method: .get, headers: [.cookie: "lang=fr", .acceptLanguage: "en"]) { response in
                #expect(response.text.contains("<h1>Périmées</h1>"))
            }
            try await client.execute(uri: "/stale", method: .get, headers: [.acceptLanguage: "en-GB,fr;q=0.4"]) { response in
                #expect(response.text.contains("<h1>Stale</h1>"))
            }
        }
    }

    @Test func theDatabaseFileIsByteIdenticalAfterEveryPageIsRead() async throws {
        let before = try fixture.databaseDigest()
        let site = try fixture.site()
        try await site.test { client in
            for (path, _, _) in Self.pages {
                _ = try await client.execute(uri: path, method: .get)
                _ = try await client.execute(uri: path, method: .get, headers: [.accept: "application/json"])
            }
        }
        #expect(try fixture.databaseDigest() == before)
    }
}
