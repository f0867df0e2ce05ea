import GRDB

/// One file claimed from the daemon's inbox, as the claim is recorded with its capture.
public struct InboxClaim: Sendable, Hashable {
    /// The file's identity and content (device, inode, size, modification time, SHA-256): the same
    /// file after a crash has the same key; another file, even of the same name, does not.
    public var key: String
    /// The name the file arrived under.
    public var name: String

    /// A claim from its parts.
    public init(key: String, name: String) {
        self.key = key
        self.name = name
    }
}

extension ArchiveStore {
    /// What an earlier ingest of this claimed file came to, if it was committed.
    public func recordedClaim(_ key: String) throws(StoreError) -> IngestResult? {
        try read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT outcome, report_id, revision, reason FROM inbox_claim WHERE key = ?"),
                             arguments: [key]).map { row in
                IngestResult(id: row["report_id"], outcome: IngestOutcome(rawValue: row["outcome"]) ?? .rejected,
                             revision: row["revision"], reason: row["reason"])
            }
        }
    }

    /// Stores one inbox input and records its claim in the same transaction: after a crash either both
    /// are there or neither. A claim already recorded is not ingested again: its recorded result comes
    /// back with `recorded` true.
    public func ingest(_ item: IngestItem, rules: IngestRules, claim: InboxClaim,
                       at recordedAt: String) throws(StoreError) -> (result: IngestResult, recorded: Bool) {
        try write { db in
            if let earlier = try Row.fetchOne(db.cachedStatement(sql: "SELECT outcome, report_id, revision, reason FROM inbox_claim WHERE key = ?"),
                                              arguments: [claim.key]) {
                return (IngestResult(id: earlier["report_id"],
                                     outcome: IngestOutcome(rawValue: earlier["outcome"]) ?? .rejected,
                                     revision: earlier["revision"], reason: earlier["reason"]), true)
            }
            let result: IngestResult
            switch item {
            case .capture(let capture):
                result = try Self.ingest(capture, rules: rules, in: db)
            case .rejection(let source, let id, let reason, let at):
                try Self.audit(db, at: at, event: "reject", reportID: id, detail: "\(source): \(reason)")
                result = IngestResult(id: id, outcome: .rejected, revision: nil, reason: reason)
            }
            try db.run(sql: """
                INSERT INTO inbox_claim (key, name, recorded_at, outcome, report_id, revision, reason)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [claim.key, claim.name, recordedAt, result.outcome.rawValue, result.id,
                                 result.revision, result.reason])
            return (result, false)
        }
    }
}
