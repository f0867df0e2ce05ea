import CBrotli
import Foundation
@testable import RIRArchive
import RIRConfig
import RIRFetch
import RIRStore
import RIRTestSupport
import RIRWARC
import Testing

/// Reading WARC files in process: gzip members, content codings, caps, and the fetcher's headers.
@Suite struct WARCIngestTests {
    static let url = "https://irb.gc.ca/en/country-information/rir/Pages/index.aspx?doc=458000"

    /// A response record for `body` sent with `headers`.
    static func response(_ body: [UInt8], headers: [(String, String)], date: String, uri: String = url) -> [UInt8] {
        let head = Array(("HTTP/1.1 200 OK\r\n" + headers.map { "\($0.0): \($0.1)\r\n" }.joined() + "\r\n").utf8)
        return WARCWriter.record(type: "response", recordID: Archive.newRecordID(), date: date, targetURI: uri,
                                 contentType: "application/http; msgtype=response", block: head + body)
    }

    static func brotli(_ bytes: [UInt8]) -> [UInt8] {
        var size = BrotliEncoderMaxCompressedSize(bytes.count)
        var out = [UInt8](repeating: 0, count: size)
        let ok = BrotliEncoderCompress(5, 22, BROTLI_MODE_TEXT, bytes.count, bytes, &size, &out)
        precondition(ok == BROTLI_TRUE, "brotli encoding failed")
        return Array(out.prefix(size))
    }

