import GRDB
import RIRModel

/// The revisions that hold each of a set of indexed texts, grouped into one search
/// hit per text and report.
///
/// Texts are content-addressed and revisions list the ids of theirs, so this reads
/// the revisions of the reports the filters allow (one pass) and keeps the ones that
/// hold a wanted text.
struct TextHolders {
    struct Found {
        var rowid: Int64
        var hit: SearchHit
    }

    private struct Key: Hashable {
        var rowid: Int64
        var report: String
    }

    private struct Holding {
        var revision: Int
        var firstSeen: String
        var lastSeen: String
        var part: SearchPart
        var sectionNumber: String?
    }

    private var holdings: [Key: [Holding]] = [:]
    private var latest: [String: Int] = [:]
    private var headings: [Int64: String] = [:]

    init(of rowids: Set<Int64>, filters: SearchFilters, in db: Database) throws {
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if let id = filters.reportID { conditions.append("r.id = ?"); arguments.append(id) }
        if let country = filters.country { conditions.append("r.country = ?"); arguments.append(country) }
        if let language = filters.language { conditions.append("r.language = ?"); arguments.append(language.rawValue) }
        let condition = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")

        // Titles are keyed by (report, text); their rowids are minus their `title` ids.
        var titleRowids: [String: [String: Int64]] = [:]
        if rowids.contains(where: { $0 < 0 }) {
            for row in try Row.fetchAll(db, sql: """
                SELECT t.id, t.report_id, t.text FROM title t JOIN report r ON r.id = t.report_id \(condition)
                """, arguments: StatementArguments(arguments)) where rowids.contains(-(row[0] as Int64)) {
                titleRowids[row[1], default: [:]][row[2]] = -(row[0] as Int64)
            }
        }
        // Every revision the filters allow, through one reused row (a cursor, not a copy per row).
        let revisions = try Row.fetchCursor(db, sql: """
            SELECT v.report_id, v.number, v.first_seen, v.last_seen, v.title, v.sections, v.closing_id,
                   v.notes_id, v.references_id, v.additional_id, r.latest_revision
            FROM revision v JOIN report r ON r.id = v.report_id \(condition)
            """, arguments: StatementArguments(arguments))
        while let row = try revisions.next() {
            let report: String = row[0]
            latest[report] = row[10]
            func hold(_ rowid: Int64, _ part: SearchPart, _ number: String? = nil) {
                guard rowids.contains(rowid) else { return }
                holdings[Key(rowid: rowid, report: report), default: []].append(
                    Holding(revision: row[1], firstSeen: row[2], lastSeen: row[3], part: part, sectionNumber: number))
            }
            if let titles = titleRowids[report], let title = titles[row[4] as String] { hold(title, .title) }
            for entry in try SectionList(decoding: row[5]).entries { hold(entry.contentID, .section, entry.number) }
            for (column, part) in [(6, SearchPart.closing), (7, .notes), (8, .references), (9, .additionalSources)] {
                if let id: Int64 = row[column] { hold(id, part) }
            }
        }
        let sections = Set(holdings.filter { $0.value.contains { $0.part == .section } }.keys.map(\.rowid))
        // One query for every heading (the ids are integers, so the list is safe to inline).
        if !sections.isEmpty {
            let list = sections.map(String.init).joined(separator: ",")
            for row in try Row.fetchAll(db, sql: "SELECT id, heading FROM content WHERE id IN (\(list))") {
                headings[row[0]] = row[1]
            }
        }
    }

    /// One hit per text and report (without its snippet); only those the latest
    /// revision still holds when `latestOnly`.
    func hits(latestOnly: Bool) -> [Found] {
        holdings.compactMap { key, holding in
            let ordered = holding.sorted { ($0.firstSeen, $0.revision) < ($1.firstSeen, $1.revision) }
            guard let last = ordered.last, let first = ordered.first else { return nil }
            if latestOnly, !ordered.contains(where: { $0.revision == latest[key.report] }) { return nil }
            var seen = Set<Int>()
            let numbers = ordered.map(\.revision).filter { seen.insert($0).inserted }
            let isSection = last.part == .section
            return Found(rowid: key.rowid, hit: SearchHit(
                id: key.report, part: last.part, sectionNumber: isSection ? last.sectionNumber : nil,
                heading: isSection ? headings[key.rowid] : nil, revisions: numbers, firstSeen: first.firstSeen,
                lastSeen: ordered.map(\.lastSeen).max() ?? last.lastSeen, snippet: ""))
        }
    }
}
