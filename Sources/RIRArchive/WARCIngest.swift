import FoundationEssentials
import RIRFetch
import RIRModel
import RIRStore
import RIRWARC

/// What one WARC file held: every record is a capture, skipped, or rejected.
public struct WARCFileSummary: Sendable, Hashable {
    /// The file.
    public var file: String
    /// Records read, broken ones included.
    public var records = 0
    /// Records stored as captures (new document, new revision or unchanged).
    public var captures = 0
    /// Records that hold no RIR (other pages, images, scripts, request/metadata/warcinfo records).
    public var skipped = 0
    /// Records that look like an RIR but could not be stored, and broken records.
    public var rejected = 0
}

/// How one record of a WARC file is classified before anything is stored.
private enum RecordVerdict {
    case capture(IngestItem, payload: [UInt8])
    case skipped
    case rejected(id: String?, reason: String)
}

extension Archive {
    /// Ingests the RIR captures of one WARC file, streaming it: captures are stored in batches as
    /// files are; `report` hears of each capture and rejection once committed (its input is
    /// `FILE@OFFSET URI`). Throws only when the archive fails or the file cannot be opened.
    public func ingestWARC(_ path: String, asOf: CalendarDate? = nil,
                           report: (IngestedInput) -> Void) throws(ArchiveError) -> WARCFileSummary {
        var summary = WARCFileSummary(file: path)
        var batch: [(input: String, item: IngestItem, keys: [String])] = []
        var batchBytes = 0
        // Payloads of the RIR captures met so far, by record ID and payload digest, for revisits:
        // the SHA-256 of the payload; the payload itself while its batch is not yet committed.
        var payloads: [String: String] = [:]
        var pending: [String: [UInt8]] = [:]
        var failure: ArchiveError?

        func commit() throws(ArchiveError) {
            let results = try store(batch.map(\.item), asOf: asOf)
            for (entry, result) in zip(batch, results) {
                if result.outcome == .rejected {
                    summary.rejected += 1
                    for key in entry.keys { payloads[key] = nil }
                } else {
                    summary.captures += 1
                }
                report(IngestedInput(input: entry.input, result: result))
            }
            batch.removeAll(keepingCapacity: true)
            pending.removeAll(keepingCapacity: true)
            batchBytes = 0
        }
        func add(_ input: String, _ item: IngestItem, keys: [String] = [], payload: [UInt8]? = nil) {
            batch.append((input, item, keys))
            if let payload {
                let sha = SHA256Hex.digest(of: payload)
                pending[sha] = payload
                for key in keys { payloads[key] = sha }
                batchBytes += payload.count
            }
            if batch.count >= Self.batchCount || batchBytes >= Self.batchBytes {
                do { try commit() } catch { failure = error }
            }
        }

        let keepLimit = config.fetch.maxBodyBytes + (1 << 20)
        let reader = WARCFileReader(path: path)
        do {
            try reader.read(keep: { header in
                ["response", "resource", "revisit"].contains(header.type) ? keepLimit : nil
            }) { event in
                guard failure == nil else { return }
                summary.records += 1
                switch event {
                case .malformed(let position, let reason):
                    add("\(path)@\(position.offset)", .rejection(source: "\(path)@\(position.offset)", id: nil,
                                                                 reason: "broken record at \(position): \(reason)",
                                                                 at: clock.timestamp()))
                case .record(let record, let position):
                    let input = "\(path)@\(position.offset)" + (record.header.targetURI.map { " \($0)" } ?? "")
                    switch classify(record, at: position, payloads: payloads, pending: pending) {
                    case .skipped:
                        summary.skipped += 1
                    case .rejected(let id, let reason):
                        add(input, .rejection(source: input, id: id, reason: reason, at: clock.timestamp()))
                    case .capture(let item, let payload):
                        var keys = [record.header.recordID, record.header["WARC-Payload-Digest"]].compactMap { $0 }
                        keys.append("sha256:" + SHA256Hex.digest(of: payload))
                        if let uri = record.header.targetURI, let date = record.header.date {
                            keys.append(Self.targetKey(uri: uri, date: date))
                        }
                        add(input, item, keys: record.header.type == "revisit" ? [] : keys, payload: payload)
                    }
                }
            }
        } catch {
            throw .input(error)
        }
        if let failure { throw failure }
        try commit()
        return summary
    }

    // MARK: - Classification

