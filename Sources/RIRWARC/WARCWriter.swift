import RIRModel

/// Builds WARC/1.1 records as bytes: header block, block, CRLF CRLF. Pure: the caller gives the
/// record ID and the date; digests are computed here.
public enum WARCWriter {
    /// One record. `payloadStart` is where the payload begins inside `block` (after an HTTP head),
    /// or nil when the record has no payload digest. `WARC-Block-Digest` and
    /// `WARC-Payload-Digest` are `sha256:<hex>`; `Content-Length` is the block's size.
    public static func record(type: String, recordID: String, date: String, targetURI: String? = nil,
                              contentType: String?, fields: [(name: String, value: String)] = [],
                              block: [UInt8], payloadStart: Int? = nil) -> [UInt8] {
        var header: [(String, String)] = [
            ("WARC-Type", type),
            ("WARC-Record-ID", recordID),
            ("WARC-Date", date),
        ]
        if let targetURI { header.append(("WARC-Target-URI", targetURI)) }
        header += fields.map { ($0.name, $0.value) }
        if let contentType { header.append(("Content-Type", contentType)) }
        header.append(("WARC-Block-Digest", "sha256:" + SHA256Hex.digest(of: block)))
        if let payloadStart {
            header.append(("WARC-Payload-Digest", "sha256:" + SHA256Hex.digest(of: block[payloadStart...])))
        }
        header.append(("Content-Length", String(block.count)))
        var bytes = Array("WARC/1.1\r\n".utf8)
        for (name, value) in header { bytes += Array("\(name): \(value)\r\n".utf8) }
        bytes += [0x0D, 0x0A]
        bytes += block
        bytes += [0x0D, 0x0A, 0x0D, 0x0A]
        return bytes
    }

    /// An `application/warc-fields` block: one `Name: value` line per field.
    public static func fieldsBlock(_ fields: [(name: String, value: String)]) -> [UInt8] {
        Array(fields.map { "\($0.name): \($0.value)\r\n" }.joined().utf8)
    }

    /// An HTTP response message for `body` under `head`, as an export writes it: the body is the
    /// decoded payload, so `Transfer-Encoding`, `Content-Encoding` and `Content-Length` are dropped
    /// (the original values kept as `X-Archive-Orig-…`) and `Content-Length` is set to its size.
    /// Returns the block and where its payload starts.
    public static func httpResponseBlock(_ head: HTTPResponseHead, body: [UInt8]) -> (block: [UInt8], payloadStart: Int) {
        let replaced: Set<String> = ["transfer-encoding", "content-encoding", "content-length"]
        var lines = [head.statusLine]
        for header in head.headers {
            if replaced.contains(header.name.lowercased()) {
                lines.append("X-Archive-Orig-\(header.name): \(header.value)")
            } else {
                lines.append("\(header.name): \(header.value)")
            }
        }
        lines.append("Content-Length: \(body.count)")
        // Header bytes were read as ISO-8859-1: write each scalar back as one byte.
        var block: [UInt8] = []
        for scalar in (lines.joined(separator: "\r\n") + "\r\n\r\n").unicodeScalars {
            block.append(scalar.value < 256 ? UInt8(scalar.value) : UInt8(ascii: "?"))
        }
        let payloadStart = block.count
        return (block + body, payloadStart)
    }
}
