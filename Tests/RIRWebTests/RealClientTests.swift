import Foundation
import Hummingbird
import HummingbirdTesting
import RIRWeb
import Testing

/// Real clients against a live server on 127.0.0.1: Python's `feedparser` reads both feeds, and
/// `memento_client` finds revisions through the TimeGate and lists them from the TimeMap.
/// CI installs them with `pip install feedparser memento_client`.
@Suite(.enabled(if: toolWorks(["python3", "-c", "import feedparser, memento_client"]),
                "needs Python's feedparser and memento_client: pip install feedparser memento_client"), .serialized)
struct RealClientTests {
    let fixture: WebFixture
    init() throws { fixture = try WebFixture() }

    /// Serves the fixture on a free loopback port while `body` runs with the base URL.
    func live(_ body: @escaping @Sendable (String) async throws -> Void) async throws {
        let port = try freePort()
        let site = try fixture.site(port: port)
        let server = Task { try await site.application().run() }
        defer { server.cancel() }
        try await waitUntilListening(port)
        try await body("http://127.0.0.1:\(port)")
        server.cancel()
        _ = await server.result
    }

    @Test func feedparserReadsBothFeedsWithOneEntryPerRevision() async throws {
        try await live { base in
            let output = try await python("""
                import feedparser, sys
                for url in [sys.argv[1] + "/feed.atom", sys.argv[1] + "/reports/MEX201601.E/feed.atom"]:
                    d = feedparser.parse(url)
                    assert not d.bozo, (url, d.bozo_exception)
                    assert d.version == "atom10", d.version
                    print(len(d.entries), len(set(e.id for e in d.entries)), d.entries[0].link, d.entries[0].updated, d.entries[0].summary)
                """, base)
            let lines = output.split(separator: "\n")
            #expect(lines.count == 2)
            // 5 revisions in the archive (MEX201601.E twice, MEX201603.E, MEX201601.EF, the hostile report).
            #expect(lines.first?.hasPrefix("5 5 \(base)/reports/MEX201601.E/diff?from=1&to=2 2024-06-01T00:00:00Z Changes from revision 1:") == true)
            #expect(lines.last?.hasPrefix("2 2 \(base)/reports/MEX201601.E/diff?from=1&to=2 2024-06-01T00:00:00Z") == true)
        }
    }

    @Test func mementoClientFindsTheRevisionInForceAndListsTheTimeMap() async throws {
        try await live { base in
            let output = try await python("""
                import sys, datetime, requests
                from memento_client import MementoClient
                base = sys.argv[1]
                client = MementoClient(timegate_uri=base + "/timegate/")
                for day in [datetime.datetime(2024, 4, 1), datetime.datetime(2024, 12, 1)]:
                    info = client.get_memento_info(base + "/reports/MEX201601.E", day)
                    print(info["mementos"]["closest"]["uri"][0])
                timemap = requests.get(base + "/timemap/link/MEX201601.E").text
                links = MementoClient.parse_link_header(timemap)
                found = MementoClient.get_uri_dt_for_rel(links, ["first", "last"])
                print(found["first"]["uri"], found["last"]["uri"])
                print(sum(1 for uri in links if "memento" in links[uri]["rel"]))
                """, base)
            #expect(output.split(separator: "\n").map(String.init) == [
                "\(base)/reports/MEX201601.E/revisions/1",
                "\(base)/reports/MEX201601.E/revisions/2",
                "\(base)/reports/MEX201601.E/revisions/1 \(base)/reports/MEX201601.E/revisions/2",
                "2",
            ])
        }
    }
}

/// Runs a Python script with `argument` on a Dispatch thread (never blocking the cooperative
/// threads the server answers on); its stdout, or an error with its stderr.
func python(_ script: String, _ argument: String) async throws -> String {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async {
            continuation.resume(with: Result { try runPython(script, argument) })
        }
    }
}

private func runPython(_ script: String, _ argument: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script, argument]
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let output = out.fileHandleForReading.readDataToEndOfFile()
    let errors = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw FixtureError("python failed: \(String(decoding: errors, as: UTF8.self))")
    }
    return String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}
