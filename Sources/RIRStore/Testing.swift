import GRDB

extension ArchiveStore {
    /// Runs raw SQL outside the write path, so tests (through `@testable import`) can damage an
    /// archive on purpose and check that `verify` and the use cases notice. Never used by the program.
    func tamperForTesting(sql: String) throws(StoreError) {
        try write { db in try db.execute(sql: sql) }
    }

    /// Runs raw SQL in one transaction with foreign keys off, as a migration runs, so a test can
    /// rebuild tables into the layout an older version wrote. Never used by the program.
    func rebuildForTesting(sql: String) throws(StoreError) {
        do {
            try writer.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA foreign_keys = OFF")
                defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
                try db.inTransaction {
                    try db.execute(sql: sql)
                    return .commit
                }
            }
        } catch { throw wrap(error) }
    }

    /// The steps of SQLite's plan for `sql` (`EXPLAIN QUERY PLAN`), so a test can check that a
    /// query uses the index it was given. Never used by the program.
    func queryPlanForTesting(_ sql: String, arguments: [String]) throws(StoreError) -> [String] {
        try read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: StatementArguments(arguments))
                .map { $0["detail"] as String }
        }
    }
}
