import GRDB
import RIRModel

/// What a search is limited to.
public struct SearchFilters: Sendable, Hashable {
    /// Only this report (a full ID such as `MEX201601.E`).
    public var reportID: String?
    /// Only reports of this country code (`MEX`).
    public var country: String?
    /// Only reports in this language.
    public var language: Language?
    /// Only texts the latest revision of their report still holds.
    public var latestOnly: Bool
    /// At most this many hits, best first (nil: all).
    public var limit: Int?

    public init(reportID: String? = nil, country: String? = nil, language: Language? = nil,
                latestOnly: Bool = false, limit: Int? = nil) {
        self.reportID = reportID
        self.country = country
        self.language = language
        self.latestOnly = latestOnly
        self.limit = limit
    }
}

/// Which part of a report a hit's text is.
public enum SearchPart: String, Sendable, Hashable, Codable {
    case title
    case section
    case closing
    case notes
    case references
    case additionalSources = "additional_sources"
}

/// One distinct stored text of one report that matches a search.
public struct SearchHit: Sendable, Hashable {
    /// The report (`id` in JSON).
    public var id: String
    public var part: SearchPart
    /// The section's number and heading as in the latest revision holding the text (sections only).
    public var sectionNumber: String?
    public var heading: String?
    /// Every revision of the report that holds the text, whatever its section number there, in timeline order.
    public var revisions: [Int]
    /// First capture time of the first of those revisions.
    public var firstSeen: String
    /// Last seen time of the last of those revisions.
    public var lastSeen: String
    /// The matching passage, matched terms between `[` and `]` (FTS5 `snippet()`).
    public var snippet: String
}

extension ArchiveStore {
    /// Full-text search over every stored text (titles, sections, closing, notes,
    /// references, additional sources) of every revision, French and English
    /// (diacritics ignored: `apercu` finds `Aperçu`).
    ///
    /// `query` is FTS5 query syntax: words, `"a phrase"`, `prefix*`, `AND`, `OR`, `NOT`,
    /// parentheses. A hit is one distinct stored text of one report; hits come best
    /// first (bm25), then by report ID. Throws ``StoreError/invalidQuery(query:cause:)``
    /// for a query FTS5 cannot read.
    public func search(_ query: String, filters: SearchFilters = SearchFilters()) throws(StoreError) -> [SearchHit] {
        try read { db in try Self.search(query, filters: filters, in: db) }
    }

    static func search(_ query: String, filters: SearchFilters, in db: Database) throws -> [SearchHit] {
        let ranked = try matchingRowids(query, in: db)
        guard !ranked.isEmpty else { return [] }
        let rank = Dictionary(ranked.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: min)
        let holders = try TextHolders(of: Set(ranked), filters: filters, in: db)
        var hits = holders.hits(latestOnly: filters.latestOnly)
        hits.sort { (rank[$0.rowid] ?? 0, $0.hit.id) < (rank[$1.rowid] ?? 0, $1.hit.id) }
        if let limit = filters.limit { hits = Array(hits.prefix(max(limit, 0))) }
        guard !hits.isEmpty else { return [] }
        // One pass of the query gives every snippet (a query per hit would run the match again each time).
        // snippet() reads and tokenizes each text it is computed for, the search's largest cost: when
        // filters or a limit leave some matches out, only the kept ones get one (the ids are integers,
        // so the list is safe to inline; the unary plus keeps FTS5 from running the match again for
        // each listed rowid).
        let wanted = Set(hits.map(\.rowid))
        let kept = wanted.count < ranked.count
            ? " AND +rowid IN (\(wanted.sorted().map(String.init).joined(separator: ",")))" : ""
        var snippets: [Int64: String] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT rowid, snippet(search_index, -1, '[', ']', '…', 16) FROM search_index
            WHERE search_index MATCH ?\(kept)
            """, arguments: [query])
        while let row = try rows.next() {
            let rowid: Int64 = row[0]
            if wanted.contains(rowid) { snippets[rowid] = row[1] }
        }
        return hits.map { found in
            var hit = found.hit
            hit.snippet = snippets[found.rowid] ?? ""
            return hit
        }
    }

    /// The rowids of the indexed texts matching an FTS5 query, best first.
    static func matchingRowids(_ query: String, in db: Database) throws -> [Int64] {
        guard query.contains(where: { !$0.isWhitespace }) else {
            throw StoreError.invalidQuery(query: query, cause: "the query is empty")
        }
        do {
            return try Int64.fetchAll(db, sql: """
                SELECT rowid FROM search_index WHERE search_index MATCH ? ORDER BY bm25(search_index)
                """, arguments: [query])
        } catch let error as DatabaseError {
            throw StoreError.invalidQuery(query: query, cause: queryProblem(query, message: error.message ?? ""))
        }
    }

    /// Why FTS5 could not read a query, in words (never SQLite's raw message).
    static func queryProblem(_ query: String, message: String) -> String {
        var quotes = 0
        var depth = 0
        var unbalancedParentheses = false
        for character in query {
            if character == "\"" { quotes += 1; continue }
            guard quotes % 2 == 0 else { continue }
            if character == "(" { depth += 1 }
            if character == ")" { depth -= 1; if depth < 0 { unbalancedParentheses = true } }
        }
        if quotes % 2 == 1 { return "unbalanced quotes" }
        if unbalancedParentheses || depth != 0 { return "unbalanced parentheses" }
        if message.contains("no such column") {
            return "a word followed by ':' names a column, and the only columns are heading and body"
        }
        if let range = message.range(of: "syntax error near \"") {
            let near = message[range.upperBound...].prefix { $0 != "\"" }
            if near.isEmpty { return "it ends where a word or phrase should follow (after AND, OR, NOT or '(')" }
            return "unexpected '\(near)' (put words with punctuation in \"double quotes\")"
        }
        return "it is not a full-text query this archive can read"
    }
}
