import GRDB
import RIRModel

/// What `verify` found.
public struct VerifyReport: Sendable {
    /// Each problem, in words that name the row and what is wrong.
    public var problems: [String]
    public var reports: Int
    public var revisions: Int
    public var captures: Int
    public var blobs: Int
    public var contents: Int

    public var isHealthy: Bool { problems.isEmpty }
}

extension ArchiveStore {
    /// Checks the whole archive: SQLite integrity and foreign keys, every stored hash
    /// recomputed from the stored bytes and text, reference counts, revision numbering,
    /// the timeline's latest revision, and the search index against the texts (every
    /// text has its index entry, every index entry its text).
    public func verify() throws(StoreError) -> VerifyReport {
        try read { db in
            var problems: [String] = []
            for message in try String.fetchAll(db, sql: "PRAGMA integrity_check") where message != "ok" {
                problems.append("integrity: \(message)")
            }
            for row in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") {
                problems.append("foreign key: row \(row[1] as Int64? ?? -1) of \(row[0] as String? ?? "?") points to a missing \(row[2] as String? ?? "?")")
            }

            let blobs = try Row.fetchAll(db, sql: "SELECT id, lower(hex(sha256)) AS sha256 FROM blob ORDER BY id")
            for blob in blobs {
                let sha: String = blob["sha256"]
                do {
                    let actual = SHA256Hex.digest(of: try Self.loadBlob(blob["id"] as Int64, in: db))
                    if actual != sha { problems.append("capture bytes \(sha): their SHA-256 is \(actual)") }
                } catch {
                    problems.append("capture bytes \(sha): \(error)")
                }
            }

            // Since v7 the address is looked up through an index of its first bytes, not a UNIQUE one.
            for sha in try String.fetchAll(db, sql: """
                SELECT lower(hex(sha256)) FROM blob GROUP BY sha256 HAVING count(*) > 1 ORDER BY 1
                """) {
                problems.append("capture bytes \(sha): stored more than once")
            }

            var uses: [Int64: Int] = [:]
            for report in try String.fetchAll(db, sql: "SELECT DISTINCT report_id FROM revision") {
                do {
                    for id in try Self.contentIDs(ofRevisionsOf: report, in: db) { uses[id, default: 0] += 1 }
                } catch {
                    problems.append("\(report): \(error)")
                }
            }
            for row in try Row.fetchAll(db, sql: "SELECT base_id FROM content WHERE base_id IS NOT NULL") {
                uses[row["base_id"] as Int64, default: 0] += 1
            }
            let contents = try Row.fetchAll(db, sql: "SELECT id, hash, refs FROM content ORDER BY id")
            for row in contents {
                let id: Int64 = row["id"]
                let hash: String = row["hash"]
                do {
                    let text = try ContentStore.load(id, in: db)
                    let actual = ContentStore.address(heading: text.heading, body: text.body)
                    if actual != hash { problems.append("shared text \(hash): its text hashes to \(actual)") }
                } catch {
                    problems.append("shared text \(hash): \(error)")
                }
                let refs: Int = row["refs"]
                if refs != uses[id, default: 0] {
                    problems.append("shared text \(hash): reference count \(refs), used \(uses[id, default: 0]) times")
                }
                uses[id] = nil
            }
            for (id, count) in uses {
                problems.append("shared text \(id) is used \(count) times but missing")
            }

            let indexed = try SearchIndex.indexedRowids(in: db)
            let texts = try SearchIndex.textRowids(in: db)
            for rowid in texts.subtracting(indexed).sorted() {
                problems.append(rowid > 0 ? "search index: shared text \(rowid) has no index entry"
                                          : "search index: title \(-rowid) has no index entry")
            }
            for rowid in indexed.subtracting(texts).sorted() {
                problems.append("search index: entry \(rowid) has no stored text")
            }

            for row in try Row.fetchAll(db, sql: """
                SELECT t.report_id, t.text FROM title t WHERE NOT EXISTS (
                    SELECT 1 FROM revision v WHERE v.report_id = t.report_id AND v.title = t.text)
                """) {
                problems.append("search index: title '\(row[1] as String)' of \(row[0] as String) is held by no revision")
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT DISTINCT v.report_id, v.title FROM revision v WHERE NOT EXISTS (
                    SELECT 1 FROM title t WHERE t.report_id = v.report_id AND t.text = v.title)
                """) {
                problems.append("search index: \(row[0] as String) has the title '\(row[1] as String)' but it is not indexed")
            }

            var revisionCount = 0
            for row in try Row.fetchAll(db, sql: "SELECT id, latest_revision FROM report ORDER BY id") {
                let id: String = row["id"]
                let latest: Int = row["latest_revision"]
                let numbers = try Int.fetchAll(
                    db, sql: "SELECT number FROM revision WHERE report_id = ? ORDER BY number", arguments: [id])
                revisionCount += numbers.count
                guard let highest = numbers.last, numbers == Array(1...highest) else {
                    problems.append("\(id): revisions \(numbers) do not run from 1 to their highest number")
                    continue
                }
                let last = try Int.fetchOne(db, sql: """
                    SELECT revision FROM capture WHERE report_id = ? ORDER BY captured_at DESC, id DESC LIMIT 1
                    """, arguments: [id])
                if last != latest {
                    problems.append("\(id): the latest revision is recorded as \(latest) but its last capture is of revision \(last.map(String.init) ?? "none")")
                }
                for number in numbers {
                    let stored = try String.fetchOne(db, sql: """
                        SELECT content_hash FROM revision WHERE report_id = ? AND number = ?
                        """, arguments: [id, number])
                    do {
                        let report = try Self.loadReport(id: id, revision: number, in: db)
                        if report.contentHash != stored {
                            problems.append("\(id) revision \(number): content hashes to \(report.contentHash), stored \(stored ?? "nothing")")
                        }
                    } catch {
                        problems.append("\(id) revision \(number): \(error)")
                    }
                    let captures = try Int.fetchOne(db, sql: """
                        SELECT count(*) FROM capture WHERE report_id = ? AND revision = ?
                        """, arguments: [id, number]) ?? 0
                    if captures == 0 { problems.append("\(id) revision \(number): no capture") }
                }
            }
            return VerifyReport(
                problems: problems,
                reports: try Int.fetchOne(db, sql: "SELECT count(*) FROM report") ?? 0,
                revisions: revisionCount,
                captures: try Int.fetchOne(db, sql: "SELECT count(*) FROM capture") ?? 0,
                blobs: blobs.count, contents: contents.count)
        }
    }
}
