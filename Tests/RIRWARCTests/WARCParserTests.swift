import RIRModel
import RIRWARC
import Testing

/// The record framing, read from bytes built by hand.
@Suite struct WARCParserTests {
    static func record(_ version: String = "WARC/1.1", type: String = "response", uri: String = "https://example.org/",
                       block: String, length: Int? = nil) -> [UInt8] {
        Array("""
            \(version)\r
            WARC-Type: \(type)\r
            WARC-Record-ID: <urn:uuid:\(type)-\(block.count)>\r
            WARC-Date: 2024-01-10T08:09:10Z\r
            WARC-Target-URI: \(uri)\r
            Content-Type: application/http; msgtype=response\r
            Content-Length: \(length ?? block.utf8.count)\r
            \r
            \(block)\r
            \r

            """.utf8)
    }

    static func read(_ bytes: [UInt8], pieceSize: Int = Int.max, keep: Int? = 1 << 20) -> [WARCEvent] {
        var parser = WARCParser(keep: { _ in keep })
        var events: [WARCEvent] = []
        var index = 0
        while index < bytes.count {
            let end = min(bytes.count, index + pieceSize)
            parser.feed(bytes[index..<end]) { events.append($0) }
            index = end
        }
        parser.finish { events.append($0) }
        return events
    }

    static func records(_ events: [WARCEvent]) -> [WARCRecord] {
        events.compactMap { if case .record(let record) = $0 { record } else { nil } }
    }

    @Test func recordsOfWARC10And11AreReadWithTheirOffsetsWhateverTheChunkSize() {
        let first = Self.record("WARC/1.0", block: "HTTP/1.1 200 OK\r\n\r\nhello")
        let second = Self.record("WARC/1.1", type: "resource", block: "plain text")
        for pieceSize in [1, 3, 7, 4096] {
            let records = Self.records(Self.read(first + second, pieceSize: pieceSize))
            #expect(records.count == 2)
            #expect(records.first?.header.version == "WARC/1.0")
            #expect(records.last?.header.version == "WARC/1.1")
            #expect(records.last?.offset == first.count)
            #expect(records.first?.block == Array("HTTP/1.1 200 OK\r\n\r\nhello".utf8))
            #expect(records.last?.header.type == "resource")
        }
    }

    @Test func warcDateBecomesACaptureTimeWithoutFractions() {
        let header = WARCRecordHeader(version: "WARC/1.1", fields: [("WARC-Date", "2024-01-10T08:09:10.123456Z")])
        #expect(header.captureTime == "2024-01-10T08:09:10Z")
        #expect(WARCRecordHeader(version: "WARC/1.1", fields: [("WARC-Date", "10 Jan 2024")]).captureTime == nil)
    }

    @Test func aBlockNotKeptIsSkippedButTheRecordIsStillReported() {
        let records = Self.records(Self.read(Self.record(block: String(repeating: "x", count: 5000)), keep: nil))
        #expect(records.count == 1)
        #expect(records.first?.block == nil && records.first?.length == 5000)
    }

    @Test func aBlockOverTheKeepCapIsMarkedOverLimit() {
        let records = Self.records(Self.read(Self.record(block: String(repeating: "x", count: 5000)), keep: 100))
        #expect(records.first?.overLimit == true && records.first?.block == nil)
    }

    @Test func aTruncatedRecordIsReportedAtItsOffsetAndTheNextRecordIsStillRead() {
        let first = Self.record(block: "complete")
        // Content-Length claims 60 bytes more than the block has: the next record's start is swallowed.
        let cut = "HTTP/1.1 200 OK\r\n\r\ncut"
        let broken = Self.record(block: cut, length: cut.utf8.count + 60)
        let third = Self.record(type: "resource", block: "after the broken one")
        let fourth = Self.record(type: "metadata", block: "last")
        for keep in [1 << 20, nil] as [Int?] {
            let events = Self.read(first + broken + third + fourth, keep: keep)
            let malformed = events.compactMap { if case .malformed(let offset, let reason) = $0 { (offset, reason) } else { nil } }
            #expect(malformed.count == 1)
            #expect(malformed.first?.0 == first.count)
            #expect(malformed.first?.1.contains("truncated") == true)
            let records = Self.records(events)
            if keep != nil {
                // The kept block held the next record's start: reading resumed there.
                #expect(records.map(\.header.type) == ["response", "resource", "metadata"])
                #expect(records.dropFirst().first?.offset == first.count + broken.count)
                #expect(records.dropFirst().first?.block == Array("after the broken one".utf8))
            } else {
                // Without the block, the scan finds the record after.
                #expect(records.map(\.header.type) == ["response", "metadata"])
            }
        }
    }

