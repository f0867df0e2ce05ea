import GRDB

/// The database schema, as an append-only list of migrations.
///
/// A migration is never modified once shipped: later changes add a new one.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: reports, captures, revisions, content, holds, sources") { db in
            try db.execute(sql: v1)
        }
        migrator.registerMigration("v2: captures in timeline order") { db in
            // A report's timeline orders its captures by captured_at, then by recording order.
            try db.execute(sql: "CREATE INDEX capture_timeline ON capture(report_id, captured_at, id)")
        }
        migrator.registerMigration("v3: full-text search over every stored text") { db in
            try db.execute(sql: v3)
            // Back-fill: index every text already stored.
            try db.execute(sql: "INSERT INTO search_index(search_index) VALUES ('rebuild')")
        }
        migrator.registerMigration("v4: HTTP status and headers of captures") { db in
            // Null for captures that came as files, and for every capture recorded before v4.
            try db.execute(sql: """
                ALTER TABLE capture ADD COLUMN http_status_line TEXT;
                ALTER TABLE capture ADD COLUMN http_headers TEXT;
                """)
        }
        migrator.registerMigration("v5: notification outbox") { db in
            try db.execute(sql: v5)
        }
        migrator.registerMigration("v6: inbox claims") { db in
            try db.execute(sql: v6)
        }
        migrator.registerMigration("v7: compact captures and revisions") { db in
            // SQLite 3.40 (Debian 12) has no unhex(): the rebuild decodes the old hex addresses with
            // `rir_unhex`, which every connection of the archive registers.
            try db.execute(sql: v7)
        }
        migrator.registerMigration("v8: expiring reports listed from one index") { db in
            // `report expiring` lists reports by publication date with their IDs and titles: an index
            // that holds all three answers it without visiting the table (on 1,000,000 reports the
            // scattered row reads were half of the report's time: 160 → 100 ms). It begins with the
            // publication date, so it also serves what report_published did.
            try db.execute(sql: """
                CREATE INDEX report_expiry ON report(published, id, title);
                DROP INDEX report_published;
                """)
        }
        return migrator
    }

    /// The search index is an FTS5 table over external content: it stores only the
    /// index, and reads the texts (for snippets, rebuilds and deletions) through the
    /// `search_source` view, which decodes delta-compressed texts with the
    /// `rir_content_text` function every connection of the archive registers.
    /// Rowids: a `content` row's id, or minus a `title` row's id.
    static let v3 = """
    -- The distinct titles of each report's revisions: titles are texts too.
    CREATE TABLE title (
        id INTEGER PRIMARY KEY,
        report_id TEXT NOT NULL REFERENCES report(id),
        text TEXT NOT NULL,
        UNIQUE (report_id, text)
    );
    INSERT INTO title (report_id, text) SELECT DISTINCT report_id, title FROM revision ORDER BY report_id, title;

    CREATE VIEW search_source (id, heading, body) AS
        SELECT c.id, c.heading, rir_content_text(c.codec, c.body, b.body)
        FROM content c LEFT JOIN content b ON b.id = c.base_id
        UNION ALL
        SELECT -t.id, NULL, t.text FROM title t;

    CREATE VIRTUAL TABLE search_index USING fts5(
        heading, body,
        content = 'search_source', content_rowid = 'id',
        tokenize = "unicode61 remove_diacritics 2"
    );
    """

    /// The outbox (design §12): an event is written in the transaction of what it reports; the
    /// delivery loop adds one delivery per event and configured channel and records each attempt.
    static let v5 = """
    -- What happened, as a message needs it. `payload` is JSON (title, language, revision, diff
    -- summary, source, reason…). `ready` is 0 while the application layer has still to complete the
    -- payload (the diff summary of a new revision); deliveries are only made for ready events.
    CREATE TABLE event (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('new-report', 'new-revision', 'gone', 'expiring', 'sweep', 'rejected')),
        report_id TEXT,
        at TEXT NOT NULL,
        payload TEXT NOT NULL CHECK (json_valid(payload)),
        ready INTEGER NOT NULL DEFAULT 1 CHECK (ready IN (0, 1))
    );
    CREATE INDEX event_unready ON event(id) WHERE ready = 0;
    CREATE INDEX event_kind_at ON event(kind, at);

    -- A channel (webhook or mail) as the delivery loop first saw it configured: it hears of the
    -- events recorded after `since_event`, not of the whole history.
    CREATE TABLE notify_channel (
        name TEXT PRIMARY KEY NOT NULL,
        since_event INTEGER NOT NULL,
        added_at TEXT NOT NULL
    );

    -- One event to one channel: attempts so far, when the next is due, the last error, and how it
    -- ended (delivered, or failed for good after the configured number of attempts).
    CREATE TABLE delivery (
        id INTEGER PRIMARY KEY,
        event_id INTEGER NOT NULL REFERENCES event(id),
        channel TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at TEXT NOT NULL,
        last_error TEXT,
        delivered_at TEXT,
        failed_at TEXT,
        UNIQUE (event_id, channel)
    );
    CREATE INDEX delivery_due ON delivery(next_attempt_at) WHERE delivered_at IS NULL AND failed_at IS NULL;
    """

    /// What became of each file the daemon claimed from its inbox, written in the same transaction
    /// as its capture: a file committed but not yet moved when the daemon died is recognised on the
    /// restart (by `key`, the file's identity and content) and moved without a second capture.
    static let v6 = """
    CREATE TABLE inbox_claim (
        key TEXT PRIMARY KEY NOT NULL,
        name TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('new-document', 'new-revision', 'unchanged', 'rejected')),
        report_id TEXT,
        revision INTEGER,
        reason TEXT
    );
    """

    /// Smaller rows for what every daily recapture adds (design §2: captures are kept byte for
    /// byte; only how their rows are laid out changes, every id is kept).
    /// - `blob.sha256` holds the 32 bytes of the digest instead of 64 hex characters, and is
    ///   looked up through an index of its first 8 bytes instead of a UNIQUE index of all of it
    ///   (the store never inserts an address it already holds; `verify` checks they are distinct).
    /// - `capture.source` is stored once in `capture_source` when captures repeat it (a page
    ///   fetched daily names the same URL every day): a capture has either its own `source` text
    ///   or a `source_id`. Sources already used more than once move there now.
    static let v7 = """
    CREATE TABLE blob_v7 (
        id INTEGER PRIMARY KEY,
        sha256 BLOB NOT NULL CHECK (length(sha256) = 32),
        size INTEGER NOT NULL,
        codec TEXT NOT NULL CHECK (codec IN ('zstd', 'zstd-dict')),
        dictionary_id INTEGER REFERENCES blob(id),
        depth INTEGER NOT NULL CHECK (depth >= 0),
        data BLOB NOT NULL
    );
    INSERT INTO blob_v7 (id, sha256, size, codec, dictionary_id, depth, data)
        SELECT id, rir_unhex(sha256), size, codec, dictionary_id, depth, data FROM blob ORDER BY id;
    DROP TABLE blob;
    ALTER TABLE blob_v7 RENAME TO blob;
    CREATE INDEX blob_address ON blob(substr(sha256, 1, 8));
    CREATE INDEX blob_dictionary ON blob(dictionary_id) WHERE dictionary_id IS NOT NULL;

    CREATE TABLE capture_source (
        id INTEGER PRIMARY KEY,
        text TEXT NOT NULL UNIQUE
    );
    INSERT INTO capture_source (text)
        SELECT source FROM capture GROUP BY source HAVING count(*) > 1 ORDER BY min(id);

    CREATE TABLE capture_v7 (
        id INTEGER PRIMARY KEY,
        report_id TEXT NOT NULL,
        revision INTEGER NOT NULL,
        blob_id INTEGER NOT NULL REFERENCES blob(id),
        source TEXT,
        source_id INTEGER REFERENCES capture_source(id),
        captured_at TEXT NOT NULL,
        format TEXT NOT NULL CHECK (format IN ('text', 'html')),
        encoding TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('new-document', 'new-revision', 'unchanged')),
        http_status_line TEXT,
        http_headers TEXT,
        CHECK ((source IS NULL) <> (source_id IS NULL)),
        FOREIGN KEY (report_id, revision) REFERENCES revision(report_id, number)
    );
    INSERT INTO capture_v7 (id, report_id, revision, blob_id, source, source_id, captured_at, format, encoding,
                            outcome, http_status_line, http_headers)
        SELECT c.id, c.report_id, c.revision, c.blob_id, CASE WHEN s.id IS NULL THEN c.source END, s.id,
               c.captured_at, c.format, c.encoding, c.outcome, c.http_status_line, c.http_headers
        FROM capture c LEFT JOIN capture_source s ON s.text = c.source ORDER BY c.id;
    DROP TABLE capture;
    ALTER TABLE capture_v7 RENAME TO capture;
    CREATE INDEX capture_report ON capture(report_id, revision);
    CREATE INDEX capture_blob ON capture(blob_id);
    CREATE INDEX capture_timeline ON capture(report_id, captured_at, id);
    """

    static let v1 = """
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
    -- Later captures of a report are compressed with its previous capture as a zstd
    -- dictionary; `depth` counts the dictionaries a read must decompress first (bounded).
    CREATE TABLE blob (
        id INTEGER PRIMARY KEY,
        sha256 TEXT NOT NULL UNIQUE,
        size INTEGER NOT NULL,
        codec TEXT NOT NULL CHECK (codec IN ('zstd', 'zstd-dict')),
        dictionary_id INTEGER REFERENCES blob(id),
        depth INTEGER NOT NULL CHECK (depth >= 0),
        data BLOB NOT NULL
    );
    CREATE INDEX blob_dictionary ON blob(dictionary_id) WHERE dictionary_id IS NOT NULL;

    -- Content-addressed text shared by revisions: a section (heading + body) or a list
    -- (notes, references, additional sources, closing; one item per line). A new text may
    -- be stored as a zstd delta against its predecessor's base text (`base_id`, never
    -- itself a delta). `refs` counts the revisions that use it plus the texts stored
    -- against it; a text is deleted only when it reaches zero.
    CREATE TABLE content (
        id INTEGER PRIMARY KEY,
        hash TEXT NOT NULL UNIQUE,
        heading TEXT,
        codec TEXT NOT NULL CHECK (codec IN ('text', 'zstd-dict')),
        base_id INTEGER REFERENCES content(id),
        body BLOB NOT NULL,
        refs INTEGER NOT NULL CHECK (refs >= 0)
    );
    CREATE INDEX content_base ON content(base_id) WHERE base_id IS NOT NULL;

    -- One distinct normalized content of a report, numbered 1, 2, … per report.
    -- `sections` lists the revision's sections in order, one per line:
    -- "CONTENT_ID LEVEL NUMBER" (NUMBER "-" for the unnumbered opening section).
    CREATE TABLE revision (
        report_id TEXT NOT NULL REFERENCES report(id),
        number INTEGER NOT NULL CHECK (number >= 1),
        content_hash TEXT NOT NULL,
        published TEXT NOT NULL,
        title TEXT NOT NULL,
        author TEXT NOT NULL,
        replaces TEXT NOT NULL,
        cross_references TEXT NOT NULL,
        sections TEXT NOT NULL,
        closing_id INTEGER REFERENCES content(id),
        notes_id INTEGER REFERENCES content(id),
        references_id INTEGER REFERENCES content(id),
        additional_id INTEGER REFERENCES content(id),
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        PRIMARY KEY (report_id, number)
    ) WITHOUT ROWID;

    -- One ingested input: a file or an HTTP response, and what became of it.
    CREATE TABLE capture (
        id INTEGER PRIMARY KEY,
        report_id TEXT NOT NULL,
        revision INTEGER NOT NULL,
        blob_id INTEGER NOT NULL REFERENCES blob(id),
        source TEXT NOT NULL,
        captured_at TEXT NOT NULL,
        format TEXT NOT NULL CHECK (format IN ('text', 'html')),
        encoding TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('new-document', 'new-revision', 'unchanged')),
        FOREIGN KEY (report_id, revision) REFERENCES revision(report_id, number)
    );
    CREATE INDEX capture_report ON capture(report_id, revision);
    CREATE INDEX capture_blob ON capture(blob_id);

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
}
