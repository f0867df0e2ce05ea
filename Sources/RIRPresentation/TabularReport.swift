import RIRModel
import RIRRetention

/// The output formats every listing command offers (`--format table|json|csv`).
public enum ReportFormat: String, Sendable, Hashable, CaseIterable {
    /// Columns aligned for a terminal, one header line.
    case table
    /// An array of objects, keys in column order.
    case json
    /// RFC 4180: a header row, CRLF line endings, quoted fields where needed.
    case csv
}

/// Rows of typed cells under named columns, rendered as an aligned table, CSV or
/// JSON with the same columns in the same order.
///
/// Every listing of the CLI (reports, `list`, `audit`, `history`) can build one of
/// these and print `rendered(as:)`, so the three formats agree everywhere.
public struct TabularReport: Sendable, Hashable {
    /// One column: its JSON key and CSV header, and how the table shows it.
    public struct Column: Sendable, Hashable {
        /// Horizontal alignment of a table column.
        public enum Alignment: Sendable, Hashable { case left, right }

        /// The JSON key and CSV header (`days_left`).
        public var key: String
        /// The table header (`DAYS LEFT`).
        public var title: String
        /// Table alignment; numbers read best on the right.
        public var alignment: Alignment
        /// The widest the table shows a cell, in terminal columns; longer text ends in `…`.
        /// CSV and JSON are never cut.
        public var maxWidth: Int?

        /// Creates a column; the title defaults to the key in capitals, `_` read as a space.
        public init(_ key: String, title: String? = nil, alignment: Alignment = .left, maxWidth: Int? = nil) {
            self.key = key
            self.title = title ?? key.uppercased().replacingUnderscores()
            self.alignment = alignment
            self.maxWidth = maxWidth
        }
    }

    /// One typed value; each format writes it in its own way.
    public enum Cell: Sendable, Hashable {
        case text(String)
        case integer(Int)
        case bool(Bool)
        case date(CalendarDate)
        /// Several values: a JSON array, `;`-separated in CSV, `, `-separated in the table.
        case list([String])
        /// No value: JSON null, an empty CSV field, `-` in the table.
        case null
    }

    /// The columns, in output order.
    public let columns: [Column]
    /// The rows; each has one cell per column.
    public private(set) var rows: [[Cell]]

    /// Creates a report. Every row must have exactly one cell per column.
    public init(columns: [Column], rows: [[Cell]] = []) {
        precondition(rows.allSatisfy { $0.count == columns.count }, "every row needs one cell per column")
        self.columns = columns
        self.rows = rows
    }

    /// Adds a row, which must have exactly one cell per column.
    public mutating func append(_ row: [Cell]) {
        precondition(row.count == columns.count, "every row needs one cell per column")
        rows.append(row)
    }

    /// The report in `format`, ending with a line break (CRLF for CSV).
    public func rendered(as format: ReportFormat) -> String {
        switch format {
        case .table: table()
        case .json: json()
        case .csv: csv()
        }
    }

    /// The report in `format` as UTF-8 bytes, the same as ``rendered(as:)``: what a command
    /// writes to its output without building one large `String` first.
    public func bytes(as format: ReportFormat) -> [UInt8] {
        switch format {
        case .table: tableBytes()
        case .json: Array(json().utf8)
        case .csv: csvBytes()
        }
    }
}

// MARK: - Table

extension TabularReport {
    /// Columns padded to the widest cell (in terminal columns), two spaces apart,
    /// a header line first, no trailing blanks. Line breaks and tabs in a cell
    /// become spaces.
    public func table() -> String {
        String(decoding: tableBytes(), as: UTF8.self)
    }

