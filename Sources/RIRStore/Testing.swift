import GRDB

extension ArchiveStore {
    /// Runs raw SQL outside the write path, so tests (through `@testable import`) can damage an
    /// archive on purpose and check that `verify` and the use cases notice. Never used by the program.
    func tamperForTesting(sql: String) throws(StoreError) {
        try write { db in try db.execute(sql: sql) }
    }
}
