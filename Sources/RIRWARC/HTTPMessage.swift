/// The head of an HTTP response as a WARC `response` record holds it: the status line and the
/// header lines, exactly as recorded.
public struct HTTPResponseHead: Sendable, Hashable {
    /// `HTTP/1.1 200 OK`.
    public var statusLine: String
    /// The status code (`200`).
    public var status: Int
    /// The header fields as `(name, value)`, in order.
    public var headers: [(name: String, value: String)]

    /// A head from its parts.
    public init(statusLine: String, status: Int, headers: [(name: String, value: String)]) {
        self.statusLine = statusLine
        self.status = status
        self.headers = headers
    }

    /// The first value of a header, by case-insensitive name.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }

    /// The header lines joined by CRLF, without the status line (how a capture keeps them).
    public var headerText: String {
        headers.map { "\($0.name): \($0.value)" }.joined(separator: "\r\n")
    }

    /// Reads header lines kept as ``headerText``.
    public static func headers(fromText text: String) -> [(name: String, value: String)] {
        text.lines.compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingSpaces)
        }
    }

    /// The media type of `Content-Type`, lower-cased, without parameters (`text/html`).
    public var mediaType: String {
        let value = header("Content-Type") ?? ""
        return (value.split(separator: ";").first.map { String($0) } ?? "")
            .trimmingCharacters(in: " \t").lowercased()
    }

    public static func == (lhs: HTTPResponseHead, rhs: HTTPResponseHead) -> Bool {
        lhs.statusLine == rhs.statusLine && lhs.headers.elementsEqual(rhs.headers) { $0 == $1 }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(statusLine)
        for header in headers { hasher.combine(header.name); hasher.combine(header.value) }
    }
}

/// An HTTP response read from a record block: its head and its body, as transferred (still
/// chunked and content-encoded when its headers say so).
public struct HTTPResponseMessage: Sendable {
    /// The status line and headers.
    public var head: HTTPResponseHead
    /// The body bytes after the blank line.
    public var body: ArraySlice<UInt8>

    /// Splits a `response` record's block into head and body.
    public init(parsing block: [UInt8]) throws(WARCError) {
        guard let (end, separator) = Self.endOfHead(in: block) else {
            throw .badHTTP("no blank line ends the HTTP header")
        }
        // Header bytes may be ISO-8859-1: map each byte to one scalar so nothing is lost.
        let text = String(String.UnicodeScalarView(block[..<end].map { Unicode.Scalar($0) }))
        let lines = text.lines.filter { !$0.isEmpty }
        guard let statusLine = lines.first.map(String.init) else { throw .badHTTP("no status line") }
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/"), let status = Int(parts[1]),
              (100...599).contains(status) else {
            throw .badHTTP("\(WARCRecordHeader.quoted(statusLine)) is not an HTTP status line")
        }
        var headers: [(name: String, value: String)] = []
        for line in lines.dropFirst() {
            if let lead = line.first, lead == " " || lead == "\t", let last = headers.popLast() {
                headers.append((last.name, last.value + " " + line.trimmingSpaces))
                continue
            }
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex else {
                throw .badHTTP("\(WARCRecordHeader.quoted(String(line))) is not a header line")
            }
            headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingSpaces))
        }
        head = HTTPResponseHead(statusLine: statusLine, status: status, headers: headers)
        body = block[(end + separator)...]
    }

    /// Where the head ends (the index of the blank line's first byte) and the separator's length.
    static func endOfHead(in block: [UInt8]) -> (Int, Int)? {
        var index = 0
        while index < block.count {
            if block[index] == 0x0A {
                if index + 1 < block.count, block[index + 1] == 0x0A { return (index + 1, 1) }
                if index + 2 < block.count, block[index + 1] == 0x0D, block[index + 2] == 0x0A { return (index + 1, 2) }
            }
            index += 1
        }
        return nil
    }

    /// Whether the headers say the body is chunked.
    public var isChunked: Bool {
        head.header("Transfer-Encoding")?.lowercased().contains("chunked") ?? false
    }

    /// The body with its transfer encoding removed, at most `maxBytes` long.
    ///
    /// Some crawlers store a body already de-chunked but keep the `Transfer-Encoding` header: a
    /// body that does not even start like a chunk size line is taken as it is.
    public func dechunkedBody(maxBytes: Int) throws(WARCError) -> [UInt8] {
        guard isChunked, ChunkedBody.startsWithSizeLine(body) else {
            if body.count > maxBytes { throw .tooLarge(limit: maxBytes) }
            return Array(body)
        }
        return try ChunkedBody.decode(body, maxBytes: maxBytes)
    }
}

/// `Transfer-Encoding: chunked` (RFC 9112 §7.1), decoded from bytes in memory.
public enum ChunkedBody {
    /// Whether `bytes` begin with a hex size line.
    public static func startsWithSizeLine(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard let first = bytes.first else { return false }
        return hexValue(first) != nil
    }

    /// The data of the chunks, trailers dropped; throws when a chunk is malformed or cut short.
    public static func decode(_ bytes: ArraySlice<UInt8>, maxBytes: Int) throws(WARCError) -> [UInt8] {
        var out: [UInt8] = []
        var index = bytes.startIndex
        while true {
            guard let lineEnd = bytes[index...].firstIndex(of: 0x0A) else {
                throw .badChunks("the chunk size line at byte \(index - bytes.startIndex) has no end")
            }
            var size = 0
            var digits = 0
            for byte in bytes[index..<lineEnd] {
                guard let value = hexValue(byte) else { break }
                size = size * 16 + value
                digits += 1
                if digits > 15 { throw .badChunks("a chunk size is too large") }
            }
            guard digits > 0 else { throw .badChunks("no chunk size at byte \(index - bytes.startIndex)") }
            index = lineEnd + 1
            if size == 0 { return out }
            guard bytes.endIndex - index >= size else {
                throw .badChunks("a \(size)-byte chunk is cut short after \(bytes.endIndex - index) bytes")
            }
            if out.count + size > maxBytes { throw .tooLarge(limit: maxBytes) }
            out.append(contentsOf: bytes[index..<(index + size)])
            index += size
            // CRLF (or a bare LF) after the chunk data.
            if index < bytes.endIndex, bytes[index] == 0x0D { index += 1 }
            guard index < bytes.endIndex, bytes[index] == 0x0A else {
                throw .badChunks("the chunk ending at byte \(index - bytes.startIndex) is not followed by CRLF")
            }
            index += 1
        }
    }

    static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        Substring(self).trimming(set)
    }
}

extension Substring {
    func trimming(_ set: String) -> String {
        String(drop(while: { set.contains($0) }).reversed().drop(while: { set.contains($0) }).reversed())
    }
}
