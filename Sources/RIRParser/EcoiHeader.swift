import RIRModel

/// The header of a copy republished by ecoi.net: no IRB date line, the identifier as a
/// suffix of the title line (`Mexico: … (2021–August 2023) [MEX201601.E]`), then ecoi.net's
/// own fields (`Document #2097873`, `IRB – Immigration and Refugee Board of Canada (Author)`,
/// `Published: 1 September 2023`, `Available on ecoi.net since: …`), which are chrome
/// except for the publication date.
struct EcoiHeader {
    var date: CalendarDate
    var id: ReportID
    /// The title without its `[ID]` suffix.
    var title: String
    /// The index of the first paragraph after the fields.
    var next: Int

    /// Most fields read after the title line.
    static let maxFields = 8

    /// The first title line with an `[ID]` suffix that is followed by a `Published:` field.
    static func find(in paragraphs: [String]) -> EcoiHeader? {
        for index in paragraphs.indices {
            guard let (title, id) = titleAndID(paragraphs[index]) else { continue }
            var date: CalendarDate?
            var next = index + 1
            while next < paragraphs.count, next - index <= maxFields, isField(paragraphs[next]) {
                if date == nil { date = published(paragraphs[next]) }
                next += 1
            }
            if let date { return EcoiHeader(date: date, id: id, title: title, next: next) }
        }
        return nil
    }

    /// A title line ending in ` [ID]`: the title before the suffix, and the identifier.
    static func titleAndID(_ line: String) -> (String, ReportID)? {
        // Byte-level: every reference line ends in "[Accessed …]", so this runs on many lines.
        let utf8 = line.utf8
        guard utf8.count <= 1000, utf8.last == UInt8(ascii: "]"),
              let open = utf8.lastIndex(of: UInt8(ascii: "[")) else { return nil }
        let inside = utf8.distance(from: open, to: utf8.endIndex) - 2
        guard (9...13).contains(inside),
              let id = ReportID(String(line[utf8.index(after: open)..<utf8.index(before: utf8.endIndex)]))
        else { return nil }
        let title = line[..<open].trimmingSuffix(while: { $0 == " " })
        return title.isEmpty ? nil : (String(title), id)
    }

    private static let fieldPrefixes = [
        "Published:", "Date of publication:", "Available on ecoi.net since", "Document #", "Document ID:",
    ]

    /// An ecoi.net field line.
    static func isField(_ line: String) -> Bool {
        guard line.utf8.count <= 160 else { return false }
        return fieldPrefixes.contains(where: { line.hasPrefix($0) }) || line.hasSuffix("(Author)")
    }

    /// The date of a `Published: 1 September 2023` field.
    static func published(_ line: String) -> CalendarDate? {
        for prefix in ["Published:", "Date of publication:"] where line.hasPrefix(prefix) {
            let value = line.dropFirst(prefix.count).drop(while: { $0 == " " })
            return HeaderLines.date(String(value))?.date
        }
        return nil
    }
}

extension Substring {
    func trimmingSuffix(while predicate: (Character) -> Bool) -> Substring {
        var end = endIndex
        while end > startIndex, predicate(self[index(before: end)]) { end = index(before: end) }
        return self[startIndex..<end]
    }
}
