import RIRModel

/// UTF-8 output built in one growing byte array: what the table and CSV renderers write
/// into, so a report of a million cells makes no `String` per field or per line.
///
/// Hand-written rather than a package: it is a few appends over `[UInt8]`, and the
/// renderers need exactly the bytes `String` would hold.
struct ByteText {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    mutating func append(byte: UInt8) {
        bytes.append(byte)
    }

    mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    mutating func appendSpaces(_ count: Int) {
        guard count > 0 else { return }
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: count))
    }

    /// Drops the spaces that end what was written after `start` (a line's trailing blanks).
    mutating func trimTrailingSpaces(after start: Int) {
        while bytes.count > start, bytes.last == UInt8(ascii: " ") { bytes.removeLast() }
    }

    /// How many bytes `String(n)` has: the digits, and the sign of a negative number.
    static func decimalDigits(_ n: Int) -> Int {
        var count = n < 0 ? 1 : 0
        var rest = n.magnitude
        repeat { count += 1; rest /= 10 } while rest > 0
        return count
    }

    /// `n` in decimal, as `String(n)` writes it.
    mutating func append(integer n: Int) {
        if n < 0 { append(byte: UInt8(ascii: "-")) }
        var rest = n.magnitude
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: Self.decimalDigits(n) - (n < 0 ? 1 : 0)))
        var index = bytes.count - 1
        repeat {
            bytes[index] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
            index -= 1
        } while rest > 0
    }

    /// `date` as ``CalendarDate/iso``: `YYYY-MM-DD`.
    mutating func append(date: CalendarDate) {
        guard (0...9999).contains(date.year) else { return append(date.iso) }
        func digit(_ n: Int) -> UInt8 { UInt8(ascii: "0") + UInt8(n % 10) }
        bytes.append(digit(date.year / 1000))
        bytes.append(digit(date.year / 100))
        bytes.append(digit(date.year / 10))
        bytes.append(digit(date.year))
        bytes.append(UInt8(ascii: "-"))
        bytes.append(digit(date.month / 10))
        bytes.append(digit(date.month))
        bytes.append(UInt8(ascii: "-"))
        bytes.append(digit(date.day / 10))
        bytes.append(digit(date.day))
    }

    /// A number, date, flag or null as the table shows it (see `TabularReport.Cell`'s table text).
    mutating func appendTable(_ cell: TabularReport.Cell) {
        switch cell {
        case .integer(let n): append(integer: n)
        case .date(let date): append(date: date)
        case .bool(let flag): append(flag ? "yes" : "no")
        case .null: append(byte: UInt8(ascii: "-"))
        case .text, .list: append(cell.tableText)
        }
    }

    // MARK: - CSV

    /// `text` as one RFC 4180 field: bare, or quoted with its quotes doubled when it holds a
    /// comma, a quote, CR or LF.
    mutating func appendCSVField(_ text: String) {
        let needsQuotes = text.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }
        guard needsQuotes else { return append(text) }
        append(byte: 0x22)
        for byte in text.utf8 {
            bytes.append(byte)
            if byte == 0x22 { bytes.append(0x22) }
        }
        append(byte: 0x22)
    }

    /// One cell as a CSV field (see `TabularReport.Cell`'s CSV text).
    mutating func appendCSV(_ cell: TabularReport.Cell) {
        switch cell {
        case .text(let text): appendCSVField(text)
        case .integer(let n): append(integer: n)
        case .bool(let flag): append(flag ? "true" : "false")
        case .date(let date): append(date: date)
        case .list(let items):
            switch items.count {
            case 0: break
            case 1: appendCSVField(items[0])
            default: appendCSVField(items.joined(separator: ";"))
            }
        case .null: break
        }
    }
}
