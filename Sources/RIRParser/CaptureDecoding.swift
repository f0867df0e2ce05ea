/// The text of a capture after byte-level checks: BOM removed, decoded to
/// Unicode, with the encoding that was detected.
struct DecodedCapture {
    /// The capture as UTF-8 (the input itself when it was valid UTF-8, without its BOM).
    var utf8: [UInt8]
    /// `"utf-8"`, `"utf-16le"`, `"utf-16be"` or `"windows-1252"`.
    var encoding: String
}

enum CaptureDecoding {
    static let utf8Encoding = "utf-8"
    static let windows1252Encoding = "windows-1252"
    static let utf16LEEncoding = "utf-16le"
    static let utf16BEEncoding = "utf-16be"

    /// Checks size, emptiness and binary content, strips a UTF-8 BOM and decodes
    /// the bytes: valid UTF-8 stays as it is, UTF-16 with a byte-order mark (as some Windows
    /// tools save text) is decoded from it, anything else is read as Windows-1252.
    static func decode(_ bytes: [UInt8], name: String, limits: ParserLimits) throws(ParseError) -> DecodedCapture {
        guard bytes.count <= limits.maxBytes else {
            throw .tooLarge(name: name, size: bytes.count, limit: limits.maxBytes)
        }
        if let utf16 = try utf16Text(bytes, name: name) {
            guard !utf16.utf8.isEmpty else { throw .empty(name: name, whitespaceOnly: false) }
            if looksBinary(utf16.utf8) { throw .binary(name: name) }
            guard !isBlank(utf16.utf8) else { throw .empty(name: name, whitespaceOnly: true) }
            return utf16
        }
        var body = bytes
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body.removeFirst(3) }
        guard !body.isEmpty else { throw .empty(name: name, whitespaceOnly: false) }
        if looksBinary(body) { throw .binary(name: name) }

        let decoded: DecodedCapture
        if isValidUTF8(body) {
            decoded = DecodedCapture(utf8: body, encoding: utf8Encoding)
        } else {
            decoded = DecodedCapture(utf8: windows1252ToUTF8(body), encoding: windows1252Encoding)
        }
        guard !isBlank(decoded.utf8) else { throw .empty(name: name, whitespaceOnly: true) }
        return decoded
    }

    // MARK: - Checks

    /// NUL bytes, or more than 1 % control characters other than tab, line breaks and form feed.
    static func looksBinary(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            var controls = 0
            for byte in buffer where byte < 0x20 || byte == 0x7F {
                // Tab, line feed, vertical tab, form feed and carriage return are text.
                if byte == 0x00 { return true }
                if byte < 0x09 || byte > 0x0D { controls += 1 }
            }
            return controls > 0 && controls * 100 > buffer.count
        }
    }

    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        // The standard library validates (with an ASCII fast path) when it builds a String;
        // validation fails exactly where decoding would repair.
        String(validating: bytes, as: UTF8.self) != nil
    }

    /// Whether decoded UTF-8 text holds nothing but white space (NBSP included).
    static func isBlank(_ utf8: [UInt8]) -> Bool {
        var index = 0
        while index < utf8.count {
            guard let width = TextLines.spaceWidth(utf8, at: index) ?? TextLines.breakWidth(utf8, at: index)
            else { return false }
            index += width
        }
        return true
    }

    // MARK: - UTF-16

    /// The text of a capture that starts with a UTF-16 byte-order mark (`FF FE` little-endian,
    /// `FE FF` big-endian), as UTF-8 without the mark; nil when there is no such mark. An odd
    /// byte count or an unpaired surrogate is not text: the capture is refused as binary.
    static func utf16Text(_ bytes: [UInt8], name: String) throws(ParseError) -> DecodedCapture? {
        let littleEndian: Bool
        if bytes.starts(with: [0xFF, 0xFE]) {
            // FF FE 00 00 is a UTF-32 LE mark: not read as UTF-16.
            if bytes.count >= 4, bytes[2] == 0, bytes[3] == 0 { return nil }
            littleEndian = true
        } else if bytes.starts(with: [0xFE, 0xFF]) {
            littleEndian = false
        } else {
            return nil
        }
        let payload = bytes.dropFirst(2)
        guard payload.count % 2 == 0 else { throw .binary(name: name) }
        var units: [UInt16] = []
        units.reserveCapacity(payload.count / 2)
        var index = payload.startIndex
        while index < payload.endIndex {
            let first = UInt16(payload[index])
            let second = UInt16(payload[index + 1])
            units.append(littleEndian ? first | second << 8 : first << 8 | second)
            index += 2
        }
        var utf8: [UInt8] = []
        utf8.reserveCapacity(units.count)
        var iterator = units.makeIterator()
        var decoder = UTF16()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): utf8.append(contentsOf: UTF8.encode(scalar)!)
            case .emptyInput: break loop
            case .error: throw .binary(name: name)
            }
        }
        return DecodedCapture(utf8: utf8, encoding: littleEndian ? utf16LEEncoding : utf16BEEncoding)
    }

    // MARK: - Windows-1252

    /// Code points of bytes 0x80–0x9F; the five bytes Windows-1252 leaves undefined
    /// map to the C1 control of the same value, as browsers do.
    private static let high: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    static func windows1252ToUTF8(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        for byte in bytes {
            if byte < 0x80 { out.append(byte); continue }
            let value = byte < 0xA0 ? high[Int(byte - 0x80)] : UInt32(byte)
            out.append(contentsOf: UTF8.encode(Unicode.Scalar(value)!)!)
        }
        return out
    }
}
