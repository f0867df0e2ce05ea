import RIRModel
import RIRStore

/// Small reports built in code, so store behaviour is tested apart from the parser.
enum Fixture {
    static func report(_ id: String = "MEX201601.E", published: String = "2023-09-01",
                       title: String = "Mexico: Profiles of individuals targeted",
                       sections: [Section]? = nil, references: [String]? = nil,
                       closing: String? = "This Response was prepared after researching publicly accessible information.",
                       replaces: [String] = [], crossReferences: [String] = []) -> Report {
        Report(id: ReportID(id)!, published: CalendarDate(iso: published)!, title: title,
               author: "Research Directorate, Immigration and Refugee Board of Canada",
               replaces: replaces, crossReferences: crossReferences,
               sections: sections ?? defaultSections, closing: closing,
               notes: ["[1] A note."], references: references ?? ["Amnesty International. 2023-03-27. \"Mexico.\"",
                                                                  "Freedom House. 2023-03-09. \"Mexico.\""],
               additionalSources: ["Oral sources: a professor."])
    }

    static let defaultSections = [
        Section(number: "1", level: 1, heading: "Overview", text: "First paragraph.\n\nSecond paragraph."),
        Section(number: "2", level: 1, heading: "Tracking Methods", text: "Tracking text."),
        Section(number: "2.1", level: 2, heading: "Informants", text: "Informant text."),
        Section(number: "3", level: 1, heading: "Profiles", text: "Profiles text."),
    ]

    static func capture(_ report: Report, bytes: String? = nil, source: String = "test",
                        at: String = "2026-11-01T10:00:00Z", format: String = "text") -> CaptureInput {
        CaptureInput(bytes: Array((bytes ?? "capture of \(report.id) \(report.contentHash)").utf8), source: source,
                     capturedAt: at, format: format, encoding: "utf-8", report: report)
    }

    /// Seven years from publication, as of 2026-11-22, unless held.
    static let rules = IngestRules { id, published, held in
        let expiry = published.adding(years: 7)
        guard !held, CalendarDate(iso: "2026-11-22")! >= expiry else { return nil }
        return "expired: \(id) left the window on \(expiry.iso)"
    }
}

extension Fixture {
    /// Rebuilds `blob` and `capture` as v1–v6 laid them out (hex addresses, every capture's source in
    /// its own row; v4's HTTP columns), and forgets v7: an archive as the previous version left it.
    static let backToVersionSix = """
        CREATE TABLE blob_v6 (
            id INTEGER PRIMARY KEY,
            sha256 TEXT NOT NULL UNIQUE,
            size INTEGER NOT NULL,
            codec TEXT NOT NULL CHECK (codec IN ('zstd', 'zstd-dict')),
            dictionary_id INTEGER REFERENCES blob(id),
            depth INTEGER NOT NULL CHECK (depth >= 0),
            data BLOB NOT NULL
        );
        INSERT INTO blob_v6 SELECT id, lower(hex(sha256)), size, codec, dictionary_id, depth, data FROM blob;
        DROP TABLE blob;
        ALTER TABLE blob_v6 RENAME TO blob;
        CREATE INDEX blob_dictionary ON blob(dictionary_id) WHERE dictionary_id IS NOT NULL;
        CREATE TABLE capture_v6 (
            id INTEGER PRIMARY KEY,
            report_id TEXT NOT NULL,
            revision INTEGER NOT NULL,
            blob_id INTEGER NOT NULL REFERENCES blob(id),
            source TEXT NOT NULL,
            captured_at TEXT NOT NULL,
            format TEXT NOT NULL CHECK (format IN ('text', 'html')),
            encoding TEXT NOT NULL,
            outcome TEXT NOT NULL CHECK (outcome IN ('new-document', 'new-revision', 'unchanged')),
            http_status_line TEXT,
            http_headers TEXT,
            FOREIGN KEY (report_id, revision) REFERENCES revision(report_id, number)
        );
        INSERT INTO capture_v6
            SELECT c.id, c.report_id, c.revision, c.blob_id, coalesce(c.source, s.text), c.captured_at, c.format,
                   c.encoding, c.outcome, c.http_status_line, c.http_headers
            FROM capture c LEFT JOIN capture_source s ON s.id = c.source_id;
        DROP TABLE capture;
        DROP TABLE capture_source;
        ALTER TABLE capture_v6 RENAME TO capture;
        CREATE INDEX capture_report ON capture(report_id, revision);
        CREATE INDEX capture_blob ON capture(blob_id);
        CREATE INDEX capture_timeline ON capture(report_id, captured_at, id);
        DELETE FROM grdb_migrations WHERE identifier LIKE 'v7:%';
        """

    /// Puts back v1's publication-date index in place of v8's and forgets v8: run before
    /// ``backToVersionSix`` to have an archive as v6 (or v7, alone) left it.
    static let backToVersionSeven = """
        DROP INDEX report_expiry;
        CREATE INDEX report_published ON report(published);
        DELETE FROM grdb_migrations WHERE identifier LIKE 'v8:%';
        """
}
