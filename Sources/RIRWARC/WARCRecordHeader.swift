/// The header block of one WARC record: its version and named fields, in order.
public struct WARCRecordHeader: Sendable, Hashable {
    /// `WARC/1.0` or `WARC/1.1` (any `WARC/1.x` is read).
    public var version: String
    /// The fields as `(name, value)`, in the order they came; names keep their case.
    public var fields: [(name: String, value: String)]

    /// A header from its version line and fields.
    public init(version: String, fields: [(name: String, value: String)]) {
        self.version = version
        self.fields = fields
    }

    /// The first value of a field, by case-insensitive name.
    public subscript(_ name: String) -> String? {
        let wanted = name.lowercased()
        return fields.first { $0.name.lowercased() == wanted }?.value
    }

    /// `WARC-Type`, lower-cased (`response`, `resource`, `revisit`, `request`, `metadata`, `warcinfo`).
    public var type: String { (self["WARC-Type"] ?? "").lowercased() }
    /// `WARC-Record-ID` as written (`<urn:uuid:…>`).
    public var recordID: String? { self["WARC-Record-ID"] }
    /// `WARC-Date` as written.
    public var date: String? { self["WARC-Date"] }
    /// `WARC-Target-URI`, without the angle brackets some WARC/1.0 writers put around it.
    public var targetURI: String? {
        guard var uri = self["WARC-Target-URI"] else { return nil }
        if uri.hasPrefix("<"), uri.hasSuffix(">") { uri = String(uri.dropFirst().dropLast()) }
        return uri
    }
    /// `Content-Length`: the size of the block.
    public var contentLength: Int? { self["Content-Length"].flatMap { Int($0) } }
    /// `Content-Type`, lower-cased.
    public var contentType: String { (self["Content-Type"] ?? "").lowercased() }

    /// `WARC-Date` as `YYYY-MM-DDTHH:MM:SSZ` (fractions of a second dropped), or nil when it is not
    /// an ISO 8601 UTC time.
    public var captureTime: String? {
        guard let date else { return nil }
        let bytes = Array(date.utf8)
        // YYYY-MM-DDTHH:MM:SS then optional .fraction, then Z.
        guard bytes.count >= 20, bytes.last == UInt8(ascii: "Z") else { return nil }
        let pattern = Array("dddd-dd-ddTdd:dd:dd".utf8)
        for (byte, expected) in zip(bytes, pattern) {
            if expected == UInt8(ascii: "d") {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            } else if byte != expected {
                return nil
            }
        }
        let rest = bytes[19..<(bytes.count - 1)]
        if !rest.isEmpty {
            guard rest.first == UInt8(ascii: "."), rest.count > 1,
                  rest.dropFirst().allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
        }
        return String(decoding: bytes[0..<19], as: UTF8.self) + "Z"
    }

    /// Reads a header block (the bytes before the blank line, without it).
    public init(parsing block: ArraySlice<UInt8>) throws(WARCError) {
        // Header bytes are UTF-8 in WARC/1.1 and mostly ASCII before: decode leniently.
        let text = String(decoding: block, as: UTF8.self)
        var lines = text.lines
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard let first = lines.first else { throw .badHeader("empty header") }
        let version = String(first)
        guard version.hasPrefix("WARC/1.") else {
            throw .badHeader("the first line is \(Self.quoted(version)), not WARC/1.0 or WARC/1.1")
        }
        var fields: [(name: String, value: String)] = []
        for line in lines.dropFirst() {
            if let lead = line.first, lead == " " || lead == "\t" {
                // A continuation line (WARC/1.0 allows folded values).
                guard let last = fields.popLast() else { throw .badHeader("a continuation line comes first") }
                fields.append((last.name, last.value + " " + line.trimmingSpaces))
                continue
            }
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex else {
                throw .badHeader("\(Self.quoted(String(line))) is not a NAME: VALUE field")
            }
            fields.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingSpaces))
        }
        self.init(version: version, fields: fields)
        guard let length = self["Content-Length"] else { throw .badHeader("no Content-Length") }
        guard let value = Int(length), value >= 0 else {
            throw .badHeader("Content-Length \(Self.quoted(length)) is not a byte count")
        }
    }

    static func quoted(_ text: String) -> String {
        "\"" + (text.count > 60 ? String(text.prefix(60)) + "…" : text) + "\""
    }

    public static func == (lhs: WARCRecordHeader, rhs: WARCRecordHeader) -> Bool {
        lhs.version == rhs.version && lhs.fields.elementsEqual(rhs.fields) { $0 == $1 }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(version)
        for field in fields { hasher.combine(field.name); hasher.combine(field.value) }
    }
}

extension String {
    /// The lines of the text, split at LF or CRLF (a single `Character` in Swift), a bare CR dropped.
    var lines: [Substring] {
        split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
    }
}

extension Substring {
    var trimmingSpaces: String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}
