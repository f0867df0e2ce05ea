import Foundation
import RIRModel
import RIRStore
import RIRWARC

/// What an export to a WARC file wrote.
public struct WARCExportSummary: Sendable, Hashable {
    /// The file written.
    public var path: String
    /// Reports with at least one capture in it.
    public var reports: Int
    /// Captures written (one `response` or `resource` record and one `metadata` record each).
    public var captures: Int
    /// Records written, the `warcinfo` record included.
    public var records: Int
}

extension Archive {
    /// Writes captures as a WARC/1.1 file, one gzip member per record (`.warc.gz`): a `warcinfo`
    /// record, then per capture a `response` record (the HTTP status line and headers it came
    /// with, the stored bytes as the body) or a `resource` record (captures that came as files,
    /// `urn:rir-archive:capture:<sha256>`), `WARC-Date` = its captured_at, then a `metadata` record
    /// naming its report, revision and content hash.
    ///
    /// `ids` empty means every report; `since` (a date or timestamp) keeps the captures from then
    /// on. The file is written beside its final path, synced, then renamed into place.
    @discardableResult
    public func exportWARC(to path: String, ids: [String] = [], since: String? = nil) throws(ArchiveError) -> WARCExportSummary {
        let captures = try stored { () throws(StoreError) in try store.storedCaptures(of: ids, since: since) }
        let temporary = path + ".tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
              let file = FileHandle(forWritingAtPath: temporary) else {
            throw .export(.cannotWrite(path: path, cause: "cannot create \(temporary)"))
        }
        var records = 0
        func write(_ record: [UInt8]) throws(ArchiveError) {
            do { try file.write(contentsOf: Data(GzipMember.compress(record))) } catch {
                throw .export(.cannotWrite(path: path, cause: "\(error)"))
            }
            records += 1
        }
        do {
            defer { try? file.close() }
            let info = WARCWriter.fieldsBlock([
                ("software", "rir-archive \(Self.softwareVersion)"),
                ("format", "WARC File Format 1.1"),
                ("conformsTo", "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/"),
                ("description", "Captures of the IRB's Responses to Information Requests"),
            ])
            try write(WARCWriter.record(type: "warcinfo", recordID: Self.newRecordID(), date: clock.timestamp(),
                                        contentType: "application/warc-fields",
                                        fields: [("WARC-Filename", (path as NSString).lastPathComponent)], block: info))
            for capture in captures {
                let bytes = try stored { () throws(StoreError) in try store.captureBytes(sha256: capture.sha256) }
                let recordID = Self.newRecordID()
                if let statusLine = capture.httpStatusLine {
                    let status = statusLine.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 200
                    let head = HTTPResponseHead(statusLine: statusLine, status: status,
                                                headers: HTTPResponseHead.headers(fromText: capture.httpHeaders ?? ""))
                    let (block, payloadStart) = WARCWriter.httpResponseBlock(head, body: bytes)
                    try write(WARCWriter.record(type: "response", recordID: recordID, date: capture.capturedAt,
                                                targetURI: capture.source,
                                                contentType: "application/http; msgtype=response",
                                                block: block, payloadStart: payloadStart))
                } else {
                    let uri = capture.source.hasPrefix("http://") || capture.source.hasPrefix("https://")
                        ? capture.source : "urn:rir-archive:capture:\(capture.sha256)"
                    try write(WARCWriter.record(type: "resource", recordID: recordID, date: capture.capturedAt,
                                                targetURI: uri,
                                                contentType: capture.format == "html" ? "text/html" : "text/plain",
                                                block: bytes, payloadStart: 0))
                }
                let metadata = WARCWriter.fieldsBlock([
                    ("report", capture.reportID),
                    ("revision", String(capture.revision)),
                    ("content-hash", capture.contentHash),
                    ("capture-sha256", capture.sha256),
                    ("source", capture.source),
                ])
                try write(WARCWriter.record(type: "metadata", recordID: Self.newRecordID(), date: capture.capturedAt,
                                            targetURI: "urn:rir-archive:report:\(capture.reportID)",
                                            contentType: "application/warc-fields",
                                            fields: [("WARC-Refers-To", recordID)], block: metadata))
            }
            do { try file.synchronize() } catch { throw ArchiveError.export(.cannotWrite(path: path, cause: "\(error)")) }
        }
        do {
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
            try FileManager.default.moveItem(atPath: temporary, toPath: path)
        } catch {
            throw .export(.cannotWrite(path: path, cause: "\(error)"))
        }
        return WARCExportSummary(path: path, reports: Set(captures.map(\.reportID)).count, captures: captures.count,
                                 records: records)
    }

    /// Reads a WARC written by ``exportWARC(to:ids:since:)`` back and checks that it holds every
    /// capture's exact bytes (by SHA-256), so that an export may be trusted before a purge.
    func verifyWARC(at path: String, holds sha256s: Set<String>) throws(ArchiveError) {
        var found: Set<String> = []
        var broken: String?
        do {
            // The bytes themselves are checked: each response body and resource block is hashed.
            try WARCFileReader(path: path).read(keep: { _ in Int.max }) { event in
                switch event {
                case .malformed(let position, let reason): broken = broken ?? "\(position): \(reason)"
                case .record(let record, _):
                    guard let block = record.block else { return }
                    switch record.header.type {
                    case "resource": found.insert(SHA256Hex.digest(of: block))
                    case "response":
                        if let message = try? HTTPResponseMessage(parsing: block) {
                            found.insert(SHA256Hex.digest(of: message.body))
                        }
                    default: break
                    }
                }
            }
        } catch {
            throw .export(.cannotWrite(path: path, cause: "\(error)"))
        }
        if broken != nil || !sha256s.isSubset(of: found) { throw .export(.mismatch(path: path)) }
    }

    static func newRecordID() -> String { "<urn:uuid:\(UUID().uuidString.lowercased())>" }

    /// The version the `warcinfo` record names.
    public static let softwareVersion = "0.2.0"
}
