import GRDB
import RIRModel

/// One capture to store: the exact bytes and what the parser read from them.
public struct CaptureInput: Sendable {
    /// The bytes exactly as received.
    public var bytes: [UInt8]
    /// Where it came from: a file path, a URL, or a `--source` label.
    public var source: String
    /// When it was captured, ISO 8601 UTC (`2026-11-22T10:11:12Z`).
    public var capturedAt: String
    /// `text` or `html`.
    public var format: String
    /// The detected encoding (`utf-8`, `windows-1252`).
    public var encoding: String
    /// The normalized report content.
    public var report: Report
    /// The HTTP status line the bytes came with (`HTTP/1.1 200 OK`), when they came over HTTP.
    public var httpStatusLine: String?
    /// The HTTP response's header lines, CRLF-separated, as received, when they came over HTTP.
    public var httpHeaders: String?

    public init(bytes: [UInt8], source: String, capturedAt: String, format: String, encoding: String,
                report: Report, httpStatusLine: String? = nil, httpHeaders: String? = nil) {
        self.bytes = bytes
        self.source = source
        self.capturedAt = capturedAt
        self.format = format
        self.encoding = encoding
        self.report = report
        self.httpStatusLine = httpStatusLine
        self.httpHeaders = httpHeaders
    }
}

/// One input of a batch: a parsed capture, or an input rejected before it could be parsed.
public enum IngestItem: Sendable {
    case capture(CaptureInput)
    case rejection(source: String, id: String?, reason: String, at: String)
}

/// What became of one input.
public enum IngestOutcome: String, Sendable, Codable {
    case newDocument = "new-document"
    case newRevision = "new-revision"
    case unchanged
    case rejected
}

/// The result of ingesting one input.
public struct IngestResult: Sendable, Hashable {
    public var id: String?
    public var outcome: IngestOutcome
    /// The revision the capture belongs to (nil when rejected).
    public var revision: Int?
    /// Why it was rejected (`incomplete: …`, `expired: …`, a parse error).
    public var reason: String?
    /// For a new revision whose content equals an older revision's (a return): that revision.
    public var sameContentAs: Int?

    public init(id: String?, outcome: IngestOutcome, revision: Int?, reason: String?, sameContentAs: Int? = nil) {
        self.id = id
        self.outcome = outcome
        self.revision = revision
        self.reason = reason
        self.sameContentAs = sameContentAs
    }
}

/// The rules an ingest applies that depend on the date and the retention window.
///
/// The store knows no retention policy: the wiring passes the policy's decision in.
public struct IngestRules: Sendable {
    /// Given a report's ID, publication date and whether it is under a hold, the reason
    /// to refuse a capture of it (a report past its window), or nil to accept it.
    public var retentionGate: @Sendable (_ id: ReportID, _ published: CalendarDate, _ held: Bool) -> String?

    public init(retentionGate: @escaping @Sendable (ReportID, CalendarDate, Bool) -> String?) {
        self.retentionGate = retentionGate
    }
}

extension ArchiveStore {
    /// Stores one capture in one transaction: a new report, a new revision, or a new
    /// capture of an existing revision. Rejected captures store nothing but an audit entry.
    ///
    /// The capture is placed on the report's timeline at its `capturedAt`, which may lie
    /// in the past (back-fill): it is compared with the revision in force at that time and
    /// with the next revision of the timeline (before the first capture, with the first
    /// revision). Equal to either, it becomes a capture of that revision (`unchanged`);
    /// different from both, it is a new revision with the next number, placed at its time.
    /// A present-time capture therefore behaves as it always did. Throws
    /// ``StoreError/invalidTime(_:)`` when `capturedAt` is not `YYYY-MM-DDTHH:MM:SSZ`.
    public func ingest(_ capture: CaptureInput, rules: IngestRules) throws(StoreError) -> IngestResult {
        try write { db in try Self.ingest(capture, rules: rules, in: db) }
    }

    /// Stores several inputs in one transaction, in order: all of them or none.
    ///
    /// Each capture is decided exactly as ``ingest(_:rules:)`` would decide it, seeing
    /// the ones before it; one commit (one fsync) serves the whole batch. Results come
    /// back in the order of `items`.
    public func ingest(_ items: [IngestItem], rules: IngestRules) throws(StoreError) -> [IngestResult] {
        guard !items.isEmpty else { return [] }
        return try write { db in
            try items.map { item in
                switch item {
                case .capture(let capture):
                    return try Self.ingest(capture, rules: rules, in: db)
                case .rejection(let source, let id, let reason, let at):
                    try Self.audit(db, at: at, event: "reject", reportID: id, detail: "\(source): \(reason)")
                    try Self.recordEvent(.rejected, reportID: id, at: at,
                                         payload: NotificationPayload(source: source, reason: reason), in: db)
                    return IngestResult(id: id, outcome: .rejected, revision: nil, reason: reason)
                }
            }
        }
    }

    // MARK: - The write path

