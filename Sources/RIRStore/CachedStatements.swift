import GRDB

extension Database {
    /// Runs one SQL statement prepared once per connection (GRDB's statement cache) rather than on
    /// every call: a profile of ingest showed statement preparation (SQLite's parser and GRDB's
    /// authorizer) at about 8% of its time, repeated for every row of every capture.
    func run(sql: String, arguments: StatementArguments = StatementArguments()) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }
}
