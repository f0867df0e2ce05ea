import GRDB

extension ArchiveStore {
    /// Runs raw SQL outside the write path, so tests can damage an archive on purpose
    /// and check that `verify` notices. Never used by the program.
    public func tamperForTesting(sql: String) throws(StoreError) {
        try write { db in try db.execute(sql: sql) }
    }
}