    static func ingest(_ capture: CaptureInput, rules: IngestRules, in db: Database) throws -> IngestResult {
        let report = capture.report
        let id = report.id.description
        let contentHash = report.contentHash
        let now = capture.capturedAt
        guard Timestamp.isValid(now) else { throw StoreError.invalidTime(now) }

        func reject(_ reason: String) throws -> IngestResult {
            try audit(db, at: now, event: "reject", reportID: id, detail: "\(capture.source): \(reason)")
            try recordEvent(.rejected, reportID: id, at: now,
                            payload: NotificationPayload(title: report.title, language: report.id.language.rawValue,
                                                         source: capture.source, reason: reason,
                                                         capturedAt: now), in: db)
            return IngestResult(id: id, outcome: .rejected, revision: nil, reason: reason)
        }

        if let rejection = rules.retentionGate(report.id, report.published, try isHeld(id, in: db)) {
            return try reject(rejection)
        }

        guard try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM report WHERE id = ?)"),
                                arguments: [id]) == true else {
            try db.run(sql: """
                INSERT INTO report (id, base_id, country, language, title, published, latest_revision,
                                    first_seen, last_seen)
                VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)
                """, arguments: [id, report.id.baseID, report.id.country, report.id.language.rawValue,
                                 report.title, report.published.iso, now, now])
            try insertRevision(report, number: 1, contentHash: contentHash, at: now, in: db)
            try replaceEdges(of: report, in: db)
            let blob = try storeBlob(capture.bytes, reportID: id, in: db)
            try insertCapture(capture, blob: blob, revision: 1, outcome: .newDocument, in: db)
            try audit(db, at: now, event: "ingest", reportID: id,
                      detail: "new-document revision 1 \(contentHash) from \(capture.source)")
            try recordEvent(.newReport, reportID: id, at: now,
                            payload: NotificationPayload(title: report.title, language: report.id.language.rawValue,
                                                         revision: 1, source: capture.source, capturedAt: now),
                            in: db)
            return IngestResult(id: id, outcome: .newDocument, revision: 1, reason: nil)
        }

        // The capture's place on the timeline: the revision in force at its time and the next one.
        let place = try TimelinePlace(of: id, at: now, in: db)
        if let same = try place.neighbour(withContent: contentHash, in: db) {
            let blob = try storeBlob(capture.bytes, reportID: id, recapturing: same, in: db)
            try insertCapture(capture, blob: blob, revision: same, outcome: .unchanged, in: db)
            try place.settle(id, adding: same, in: db)
            return IngestResult(id: id, outcome: .unchanged, revision: same, reason: nil)
        }

        let reference = place.reference
        // Judged from the reference revision's row (which parts it has, how many sections): loading
        // and decompressing its texts for that was a tenth of ingest.
        if let incomplete = report.incompleteness(comparedWith: try revisionShape(id, reference, in: db)) {
            return try reject("incomplete: \(incomplete)")
        }

        let number = try highestRevision(id, in: db) + 1
        let sameContentAs = try Int.fetchOne(db.cachedStatement(sql: """
            SELECT min(number) FROM revision WHERE report_id = ? AND content_hash = ?
            """), arguments: [id, contentHash])
        try insertRevision(report, number: number, contentHash: contentHash, at: now, predecessor: reference, in: db)
        let blob = try storeBlob(capture.bytes, reportID: id, in: db)
        try insertCapture(capture, blob: blob, revision: number, outcome: .newRevision, in: db)
        try audit(db, at: now, event: "ingest", reportID: id,
                  detail: "new-revision \(number) \(contentHash) from \(capture.source)")
        // The diff summary needs the differ, which the store does not have: the application layer
        // completes the payload before the event is delivered (`ready` stays 0 until then).
        try recordEvent(.newRevision, reportID: id, at: now,
                        payload: NotificationPayload(title: report.title, language: report.id.language.rawValue,
                                                     revision: number, previousRevision: reference,
                                                     sameContentAs: sameContentAs, source: capture.source,
                                                     capturedAt: now),
                        ready: false, in: db)
        try place.splitIfInside(id, at: now, by: number, in: db)
        try place.settle(id, adding: number, in: db)
        return IngestResult(id: id, outcome: .newRevision, revision: number, reason: nil, sameContentAs: sameContentAs)
    }

    /// Which parts revision `number` of `id` has, and how many sections, from its row alone.
    static func revisionShape(_ id: String, _ number: Int, in db: Database) throws -> RevisionShape {
        guard let row = try revisionParts(id, number, in: db) else {
            throw StoreError.corrupt("\(id) revision \(number) is missing")
        }
        let sections = try SectionList(decoding: row["sections"]).entries.count
        func has(_ column: String) -> Bool { (row[column] as Int64?) != nil }
        return RevisionShape(hasClosing: has("closing_id"), hasNotes: has("notes_id"), hasReferences: has("references_id"),
                             hasAdditionalSources: has("additional_id"), sectionCount: sections)
    }

    /// The columns of revision `number` of `id` that name its texts: `sections` and the four list ids.
    static func revisionParts(_ id: String, _ number: Int, in db: Database) throws -> Row? {
        try Row.fetchOne(db.cachedStatement(sql: """
            SELECT sections, closing_id, notes_id, references_id, additional_id FROM revision
            WHERE report_id = ? AND number = ?
            """), arguments: [id, number])
    }

    /// Whether a report is under at least one unreleased legal hold.
    static func isHeld(_ id: String, in db: Database) throws -> Bool {
        try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM hold WHERE report_id = ? AND released_at IS NULL)",
            arguments: [id]) ?? false
    }

    // MARK: - Rows

    /// Inserts revision `number`; its new texts are stored as deltas against the texts of
    /// revision `predecessor` (the revision in force at its time; the one before by default).
    static func insertRevision(_ report: Report, number: Int, contentHash: String, at now: String,
                               predecessor predecessorNumber: Int? = nil, in db: Database) throws {
        let id = report.id.description
        // The previous revision's texts are the predecessors new texts are stored against.
        let previousNumber = predecessorNumber ?? number - 1
        let previous = previousNumber >= 1 ? try revisionParts(id, previousNumber, in: db) : nil
        let previousSections = try previous.map { try SectionList(decoding: $0["sections"]).entries } ?? []
        func predecessor(of section: Section, at position: Int) throws -> Int64? {
            if let number = section.number, let same = previousSections.first(where: { $0.number == number }) {
                return same.contentID
            }
            return position < previousSections.count ? previousSections[position].contentID : nil
        }
        var entries: [SectionList.Entry] = []
        for (position, section) in report.sections.enumerated() {
            let contentID = try ContentStore.retain(heading: section.heading, body: section.text,
                                                    predecessor: try predecessor(of: section, at: position), in: db)
            entries.append(SectionList.Entry(contentID: contentID, level: section.level, number: section.number))
        }
        func list(_ items: [String], _ column: String) throws -> Int64? {
            guard !items.isEmpty else { return nil }
            return try ContentStore.retain(heading: nil, body: items.joined(separator: "\n"),
                                           predecessor: previous?[column], in: db)
        }
        try SearchIndex.addTitle(report.title, of: id, in: db)
        try db.run(sql: """
            INSERT INTO revision (report_id, number, content_hash, published, title, author, replaces,
                                  cross_references, sections, closing_id, notes_id, references_id, additional_id,
                                  first_seen, last_seen)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [
                id, number, contentHash, report.published.iso, report.title, report.author,
                report.replaces.joined(separator: " "), report.crossReferences.joined(separator: " "),
                SectionList(entries: entries).encoded,
                try list(report.closing.map { [$0] } ?? [], "closing_id"),
                try list(report.notes, "notes_id"),
                try list(report.references, "references_id"),
                try list(report.additionalSources, "additional_id"),
                now, now,
            ])
    }

    static func insertCapture(_ capture: CaptureInput, blob: Int64, revision: Int, outcome: IngestOutcome,
                              in db: Database) throws {
        let reportID = capture.report.id.description
        let source = try sourceColumns(capture.source, reportID: reportID, in: db)
        try db.run(sql: """
            INSERT INTO capture (report_id, revision, blob_id, source, source_id, captured_at, format, encoding,
                                 outcome, http_status_line, http_headers)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [reportID, revision, blob, source.text, source.id, capture.capturedAt,
                             capture.format, capture.encoding, outcome.rawValue,
                             capture.httpStatusLine, capture.httpHeaders])
    }

    /// How a capture records where it came from (v7): the id of `source` in `capture_source` when
    /// it is there or when the report's latest capture came from the same place (a page fetched
    /// day after day), else the text itself (an inbox file's path, seen once).
    static func sourceColumns(_ source: String, reportID: String,
                              in db: Database) throws -> (text: String?, id: Int64?) {
        if let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM capture_source WHERE text = ?"),
                                       arguments: [source]) {
            return (nil, id)
        }
        let latest = try String.fetchOne(db.cachedStatement(sql: """
            SELECT source FROM capture WHERE report_id = ? ORDER BY id DESC LIMIT 1
            """), arguments: [reportID])
        guard latest == source else { return (source, nil) }
        try db.run(sql: "INSERT INTO capture_source (text) VALUES (?)", arguments: [source])
        return (nil, db.lastInsertedRowID)
    }

    static func replaceEdges(of report: Report, in db: Database) throws {
        try replaceEdges(of: report.id.description, replaces: report.replaces, cites: report.crossReferences, in: db)
    }

    /// Sets a report's edges to the base IDs its latest revision replaces and cites.
    static func replaceEdges(of id: String, replaces: [String], cites: [String], in db: Database) throws {
        try db.run(sql: "DELETE FROM edge WHERE from_id = ?", arguments: [id])
        for (kind, bases) in [("replaces", replaces), ("cites", cites)] {
            for base in bases {
                try db.run(sql: "INSERT OR IGNORE INTO edge (from_id, kind, to_base_id) VALUES (?, ?, ?)",
                               arguments: [id, kind, base])
            }
        }
    }

    static func audit(_ db: Database, at: String, event: String, reportID: String?, detail: String) throws {
        try db.run(sql: "INSERT INTO audit (at, event, report_id, detail) VALUES (?, ?, ?, ?)",
                       arguments: [at, event, reportID, detail])
    }
}