    static func write(_ bytes: [UInt8], in test: TestArchive, name: String) throws -> String {
        let path = test.folder + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func ingest(_ path: String, into test: TestArchive) throws -> (WARCFileSummary, [IngestedInput]) {
        var inputs: [IngestedInput] = []
        let summary = try test.archive.ingestWARC(path, asOf: day("2026-11-22")) { inputs.append($0) }
        return (summary, inputs)
    }

    @Test func brotliAndGzipBodiesAreDecodedAndKeepTheirHeaders() throws {
        let test = try TestArchive()
        let seed = Seeds.bytes(Seeds.mex201601)
        let edited = Array(String(decoding: seed, as: UTF8.self)
            .replacingOccurrences(of: "Tracking Methods", with: "Tracing Methods").utf8)
        let warc = Self.response(Self.brotli(seed), headers: [("Content-Type", "text/plain; charset=utf-8"),
                                                              ("Content-Encoding", "br")], date: "2024-01-10T00:00:00Z")
            + Self.response(GzipMember.compress(edited), headers: [("Content-Type", "text/plain"),
                                                                   ("Content-Encoding", "gzip")], date: "2024-05-01T00:00:00Z")
        let (summary, inputs) = try Self.ingest(try Self.write(warc, in: test, name: "codings.warc"), into: test)
        #expect(summary.captures == 2 && summary.rejected == 0, "\(inputs)")
        #expect(inputs.map(\.result.outcome) == [.newDocument, .newRevision])
        let captures = try test.archive.store.storedCaptures(of: ["MEX201601.E"])
        #expect(captures.map(\.httpStatusLine) == ["HTTP/1.1 200 OK", "HTTP/1.1 200 OK"])
        #expect(captures.first?.httpHeaders == "Content-Type: text/plain; charset=utf-8\r\nContent-Encoding: br")
        #expect(try test.archive.store.captureBytes(sha256: try #require(captures.first?.sha256)) == seed)
    }

    @Test func aBodyOverTheFetchCapIsRejectedWhenItIsAnRIRAndSkippedOtherwise() throws {
        var config = ArchiveConfig()
        config.fetch.maxBodyBytes = 4096
        let test = try TestArchive(config: config)
        let big = GzipMember.compress(Seeds.bytes(Seeds.mex201601))  // small compressed, large once decoded
        let warc = Self.response(big, headers: [("Content-Type", "text/plain"), ("Content-Encoding", "gzip")],
                                 date: "2024-01-10T00:00:00Z")
            + Self.response(GzipMember.compress(Array(repeating: 0x41, count: 50_000)),
                            headers: [("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
                            date: "2024-01-10T00:00:00Z", uri: "https://example.org/page.html")
        let (summary, inputs) = try Self.ingest(try Self.write(warc, in: test, name: "cap.warc"), into: test)
        #expect(summary.records == 2 && summary.rejected == 1 && summary.skipped == 1)
        #expect(inputs.first?.result.reason?.contains("4096-byte cap") == true, "\(inputs)")
    }

    @Test func gzipMembersAreReadOneByOneAndACorruptMemberIsReportedAtItsOffset() throws {
        let test = try TestArchive()
        let seed = Seeds.bytes(Seeds.mex201601)
        let records = [
            WARCWriter.record(type: "warcinfo", recordID: Archive.newRecordID(), date: "2024-01-01T00:00:00Z",
                              contentType: "application/warc-fields", block: Array("software: test\r\n".utf8)),
            Self.response(seed, headers: [("Content-Type", "text/plain")], date: "2024-01-10T00:00:00Z"),
            Self.response(Array(repeating: 0x20, count: 4000), headers: [("Content-Type", "image/png")],
                          date: "2024-01-10T00:00:01Z"),
            Self.response(Seeds.bytes(Seeds.mex201603), headers: [("Content-Type", "text/plain")],
                          date: "2024-02-10T00:00:00Z"),
        ]
        var members = records.map(GzipMember.compress)
        // Corrupt the third member's deflate data (past its 10-byte gzip header).
        for index in 12..<40 { members[2][index] ^= 0xA5 }
        let corruptAt = members[0].count + members[1].count
        let path = try Self.write(members.flatMap { $0 }, in: test, name: "members.warc.gz")
        #expect(WARCFileReader.isWARC(path))
        let (summary, inputs) = try Self.ingest(path, into: test)
        #expect(summary.captures == 2, "\(inputs)")
        #expect(summary.rejected == 1)
        let rejected = try #require(inputs.first { $0.result.outcome == .rejected })
        #expect(rejected.result.reason?.contains("offset \(corruptAt)") == true, "\(rejected)")
        #expect(inputs.last?.input.hasPrefix("\(path)@\(corruptAt + members[2].count)") == true)
    }

    @Test func aWholeFileGzipIsReadAndOffsetsCountDecompressedBytes() throws {
        let test = try TestArchive()
        let first = Self.response(Seeds.bytes(Seeds.mex201601), headers: [("Content-Type", "text/plain")],
                                  date: "2024-01-10T00:00:00Z")
        let cut = Array(Self.response(Seeds.bytes(Seeds.mex201603), headers: [], date: "2024-01-11T00:00:00Z").prefix(500))
        let path = try Self.write(GzipMember.compress(first + cut), in: test, name: "whole.warc.gz")
        let (summary, inputs) = try Self.ingest(path, into: test)
        #expect(summary.records == 2 && summary.captures == 1 && summary.rejected == 1)
        #expect(inputs.last?.result.reason?.contains("offset \(first.count) of the decompressed stream") == true,
                "\(inputs)")
    }

    @Test func aRevisitIsACaptureOfTheBytesItRefersToAtItsOwnDate() throws {
        let test = try TestArchive()
        let original = Self.response(Seeds.bytes(Seeds.mex201601), headers: [("Content-Type", "text/plain")],
                                     date: "2024-01-10T00:00:00Z")
        let originalID = try #require(WARCParserTestsSupport.header(of: original)?.recordID)
        func revisit(_ fields: [(name: String, value: String)], date: String, uri: String = Self.url) -> [UInt8] {
            WARCWriter.record(type: "revisit", recordID: Archive.newRecordID(), date: date, targetURI: uri,
                              contentType: "application/http; msgtype=response",
                              fields: [("WARC-Profile", "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest")] + fields,
                              block: Array("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n".utf8))
        }
        let warc = original
            + revisit([("WARC-Refers-To", originalID)], date: "2024-03-01T00:00:00Z")
            + revisit([("WARC-Refers-To-Target-URI", Self.url), ("WARC-Refers-To-Date", "2024-01-10T00:00:00Z")],
                      date: "2024-06-01T00:00:00Z")
            + revisit([("WARC-Refers-To", "<urn:uuid:not-in-this-file>")], date: "2024-07-01T00:00:00Z")
            + revisit([("WARC-Refers-To", "<urn:uuid:not-in-this-file>")], date: "2024-07-01T00:00:00Z",
                      uri: "https://example.org/logo.png")
        let (summary, inputs) = try Self.ingest(try Self.write(warc, in: test, name: "revisits.warc"), into: test)
        #expect(summary.records == 5 && summary.captures == 3 && summary.rejected == 1 && summary.skipped == 1,
                "\(inputs)")
        #expect(inputs.map(\.result.outcome) == [.newDocument, .unchanged, .unchanged, .rejected])
        #expect(inputs.last?.result.reason?.contains("refers to a capture this file does not hold") == true)
        let times = try test.archive.store.history(of: "MEX201601.E").flatMap { $0.captures.map(\.capturedAt) }
        #expect(times == ["2024-01-10T00:00:00Z", "2024-03-01T00:00:00Z", "2024-06-01T00:00:00Z"])
        let captures = try test.archive.store.storedCaptures(of: ["MEX201601.E"])
        #expect(Set(captures.map(\.sha256)).count == 1, "a revisit stores no new bytes")
    }

    @Test func aFetchedCaptureKeepsItsStatusLineAndHeadersAndExportsAsAResponse() throws {
        var response = TransportResponse(status: 200, headers: ["content-type": "text/plain; charset=utf-8"],
                                         body: Seeds.bytes(Seeds.mex201601))
        response.statusLine = "HTTP/1.1 200 OK"
        response.headerLines = ["Content-Type: text/plain; charset=utf-8", "Content-Encoding: gzip", "ETag: \"v1\""]
        let test = try TestArchive(transport: ScriptedTransport([.success(response)]))
        #expect(try test.archive.fetchPage(Self.url, allowHTTP: false).outcome == .newDocument)
        let stored = try #require(try test.archive.store.storedCaptures(of: []).first)
        #expect(stored.httpStatusLine == "HTTP/1.1 200 OK")
        #expect(stored.httpHeaders == "Content-Type: text/plain; charset=utf-8\r\nContent-Encoding: gzip\r\nETag: \"v1\"")

        let path = test.folder + "/out.warc.gz"
        let summary = try test.archive.exportWARC(to: path)
        #expect(summary.records == 3 && summary.captures == 1)
        var types: [String] = []
        var body: [UInt8]?
        try WARCFileReader(path: path).read(keep: { _ in 1 << 24 }) { event in
            guard case .record(let record, _) = event else { Issue.record("broken export: \(event)"); return }
            types.append(record.header.type)
            if record.header.type == "response", let block = record.block {
                let message = try? HTTPResponseMessage(parsing: block)
                #expect(message?.head.statusLine == "HTTP/1.1 200 OK")
                #expect(message?.head.header("X-Archive-Orig-Content-Encoding") == "gzip")
                #expect(record.header.date == stored.capturedAt)
                #expect(record.header.targetURI == Self.url)
                body = message.map { Array($0.body) }
            }
        }
        #expect(types == ["warcinfo", "response", "metadata"])
        #expect(body == Seeds.bytes(Seeds.mex201601))
    }

    @Test func theRetentionExportFolderHoldsTheReportAsAWARCThatReingestsAlike() throws {
        let test = try TestArchive()
        let file = test.folder + "/MEX201601.E.txt"
        try Data(Seeds.bytes(Seeds.mex201601)).write(to: URL(fileURLWithPath: file))
        try test.archive.ingest(files: [file], capturedAt: "2024-03-01T00:00:00Z", asOf: day("2026-11-22")) { _ in }
        let written = try test.archive.export("MEX201601.E", to: test.folder + "/exports")
        let warc = try #require(written.first { $0.hasSuffix("/MEX201601.E/MEX201601.E.warc.gz") })
        let copy = try TestArchive()
        _ = try Self.ingest(warc, into: copy)
        let original = try test.archive.store.history(of: "MEX201601.E")
        let again = try copy.archive.store.history(of: "MEX201601.E")
        #expect(again.map(\.contentHash) == original.map(\.contentHash))
        #expect(again.flatMap { $0.captures.map(\.sha256) } == original.flatMap { $0.captures.map(\.sha256) })
        #expect(again.flatMap { $0.captures.map(\.capturedAt) } == ["2024-03-01T00:00:00Z"])
        #expect(again.first?.captures.first?.source.hasPrefix("urn:rir-archive:capture:") == true)
    }
}

/// Reading one record's header back from bytes built for a test.
enum WARCParserTestsSupport {
    static func header(of bytes: [UInt8]) -> WARCRecordHeader? {
        var parser = WARCParser(keep: { _ in nil })
        var header: WARCRecordHeader?
        parser.feed(bytes) { if case .record(let record) = $0 { header = record.header } }
        return header
    }
}
