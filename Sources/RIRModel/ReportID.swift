/// The language of one version of a report.
public enum Language: String, Sendable, Hashable, Codable, CaseIterable {
    case en, fr
}

/// A full RIR identifier such as `MEX201601.E`: country code, request number and
/// language suffix.
///
/// The numeric part is shared by both language versions of one request; the
/// suffix says which version this is (`E` English original, `F` French
/// original, `EF` French translation of an English original, `FE` English
/// translation of a French original).
public struct ReportID: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The language-version suffix of an identifier.
    public enum Suffix: String, Sendable, Hashable, Codable, CaseIterable {
        case e = "E", f = "F", ef = "EF", fe = "FE"

        /// The language the text of this version is written in.
        public var language: Language {
            switch self {
            case .e, .fe: .en
            case .f, .ef: .fr
            }
        }
    }

    /// Three upper-case letters; `ZZZ` for reports about several countries.
    public let country: String
    /// The request number, 5 or 6 digits.
    public let number: String
    /// The language-version suffix.
    public let suffix: Suffix

    /// Creates an identifier from its parts, or nil when a part is malformed.
    public init?(country: String, number: String, suffix: Suffix) {
        guard country.utf8.count == 3, country.utf8.allSatisfy({ (65...90).contains($0) }),
              (5...6).contains(number.utf8.count), number.utf8.allSatisfy({ (48...57).contains($0) })
        else { return nil }
        self.country = country
        self.number = number
        self.suffix = suffix
    }

    /// Parses exactly one identifier (`MEX201601.E`); nil when `text` is anything else.
    public init?(_ text: some StringProtocol) {
        // Over the bytes in place when the text is contiguous (a String or Substring always is).
        let parsed = text.utf8.withContiguousStorageIfAvailable { Self.parts(of: $0) }
            ?? Array(text.utf8).withUnsafeBufferPointer { Self.parts(of: $0) }
        guard let (country, number, suffix) = parsed else { return nil }
        self.init(country: country, number: number, suffix: suffix)
    }

    /// Country, number and suffix of `bytes` cut at the first dot, before the initializer checks them.
    private static func parts(of bytes: UnsafeBufferPointer<UInt8>) -> (String, String, Suffix)? {
        guard let dot = bytes.firstIndex(of: UInt8(ascii: ".")), dot >= 8,
              let suffix = Suffix(rawValue: String(decoding: UnsafeBufferPointer(rebasing: bytes[(dot + 1)...]), as: UTF8.self))
        else { return nil }
        return (String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<3]), as: UTF8.self),
                String(decoding: UnsafeBufferPointer(rebasing: bytes[3..<dot]), as: UTF8.self), suffix)
    }

    /// The identifier without its suffix (`MEX201601`), shared by both language versions.
    public var baseID: String { country + number }
    /// The language of this version.
    public var language: Language { suffix.language }
    /// The full identifier, e.g. `MEX201601.E`.
    public var description: String { "\(country)\(number).\(suffix.rawValue)" }

    public static func < (lhs: ReportID, rhs: ReportID) -> Bool {
        // The order of the full identifiers ("MEX20160.E" < "MEX201601.E"), without building them.
        if lhs.country != rhs.country { return lhs.country < rhs.country }
        if lhs.number != rhs.number {
            var left = lhs.number.utf8.makeIterator()
            var right = rhs.number.utf8.makeIterator()
            while true {
                // A number that ends first continues with ".", which sorts before any digit.
                let a = left.next() ?? UInt8(ascii: ".")
                let b = right.next() ?? UInt8(ascii: ".")
                if a != b { return a < b }
            }
        }
        return lhs.suffix.rawValue < rhs.suffix.rawValue
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let id = ReportID(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "not an RIR identifier: \(text)")
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension ReportID {
    /// Finds every identifier in `text` (pattern `\b[A-Z]{3}\d{5,6}\.(EF|FE|E|F)\b`), in order.
    public static func all(in text: some StringProtocol) -> [ReportID] {
        var found: [ReportID] = []
        let bytes = Array(text.utf8)
        var i = 0
        while i + 9 <= bytes.count {
            if isBoundary(bytes, before: i), let (id, end) = match(bytes, at: i) {
                found.append(id)
                i = end
            } else {
                i += 1
            }
        }
        return found
    }

    /// Base IDs (`MEX201603`) at word boundaries, with or without a suffix, in order of first appearance.
    public static func baseIDs(in text: some StringProtocol) -> [String] {
        var text = String(text)
        return text.withUTF8 { bytes in
            var seen: [String] = []
            var i = 0
            let count = bytes.count
            while i + 8 <= count {
                // Most bytes are not an upper-case letter: test the third letter first, and skip
                // every start it rules out (a lower-case byte at i + 2 rules out i, i + 1 and i + 2).
                if !isUpper(bytes[i + 2]) { i += 3; continue }
                if !isUpper(bytes[i + 1]) { i += 2; continue }
                guard isUpper(bytes[i]), i == 0 || !isWordByte(bytes[i - 1]) else { i += 1; continue }
                var j = i + 3
                while j < count, isDigit(bytes[j]) { j += 1 }
                let digits = j - i - 3
                if (5...6).contains(digits), j == count || !isWordByte(bytes[j]) {
                    let base = String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<j]), as: UTF8.self)
                    if !seen.contains(base) { seen.append(base) }
                }
                i = max(j, i + 1)
            }
            return seen
        }
    }

    private static func match(_ b: [UInt8], at start: Int) -> (ReportID, Int)? {
        guard b[start..<start + 3].allSatisfy(isUpper) else { return nil }
        var j = start + 3
        while j < b.count, isDigit(b[j]) { j += 1 }
        guard (5...6).contains(j - start - 3), j < b.count, b[j] == UInt8(ascii: ".") else { return nil }
        var k = j + 1
        while k < b.count, k - j - 1 < 2, b[k] == UInt8(ascii: "E") || b[k] == UInt8(ascii: "F") { k += 1 }
        guard k > j + 1, k == b.count || !isWordByte(b[k]) else { return nil }
        guard let id = ReportID(String(decoding: b[start..<k], as: UTF8.self)) else { return nil }
        return (id, k)
    }

    private static func isBoundary(_ b: [UInt8], before i: Int) -> Bool {
        i == 0 || !isWordByte(b[i - 1])
    }
    private static func isUpper(_ c: UInt8) -> Bool { (65...90).contains(c) }
    private static func isDigit(_ c: UInt8) -> Bool { (48...57).contains(c) }
    private static func isWordByte(_ c: UInt8) -> Bool {
        isUpper(c) || isDigit(c) || (97...122).contains(c) || c == UInt8(ascii: "_") || c >= 0x80
    }
}