    private func tableBytes() -> [UInt8] {
        let count = columns.count
        // Every cell's width, and its text when it is not written straight from the cell, header
        // first, row by row in flat arrays: each width is measured once and each line written
        // into the output bytes.
        var texts: [String?] = []
        var cellWidths: [Int] = []
        texts.reserveCapacity((rows.count + 1) * count)
        cellWidths.reserveCapacity((rows.count + 1) * count)
        var widths = [Int](repeating: 0, count: count)
        for (i, column) in columns.enumerated() {
            let width = DisplayWidth.of(column.title)
            texts.append(column.title)
            cellWidths.append(width)
            widths[i] = width
        }
        for row in rows {
            for (i, cell) in row.enumerated() {
                let (text, width) = cell.tableLayout(maxWidth: columns[i].maxWidth)
                texts.append(text)
                cellWidths.append(width)
                widths[i] = max(widths[i], width)
            }
        }
        var out = ByteText(capacity: (widths.reduce(0, +) + 2 * count + 1) * (rows.count + 1))
        for line in 0...rows.count {
            let lineStart = out.bytes.count
            for i in 0..<count {
                let index = line * count + i
                let pad = widths[i] - cellWidths[index]
                if i > 0 { out.appendSpaces(2) }
                if columns[i].alignment == .right { out.appendSpaces(pad) }
                if let text = texts[index] { out.append(text) } else { out.appendTable(rows[line - 1][i]) }
                if columns[i].alignment == .left { out.appendSpaces(pad) }
            }
            out.trimTrailingSpaces(after: lineStart)
            out.append(byte: UInt8(ascii: "\n"))
        }
        return out.bytes
    }
}

// MARK: - CSV

extension TabularReport {
    /// RFC 4180 text: the column keys as a header row, then one record per row,
    /// each line ending in CRLF; a field holding a comma, a quote, CR or LF is
    /// quoted, with its quotes doubled.
    public func csv() -> String {
        String(decoding: csvBytes(), as: UTF8.self)
    }

    private func csvBytes() -> [UInt8] {
        var out = ByteText(capacity: 64 * (rows.count + 1))
        for (i, column) in columns.enumerated() {
            if i > 0 { out.append(byte: UInt8(ascii: ",")) }
            out.appendCSVField(column.key)
        }
        out.append(byte: 0x0D)
        out.append(byte: 0x0A)
        for row in rows {
            for (i, cell) in row.enumerated() {
                if i > 0 { out.append(byte: UInt8(ascii: ",")) }
                out.appendCSV(cell)
            }
            out.append(byte: 0x0D)
            out.append(byte: 0x0A)
        }
        return out.bytes
    }
}

// MARK: - JSON

extension TabularReport {
    /// A JSON array of objects, one per row, keys in column order.
    public func json() -> String {
        jsonValue.rendered()
    }

    /// The rows as a JSON array of objects, for embedding in a larger document.
    public var jsonValue: JSONValue {
        .array(rows.map { row in
            .object(zip(columns, row).map { JSONMember($0.key, $1.jsonValue) })
        })
    }
}

// MARK: - Cell text

extension TabularReport.Cell {
    var tableText: String {
        switch self {
        case .text(let text): text.singleLine()
        case .integer(let n): String(n)
        case .bool(let flag): flag ? "yes" : "no"
        case .date(let date): date.iso
        case .list(let items):
            items.isEmpty ? "" : items.count == 1 ? items[0].singleLine()
                : items.map { $0.singleLine() }.joined(separator: ", ")
        case .null: "-"
        }
    }

    /// The cell's table text and width, the text nil when ``ByteText/appendTable(_:)`` writes
    /// the cell itself (numbers, dates, flags and nulls that fit need no `String`).
    func tableLayout(maxWidth: Int?) -> (text: String?, width: Int) {
        let direct: Int? = switch self {
        case .integer(let n): ByteText.decimalDigits(n)
        case .date(let date): (0...9999).contains(date.year) ? 10 : nil
        case .bool(let flag): flag ? 3 : 2
        case .null: 1
        case .text(let text): DisplayWidth.narrowWidth(text)
        case .list: nil
        }
        if let direct {
            // A narrow text is its own table text: it holds no control character.
            if case .text(let text) = self {
                return maxWidth.map { DisplayWidth.fittedNarrow(text, width: direct, to: $0) } ?? (text, direct)
            }
            if direct <= (maxWidth ?? .max) { return (nil, direct) }
        }
        let full = tableText
        return maxWidth.map { DisplayWidth.fitted(full, to: $0) } ?? (full, DisplayWidth.of(full))
    }

    var jsonValue: JSONValue {
        switch self {
        case .text(let text): .string(text)
        case .integer(let n): .integer(n)
        case .bool(let flag): .bool(flag)
        case .date(let date): .string(date.iso)
        case .list(let items): .array(items.map(JSONValue.string))
        case .null: .null
        }
    }
}

extension String {
    /// Control characters (line breaks, tabs) turned into spaces, so a cell stays on one line.
    fileprivate func singleLine() -> String {
        if !utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) { return self }
        return String(map { character in
            character.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) ? character : " "
        })
    }

    fileprivate func replacingUnderscores() -> String {
        String(map { $0 == "_" ? " " : $0 })
    }
}
