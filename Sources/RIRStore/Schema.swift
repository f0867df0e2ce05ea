import GRDB

/// The database schema, as an append-only list of migrations.
///
/// A migration is never modified once shipped: later changes add a new one.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: reports, captures, revisions, content") { db in
            try db.execute(sql: v1)
        }
        migrator.registerMigration("v2: holds and tombstones") { db in
            try db.execute(sql: v2)
        }
        migrator.registerMigration("v3: fetch sources") { db in
            try db.execute(sql: v3)
        }
        return migrator
    }

    private static let v3 = """
    -- One row per fetched page, keyed by its canonical URL: conditional-request
    -- validators, the report last captured from it, when it was last seen, and
    -- whether it answered 404/410 (gone: reported, never deleted).
    CREATE TABLE source (
        url_key TEXT PRIMARY KEY NOT NULL,
        url TEXT NOT NULL,
        report_id TEXT,
        etag TEXT,
        last_modified TEXT,
        last_status INTEGER,
        last_fetched_at TEXT,
        last_seen_at TEXT,
        gone_at TEXT
    );
    CREATE INDEX source_report ON source(report_id);
    """

    private static let v2 = """
    -- Legal holds: a report under at least one unreleased hold is never purged.
    -- A hold may be placed before the report is in the archive, so report_id is not a foreign key.
    CREATE TABLE hold (
        id INTEGER PRIMARY KEY,
        report_id TEXT NOT NULL,
        reason TEXT NOT NULL,
        placed_at TEXT NOT NULL,
        released_at TEXT
    );
    CREATE INDEX hold_report ON hold(report_id, released_at);

    -- What remains of a purged report.
    CREATE TABLE tombstone (
        id TEXT PRIMARY KEY NOT NULL,
        title TEXT NOT NULL,
        language TEXT NOT NULL,
        published TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        revisions INTEGER NOT NULL,
        content_hashes TEXT NOT NULL,
        capture_hashes TEXT NOT NULL,
        purged_at TEXT NOT NULL,
        reason TEXT NOT NULL
    );
    """

    private static let v1 = """
    -- One row per report (a full ID such as MEX201601.E); the latest revision's metadata.
    CREATE TABLE report (
        id TEXT PRIMARY KEY NOT NULL,
        base_id TEXT NOT NULL,
        country TEXT NOT NULL,
        language TEXT NOT NULL CHECK (language IN ('en', 'fr')),
        title TEXT NOT NULL,
        published TEXT NOT NULL,
        latest_revision INTEGER NOT NULL,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL
    );
    CREATE INDEX report_base_id ON report(base_id);
    CREATE INDEX report_published ON report(published);

    -- Exact captured bytes, compressed, addressed by the SHA-256 of the uncompressed bytes.
    CREATE TABLE blob (
        sha256 TEXT PRIMARY KEY NOT NULL,
        size INTEGER NOT NULL,
        codec TEXT NOT NULL CHECK (codec IN ('raw', 'zstd', 'zstd-dict')),
        dictionary_sha256 TEXT REFERENCES blob(sha256),
        data BLOB NOT NULL
    );

    -- Content-addressed text shared by revisions: a section (heading + body) or a list
    -- (notes, references, additional sources, closing; one item per line).
    -- `refs` counts the revision rows that use it; content is deleted only at zero.
    CREATE TABLE content (
        hash TEXT PRIMARY KEY NOT NULL,
        heading TEXT,
        body TEXT NOT NULL,
        refs INTEGER NOT NULL CHECK (refs >= 0)
    );

    -- One distinct normalized content of a report, numbered 1, 2, … per report.
    CREATE TABLE revision (
        report_id TEXT NOT NULL REFERENCES report(id),
        number INTEGER NOT NULL CHECK (number >= 1),
        content_hash TEXT NOT NULL,
        published TEXT NOT NULL,
        title TEXT NOT NULL,
        author TEXT NOT NULL,
        replaces TEXT NOT NULL,
        cross_references TEXT NOT NULL,
        closing_hash TEXT REFERENCES content(hash),
        notes_hash TEXT REFERENCES content(hash),
        references_hash TEXT REFERENCES content(hash),
        additional_hash TEXT REFERENCES content(hash),
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        PRIMARY KEY (report_id, number)
    ) WITHOUT ROWID;

    CREATE TABLE revision_section (
        report_id TEXT NOT NULL,
        revision INTEGER NOT NULL,
        position INTEGER NOT NULL,
        number TEXT,
        level INTEGER NOT NULL,
        content_hash TEXT NOT NULL REFERENCES content(hash),
        PRIMARY KEY (report_id, revision, position),
        FOREIGN KEY (report_id, revision) REFERENCES revision(report_id, number)
    ) WITHOUT ROWID;
    CREATE INDEX revision_section_content ON revision_section(content_hash);

    -- One ingested input: a file or an HTTP response, and what became of it.
    CREATE TABLE capture (
        id INTEGER PRIMARY KEY,
        report_id TEXT NOT NULL,
        revision INTEGER NOT NULL,
        blob_sha256 TEXT NOT NULL REFERENCES blob(sha256),
        source TEXT NOT NULL,
        captured_at TEXT NOT NULL,
        format TEXT NOT NULL CHECK (format IN ('text', 'html')),
        encoding TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('new-document', 'new-revision', 'unchanged')),
        FOREIGN KEY (report_id, revision) REFERENCES revision(report_id, number)
    );
    CREATE INDEX capture_report ON capture(report_id, revision);
    CREATE INDEX capture_blob ON capture(blob_sha256);

    -- Edges between reports, from the latest revision: `replaces` and `cites` (base IDs).
    CREATE TABLE edge (
        from_id TEXT NOT NULL REFERENCES report(id),
        kind TEXT NOT NULL CHECK (kind IN ('replaces', 'cites')),
        to_base_id TEXT NOT NULL,
        PRIMARY KEY (from_id, kind, to_base_id)
    ) WITHOUT ROWID;
    CREATE INDEX edge_to ON edge(to_base_id, kind);

    -- Append-only audit trail.
    CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        event TEXT NOT NULL,
        report_id TEXT,
        detail TEXT NOT NULL
    );
    CREATE INDEX audit_at ON audit(at);
    CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
    CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
    """
}
