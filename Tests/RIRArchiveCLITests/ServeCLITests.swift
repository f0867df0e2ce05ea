import Foundation
import Testing

/// `rir-archive serve` refuses clearly what it cannot serve.
@Suite struct ServeCLITests {
    @Test func serveWithoutADatabaseSaysSoAndExits66() throws {
        let result = try CLI.run(["serve", "--database", "/nonexistent/archive.db", "--listen", "127.0.0.1:0"])
        #expect(result.status == 66)
        #expect(result.stderr.contains("/nonexistent/archive.db"))
    }

    @Test func serveOnABadListenAddressNamesItAndExits78() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rir-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("a.db").path
        try CLI.run(["ingest", CLI.seed("MEX201601.E.txt"), "--database", database])
        let result = try CLI.run(["serve", "--database", database, "--listen", "localhost"])
        #expect(result.status == 78)
        #expect(result.stderr.contains("cannot listen on localhost: not HOST:PORT"))
    }
}
