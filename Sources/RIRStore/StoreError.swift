/// What can go wrong in the archive database.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    /// The database file could not be opened or migrated.
    case cannotOpen(path: String, cause: String)
    /// The database file does not exist (for commands that only read).
    case missingDatabase(path: String)
    /// No report with this ID is in the archive.
    case unknownReport(String)
    /// The report had this many revisions; the one asked for is not among them.
    case unknownRevision(id: String, revision: Int, latest: Int)
    /// The report was purged by a retention sweep.
    case purged(id: String, at: String, reason: String)
    /// The report is under a legal hold.
    case held(String)
    /// No unreleased hold with this id on the report.
    case unknownHold(id: String, holdID: Int64)
    /// The report has no unreleased hold.
    case noHold(String)
    /// A capture time or moment is not an ISO 8601 UTC timestamp `YYYY-MM-DDTHH:MM:SSZ`.
    case invalidTime(String)
    /// A moment before a report's first capture: no revision was in force then.
    case beforeFirstCapture(id: String, moment: String, firstCapture: String)
    /// A search query FTS5 cannot read; `cause` says why in words.
    case invalidQuery(query: String, cause: String)
    /// Stored data failed a check.
    case corrupt(String)
    /// SQLite reported an error on the database file.
    case database(path: String, cause: String)
    /// The database cannot be used for now (a full disk, a lock held too long, a read-only file);
    /// the same request may succeed later.
    case unavailable(path: String, cause: String, hint: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let cause):
            "cannot open the archive database \(path): \(cause)"
        case .missingDatabase(let path):
            "no archive database at \(path)\nhint: ingest something first (rir-archive ingest seeds/) or pass --database PATH"
        case .unknownReport(let id):
            "no report \(id) in the archive\nhint: rir-archive list shows the reports it holds"
        case .unknownRevision(let id, let revision, let latest):
            "\(id) has no revision \(revision): its revisions are 1 to \(latest)"
        case .purged(let id, let at, let reason):
            "\(id) was purged on \(at): \(reason)"
        case .held(let id):
            "\(id) is under a legal hold and cannot be purged\nhint: rir-archive retention release \(id)"
        case .unknownHold(let id, let holdID):
            "\(id) has no unreleased hold \(holdID)\nhint: rir-archive retention status \(id) lists its holds"
        case .noHold(let id):
            "\(id) has no unreleased hold"
        case .invalidTime(let text):
            "cannot use the time '\(text)': it is not an ISO 8601 UTC timestamp YYYY-MM-DDTHH:MM:SSZ"
        case .beforeFirstCapture(let id, let moment, let first):
            "\(id) has no revision in force at \(moment): its first capture is from \(first)"
        case .invalidQuery(let query, let cause):
            "cannot search for '\(query)': \(cause)\nhint: phrases go in \"double quotes\", prefixes end in *, and AND, OR, NOT combine terms"
        case .corrupt(let what):
            "the archive database is damaged: \(what)"
        case .database(let path, let cause):
            "database error in \(path): \(cause)"
        case .unavailable(let path, let cause, let hint):
            "cannot use the archive database \(path): \(cause)\nhint: \(hint)"
        }
    }

    /// Whether the error is about the request (an unknown report, revision or hold; a purged or
    /// held report) rather than the archive itself.
    public var isAboutRequest: Bool {
        switch self {
        case .unknownReport, .unknownRevision, .purged, .held, .unknownHold, .noHold, .invalidTime,
             .beforeFirstCapture, .invalidQuery: true
        case .cannotOpen, .missingDatabase, .corrupt, .database, .unavailable: false
        }
    }

    /// Whether the archive may work again later without anyone changing it (disk full, busy).
    public var isTransient: Bool {
        if case .unavailable = self { return true }
        return false
    }
}