    /// Decides what a record is: an RIR capture, a record without an RIR, or an RIR that cannot be read.
    private func classify(_ record: WARCRecord, at position: WARCPosition, payloads: [String: String],
                          pending: [String: [UInt8]]) -> RecordVerdict {
        let header = record.header
        let uri = header.targetURI ?? ""
        let type = header.type
        guard ["response", "resource", "revisit"].contains(type) else { return .skipped }
        let source = Self.source(of: uri)
        let rirURL = Self.looksLikeRIRURL(uri)
        func reject(_ reason: String) -> RecordVerdict {
            .rejected(id: ReportID.all(in: uri).first?.description, reason: "\(type) record at \(position): \(reason)")
        }
        if record.overLimit {
            return rirURL ? reject("its \(record.length)-byte block is over the fetch.max_body_bytes cap") : .skipped
        }
        guard let block = record.block else { return .skipped }

        var head: HTTPResponseHead?
        var payload: [UInt8]
        switch type {
        case "resource":
            let media = header.contentType
            if !media.isEmpty, !Self.mayHoldRIR(media) { return .skipped }
            payload = block
        case "revisit":
            if header.contentType.hasPrefix("application/http") {
                head = try? HTTPResponseMessage(parsing: block).head
            }
            // The record revisited: by ID, by payload digest, or by target URI and date (WARC/1.1).
            var keys = [header["WARC-Refers-To"], header["WARC-Payload-Digest"]].compactMap { $0 }
            if let uri = header["WARC-Refers-To-Target-URI"], let date = header["WARC-Refers-To-Date"] {
                keys.append(Self.targetKey(uri: uri, date: date))
            }
            guard let sha = keys.lazy.compactMap({ payloads[$0] }).first else {
                return rirURL ? reject("it refers to a capture this file does not hold (or that was not stored)") : .skipped
            }
            guard let bytes = pending[sha] ?? (try? store.captureBytes(sha256: sha)) else {
                return reject("the capture it refers to was not stored")
            }
            payload = bytes
        default:
            guard header.contentType.isEmpty || header.contentType.hasPrefix("application/http") else {
                return Self.mayHoldRIR(header.contentType) || rirURL ? reject("its Content-Type is \(header.contentType), not application/http") : .skipped
            }
            let message: HTTPResponseMessage
            do { message = try HTTPResponseMessage(parsing: block) } catch {
                return rirURL ? reject("\(error)") : .skipped
            }
            head = message.head
            guard (200..<300).contains(message.head.status) else { return .skipped }
            let media = message.head.mediaType
            if !media.isEmpty, !Self.mayHoldRIR(media) { return .skipped }
            do {
                let dechunked = try message.dechunkedBody(maxBytes: config.fetch.maxBodyBytes)
                payload = try ContentDecoding.decode(dechunked, encoding: message.head.header("Content-Encoding"),
                                                     maxBytes: config.fetch.maxBodyBytes)
            } catch let error as DecompressionFailure {
                return rirURL || Self.mentionsReport(message.body) ? reject(error.cause) : .skipped
            } catch {
                return rirURL || Self.mentionsReport(message.body) ? reject("\(error)") : .skipped
            }
        }
        guard let capturedAt = header.captureTime else {
            return rirURL || Self.mentionsReport(payload[...])
                ? reject("its WARC-Date \(header.date ?? "(none)") is not an ISO 8601 UTC time") : .skipped
        }
        let name = source.isEmpty ? "\(type) record at \(position)" : source
        switch item(for: payload, name: name, source: name, capturedAt: capturedAt) {
        case .capture(var capture):
            capture.httpStatusLine = head?.statusLine
            capture.httpHeaders = head?.headerText
            return .capture(.capture(capture), payload: payload)
        case .rejection(_, let id, let reason, _):
            guard rirURL || Self.mentionsReport(payload[...]) else { return .skipped }
            return .rejected(id: id ?? ReportID.all(in: String(decoding: payload.prefix(1 << 16), as: UTF8.self)).first?.description,
                             reason: "\(type) record at \(position): \(reason)")
        }
    }

    /// The key of a record by its target and date, as a revisit's `WARC-Refers-To-Target-URI`
    /// and `WARC-Refers-To-Date` name it.
    static func targetKey(uri: String, date: String) -> String {
        "target:" + source(of: uri) + " " + date
    }

    /// The capture's source: an http(s) URI canonicalised as fetched URLs are, any other as it is.
    static func source(of uri: String) -> String {
        (try? SourceURL(uri).canonical) ?? uri
    }

    /// Whether a URI names an RIR page: an RIR ID in it, or an IRB `/rir/` page.
    static func looksLikeRIRURL(_ uri: String) -> Bool {
        if !ReportID.all(in: uri).isEmpty { return true }
        guard let url = try? SourceURL(uri) else { return false }
        return SourceURL.site(ofHost: url.host) == "irb-cisr.gc.ca" && url.path.lowercased().contains("/rir")
    }

    /// Whether the text of a body names an RIR ID.
    static func mentionsReport(_ body: ArraySlice<UInt8>) -> Bool {
        !ReportID.all(in: String(decoding: body, as: UTF8.self)).isEmpty
    }

    /// Media types an RIR page can come as (HTML or text); anything else holds none.
    static func mayHoldRIR(_ media: String) -> Bool {
        let type = media.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        return type.hasPrefix("text/html") || type.hasPrefix("application/xhtml") || type.hasPrefix("text/plain")
    }
}
