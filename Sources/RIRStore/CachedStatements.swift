import GRDB

extension Database {
    /// Runs one SQL statement prepared once per connection (GRDB's statement cache) rather than on
    /// every call: a profile of ingest showed statement preparation (SQLite's parser and GRDB's
    /// authorizer) at about 8% of its time, repeated for every row of every capture.
    func run(sql: String, arguments: StatementArguments = StatementArguments()) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }
}

/// SQL fragments for reading `capture` rows as they were before v7 compacted them.
enum CaptureSQL {
    /// A capture's hex SHA-256 (`b` is its blob).
    static let sha256 = "lower(hex(b.sha256)) AS sha256"
    /// Where a capture came from (`c` is the capture, `s` its `capture_source` row if any).
    static let source = "coalesce(c.source, s.text) AS source"
    /// Captures `c` with their blobs `b` and shared sources `s`.
    static let from = """
        FROM capture c JOIN blob b ON b.id = c.blob_id LEFT JOIN capture_source s ON s.id = c.source_id
        """
}
