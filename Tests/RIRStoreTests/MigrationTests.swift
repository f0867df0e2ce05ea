import Foundation
import GRDB
import RIRModel
import Testing
@testable import RIRStore
import RIRTestSupport

/// The archive is a record: a shipped migration never changes, and a database made by an
/// earlier version opens in this one with nothing lost or changed.
@Suite struct MigrationTests {
    /// Every migration that has shipped, in order. Append here when you add one; never edit a line.
    static let shipped = [
        "v1: reports, captures, revisions, content, holds, sources",
        "v2: captures in timeline order",
        "v3: full-text search over every stored text",
        "v4: HTTP status and headers of captures",
        "v5: notification outbox",
        "v6: inbox claims",
        "v7: compact captures and revisions",
        "v8: expiring reports listed from one index",
    ]

    @Test func theMigrationListOnlyGrowsAtItsEnd() throws {
        let applied = try ArchiveStore().appliedMigrations()
        #expect(Array(applied.prefix(Self.shipped.count)) == Self.shipped)
    }

    @Test func theFirstMigrationsSQLIsUnchanged() {
        // A digest of v1's SQL as shipped in 0.1.0: editing the shipped text breaks old archives.
        #expect(SHA256Hex.digest(of: Array(Schema.v1.utf8)) == Self.v1Digest)
    }

    static let v1Digest = "4619419a2c13c15951ffa89b83ff49bd6b63b92c67e0b3753b311f78796fbfab"
}
