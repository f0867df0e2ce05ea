import Foundation
import RIRArchive
import RIRConfig
import RIRFetch
import RIRStore
import RIRTestSupport

/// An archive over a real temporary SQLite file, a fixed clock and, when given, a scripted
/// transport and a clock that never really waits.
struct TestArchive {
    let archive: Archive
    let folder: String
    var path: String { archive.store.path }

    init(config: ArchiveConfig = ArchiveConfig(), at timestamp: String = "2026-11-22T12:00:00Z",
         transport: ScriptedTransport? = nil, waits: RecordingClock = RecordingClock()) throws {
        folder = try TemporaryFolder.make(prefix: "rir-archive-tests")
        var config = config
        config.database = folder + "/archive.db"
        let store = try ArchiveStore(path: config.database)
        let fetcher = Fetcher(settings: FetchSettings(config.fetch),
                              transport: transport ?? ScriptedTransport([]), clock: waits.clock)
        guard let clock = ArchiveClock.fixed(timestamp) else { preconditionFailure("bad test time \(timestamp)") }
        archive = try Archive(config: config, store: store, clock: clock, fetcher: fetcher)
    }
}

/// An HTTP 200 response with `body`.
func ok(_ body: [UInt8], etag: String? = nil) -> Result<TransportResponse, FetchError> {
    var headers = ["content-type": "text/plain; charset=utf-8"]
    if let etag { headers["etag"] = etag }
    return .success(TransportResponse(status: 200, headers: headers, body: body))
}
