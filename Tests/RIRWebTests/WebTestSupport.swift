import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import RIRArchive
import RIRConfig
import RIRModel
import RIRTestSupport
import RIRWeb

/// An archive file built from the seeds (MEX201601.E in two revisions captured from a URL, its
/// French version, MEX201603.E) and a hostile report whose title and text carry markup, then
/// served read-only.
struct WebFixture {
    static let url = "https://irb.gc.ca/en/rir/index.aspx?doc=458861"
    static let hostileID = "ZZZ300001.E"
    let folder: String
    let database: String

    init() throws {
        folder = try TemporaryFolder.make(prefix: "rir-web")
        database = folder + "/archive.db"
        var config = ArchiveConfig()
        config.database = database
        guard let clock = ArchiveClock.fixed("2026-11-22T12:00:00Z") else { preconditionFailure("bad clock") }
        let writer = try Archive.open(config, access: .readWrite, clock: clock)
        let changed = folder + "/MEX201601.E.txt"
        try Seeds.text(Seeds.mex201601).replacingOccurrences(of: "drug cartels are", with: "powerful drug cartels are")
            .write(toFile: changed, atomically: true, encoding: .utf8)
        let hostile = folder + "/\(Self.hostileID).txt"
        try Self.hostileText.write(toFile: hostile, atomically: true, encoding: .utf8)
        for (files, source, day) in [([Seeds.path(Seeds.mex201601)], Self.url, "2024-01-10"),
                                     ([Seeds.path(Seeds.mex201603), Seeds.path(Seeds.mex201601French), hostile], nil, "2024-02-01"),
                                     ([changed], Self.url, "2024-06-01")] {
            var failures: [String] = []
            try writer.ingest(files: files, source: source, capturedAt: day + "T00:00:00Z") { input in
                if input.result.id == nil { failures.append("\(input.input): \(input.result.reason ?? "")") }
            }
            guard failures.isEmpty else { throw FixtureError(failures.joined(separator: "\n")) }
        }
    }

    /// MEX201601.E re-numbered ZZZ300001 with `<script>` and markup in its title and first section.
    static var hostileText: String {
        Seeds.text(Seeds.mex201601)
            .replacingOccurrences(of: "MEX201601.E", with: hostileID)
            .replacingOccurrences(of: "Mexico: Profiles of individuals", with: "Mexico: <script>alert('t')</script> <b>Profiles</b> & \"individuals\"")
            .replacingOccurrences(of: "Bertelsmann Stiftung's Transformation Index",
                                  with: "<script>alert(1)</script><img src=x onerror=alert(2)> Bertelsmann Stiftung's Transformation Index")
    }

    /// The site over the file, opened read-only, at a fixed day.
    func site(users: [WebUser] = [], port: Int = 8080) throws -> WebSite {
        var config = ArchiveConfig()
        config.database = database
        guard let clock = ArchiveClock.fixed("2026-11-22T12:00:00Z") else { preconditionFailure("bad clock") }
        let archive = try Archive.open(config, access: .readOnly, clock: clock)
        return try WebSite(archive: archive, settings: WebSettings(port: port, users: users))
    }

    /// SHA-256 of the database file.
    func databaseDigest() throws -> String {
        SHA256Hex.digest(of: [UInt8](try Data(contentsOf: URL(fileURLWithPath: database))))
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension TestResponse {
    /// The body as UTF-8 text.
    var text: String { String(buffer: body) }
}

extension WebSite {
    /// Runs `test` against the router in process.
    func test<Value: Sendable>(_ test: @escaping @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        try await Application(router: router()).test(.router) { client in try await test(client) }
    }
}

/// Whether a command-line tool answers (for tests that need one that may be missing).
func toolWorks(_ arguments: [String]) -> Bool {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    do {
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus == 0
    } catch {
        return false
    }
}

/// A free port on 127.0.0.1.
func freePort() throws -> Int {
    guard let port = LoopbackPort.free() else { throw FixtureError("cannot find a free port on 127.0.0.1") }
    return port
}

/// Waits (up to 10 s) until something accepts connections on 127.0.0.1:`port`.
func waitUntilListening(_ port: Int) async throws {
    for _ in 0..<200 {
        if LoopbackPort.accepts(port) { return }
        try await Task.sleep(for: .milliseconds(50))
    }
    throw FixtureError("nothing listens on 127.0.0.1:\(port)")
}