    @Test func aFileEndingInsideARecordReportsIt() {
        let whole = Self.record(block: "a block that will be cut")
        let events = Self.read(Array(whole.prefix(whole.count - 10)))
        guard case .malformed(let offset, let reason) = events.last else { Issue.record("no malformed event"); return }
        #expect(offset == 0 && reason.contains("file ends"))
    }

    @Test func aGzipMemberEndingInsideARecordReportsItAndTheNextMemberStartsAfresh() {
        var parser = WARCParser(keep: { _ in 1 << 20 })
        var events: [WARCEvent] = []
        let whole = Self.record(block: "cut short")
        parser.feed(Array(whole.prefix(whole.count - 8))) { events.append($0) }
        parser.endOfMember { events.append($0) }
        parser.feed(Self.record(type: "resource", block: "next")) { events.append($0) }
        parser.finish { events.append($0) }
        #expect(events.count == 2)
        if case .malformed(let offset, let reason) = events.first { #expect(offset == 0 && reason.contains("gzip member")) }
        #expect(Self.records(events).map(\.header.type) == ["resource"])
    }

    @Test func aBadHeaderIsRejectedAndReadingResumesAtTheNextRecord() {
        let bad = Array("WARC/1.1\r\nWARC-Type: response\r\nno colon here\r\n\r\n".utf8)
        let good = Self.record(type: "resource", block: "fine")
        let events = Self.read(bad + good)
        if case .malformed(_, let reason) = events.first { #expect(reason.contains("NAME: VALUE")) } else {
            Issue.record("expected a malformed event first")
        }
        #expect(Self.records(events).map(\.header.type) == ["resource"])
    }

    @Test func aRecordWithoutContentLengthIsMalformed() {
        let events = Self.read(Array("WARC/1.0\r\nWARC-Type: metadata\r\n\r\n".utf8))
        if case .malformed(_, let reason) = events.first { #expect(reason.contains("Content-Length")) } else {
            Issue.record("expected a malformed event")
        }
    }
}

/// HTTP messages and chunked bodies inside response records.
@Suite struct HTTPMessageTests {
    @Test func aChunkedBodyIsDechunkedAndTheHeadKeptAsSent() throws {
        let block = Array("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\nX-Trailer: 1\r\n\r\n".utf8)
        let message = try HTTPResponseMessage(parsing: block)
        #expect(message.head.statusLine == "HTTP/1.1 200 OK")
        #expect(message.head.status == 200 && message.head.mediaType == "text/html")
        #expect(message.head.headerText == "Content-Type: text/html\r\nTransfer-Encoding: chunked")
        #expect(try message.dechunkedBody(maxBytes: 100) == Array("hello, world".utf8))
    }

    @Test func aChunkedBodyCutShortIsAnErrorAndOneOverTheCapToo() throws {
        let cut = try HTTPResponseMessage(parsing: Array("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nshort".utf8))
        #expect(throws: WARCError.self) { try cut.dechunkedBody(maxBytes: 100) }
        let big = try HTTPResponseMessage(parsing: Array("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n".utf8))
        #expect(throws: WARCError.tooLarge(limit: 3)) { try big.dechunkedBody(maxBytes: 3) }
    }

    @Test func aBodyStoredDechunkedUnderAChunkedHeaderIsTakenAsItIs() throws {
        let message = try HTTPResponseMessage(parsing: Array("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n<html>".utf8))
        #expect(try message.dechunkedBody(maxBytes: 100) == Array("<html>".utf8))
    }

    @Test func aBlockWithoutAStatusLineIsNotAResponse() {
        #expect(throws: WARCError.self) { try HTTPResponseMessage(parsing: Array("GET / HTTP/1.1\r\n\r\n".utf8)) }
    }

    @Test func anExportedResponseCarriesDigestsOfItsBlockAndPayload() throws {
        let head = HTTPResponseHead(statusLine: "HTTP/1.1 200 OK", status: 200,
                                    headers: [("Content-Type", "text/html"), ("Content-Encoding", "gzip")])
        let (block, start) = WARCWriter.httpResponseBlock(head, body: Array("<p>body</p>".utf8))
        let bytes = WARCWriter.record(type: "response", recordID: "<urn:uuid:1>", date: "2024-01-10T00:00:00Z",
                                      targetURI: "https://example.org/", contentType: "application/http", block: block,
                                      payloadStart: start)
        let records = WARCParserTests.records(WARCParserTests.read(bytes))
        let header = try #require(records.first?.header)
        #expect(header["WARC-Block-Digest"] == "sha256:" + SHA256Hex.digest(of: block))
        #expect(header["WARC-Payload-Digest"] == "sha256:" + SHA256Hex.digest(of: Array("<p>body</p>".utf8)))
        let message = try HTTPResponseMessage(parsing: try #require(records.first?.block))
        #expect(message.head.header("Content-Encoding") == nil)
        #expect(message.head.header("X-Archive-Orig-Content-Encoding") == "gzip")
        #expect(message.head.header("Content-Length") == "11")
    }
}
