import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import RIRArchive
import RIRConfig
import RIRModel
import RIRPresentation
import RIRStore
import RIRWeb
import Testing

/// JSON answers are the CLI's contracts; Memento, authentication and limits behave as specified.
@Suite struct ContractTests {
    let fixture: WebFixture
    init() throws { fixture = try WebFixture() }

    @Test func jsonAnswersAreTheCLIContracts() async throws {
        let site = try fixture.site()
        let archive = site.archive
        let today = archive.clock.today()
        let expected: [(String, String)] = [
            ("/reports/MEX201601.E/revisions/1", try archive.revisionJSON("MEX201601.E", number: 1).rendered()),
            ("/reports/MEX201601.E/revisions/2/blame",
             JSONValue.array(try archive.blame("MEX201601.E", revision: 2, section: nil).map(\.jsonValue)).rendered()),
            ("/search?q=cartel*", JSONValue.array(try archive.search("cartel*", filters: SearchFilters(limit: 200)).map(\.jsonValue)).rendered()),
            ("/reports/MEX201601.E/diff?from=1&to=2", try archive.diff(revisionsOf: "MEX201601.E", from: 1, to: 2).json()),
            ("/", TabularReport(listing: try archive.list(asOf: today).sorted { $0.id < $1.id }).rendered(as: .json)),
            ("/stale", TabularReport(retentionRows: try archive.stale(asOf: today, olderThan: nil, unseenFor: nil)).rendered(as: .json)),
            ("/audit", TabularReport(audit: try archive.audit(since: nil)).rendered(as: .json)),
            ("/changes?since=2024-01-01&until=2024-12-31",
             TabularReport(changes: try archive.changes(since: CalendarDate(iso: "2024-01-01")!, until: CalendarDate(iso: "2024-12-31")!)).rendered(as: .json)),
        ]
        try await site.test { client in
            for (path, json) in expected {
                try await client.execute(uri: path, method: .get, headers: [.accept: "application/json"]) { response in
                    #expect(response.headers[.contentType] == "application/json; charset=utf-8", "\(path)")
                    #expect(response.text == json, "\(path)")
                }
            }
            try await client.execute(uri: "/reports/MEX201601.E", method: .get, headers: [.accept: "application/json"]) { response in
                let object = try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any]
                #expect((object?["history"] as? [Any])?.count == 2)
                #expect(object?["other_language"] as? String == "MEX201601.EF")
                #expect((object?["retention"] as? [String: Any])?["status"] as? String == "active")
            }
            try await client.execute(uri: "/reports/MEX999999.E", method: .get, headers: [.accept: "application/json"]) { response in
                #expect(response.status == .notFound)
                #expect(response.text.contains("\"error\""))
            }
        }
    }

    @Test func theTimeGateRedirectsToTheMementoInForceAtAcceptDatetime() async throws {
        let site = try fixture.site()
        try await site.test { client in
            for (date, revision) in [("Mon, 01 Apr 2024 00:00:00 GMT", 1), ("Sun, 01 Dec 2024 00:00:00 GMT", 2),
                                     ("Sun, 01 Jan 2023 00:00:00 GMT", 1)] {
                try await client.execute(uri: "/timegate/MEX201601.E", method: .get,
                                         headers: [HTTPField.Name("Accept-Datetime")!: date]) { response in
                    #expect(response.status == .found)
                    #expect(response.headers[.location] == "http://127.0.0.1:8080/reports/MEX201601.E/revisions/\(revision)")
                    #expect(response.headers[.vary] == "accept-datetime")
                    #expect(response.headers[HTTPField.Name("Link")!]?.contains("rel=\"original\"") == true)
                }
            }
            try await client.execute(uri: "/timegate/\(WebFixture.url)", method: .get) { response in
                #expect(response.headers[.location] == "http://127.0.0.1:8080/reports/MEX201601.E/revisions/2")
            }
            try await client.execute(uri: "/timegate/MEX201601.E", method: .get,
                                     headers: [HTTPField.Name("Accept-Datetime")!: "last tuesday"]) { response in
                #expect(response.status == .badRequest)
            }
        }
    }

    @Test func theTimeMapListsEveryRevisionAndMarksTheFirstAndLast() async throws {
        let site = try fixture.site()
        try await site.test { client in
            try await client.execute(uri: "/timemap/link/MEX201601.E", method: .get) { response in
                #expect(response.headers[.contentType] == "application/link-format")
                let lines = response.text.split(separator: "\n")
                #expect(lines.count == 5)
                #expect(lines[3] == "<http://127.0.0.1:8080/reports/MEX201601.E/revisions/1>; rel=\"first memento\"; datetime=\"Wed, 10 Jan 2024 00:00:00 GMT\",")
                #expect(lines[4] == "<http://127.0.0.1:8080/reports/MEX201601.E/revisions/2>; rel=\"last memento\"; datetime=\"Sat, 01 Jun 2024 00:00:00 GMT\"")
            }
            try await client.execute(uri: "/timemap/link/MEX201603.E", method: .get) { response in
                #expect(response.text.contains("rel=\"first last memento\""))
            }
        }
    }

    @Test func basicAuthenticationGuardsEveryPageWhenUsersAreConfigured() async throws {
        let hash = WebPassword.hash("correct horse", cost: 4)
        let site = try fixture.site(users: [WebUser(name: "archivist", bcryptHash: hash)])
        @Sendable func basic(_ text: String) -> HTTPFields { [.authorization: "Basic " + Data(text.utf8).base64EncodedString()] }
        try await site.test { client in
            try await client.execute(uri: "/reports/MEX201601.E", method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Basic realm=") == true)
                #expect(!response.text.contains("Mexico"))
            }
            for wrong in ["archivist:wrong", "nobody:correct horse", "archivist", ""] {
                try await client.execute(uri: "/", method: .get, headers: basic(wrong)) { response in
                    #expect(response.status == .unauthorized, "\(wrong)")
                }
            }
            for _ in 0..<2 {
                try await client.execute(uri: "/feed.atom", method: .get, headers: basic("archivist:correct horse")) { response in
                    #expect(response.status == .ok)
                }
            }
        }
    }

    @Test func onlyBodilessGetAndHeadWithinTheLimitsAreAnswered() async throws {
        let site = try fixture.site()
        try await site.test { client in
            for method in [HTTPRequest.Method.post, .put, .delete, .patch] {
                try await client.execute(uri: "/reports/MEX201601.E", method: method) { response in
                    #expect(response.status == .methodNotAllowed)
                    #expect(response.headers[.allow] == "GET, HEAD")
                }
            }
            try await client.execute(uri: "/search?q=" + String(repeating: "a", count: 5000), method: .get) { response in
                #expect(response.status == .uriTooLong)
            }
            try await client.execute(uri: "/", method: .get, body: ByteBuffer(string: "x=1")) { response in
                #expect(response.status == .contentTooLarge)
            }
        }
    }

    @Test func listenAddressesAreParsedAndTheBaseURLRootsTheLinks() throws {
        let settings = try WebSettings(ArchiveConfig.Web(listen: "[::1]:9090", baseURL: "https://archive.example/rir"))
        #expect(settings.host == "::1")
        #expect(settings.port == 9090)
        #expect(settings.rootPath == "/rir")
        #expect(try WebSettings(ArchiveConfig.Web()).baseURL == "http://127.0.0.1:8080")
        #expect(throws: WebError.self) { try WebSettings(ArchiveConfig.Web(), listen: "8080") }
    }
}
