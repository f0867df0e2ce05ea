import RIRDiff
import RIRPresentation
import RIRStore

extension RevisionSummary {
    /// One element of `history --format json`:
    /// `{"revision", "content_hash", "published", "title", "first_seen", "last_seen", "captures"}`.
    public var jsonValue: JSONValue {
        .object([
            JSONMember("revision", .integer(revision)),
            JSONMember("content_hash", .string(contentHash)),
            JSONMember("published", .string(published.iso)),
            JSONMember("title", .string(title)),
            JSONMember("first_seen", .string(firstSeen)),
            JSONMember("last_seen", .string(lastSeen)),
            JSONMember("captures", .array(captures.map(\.jsonValue))),
        ])
    }
}

extension CaptureSummary {
    /// `{"sha256", "source", "captured_at", "format", "encoding"}`.
    public var jsonValue: JSONValue {
        .object([
            JSONMember("sha256", .string(sha256)),
            JSONMember("source", .string(source)),
            JSONMember("captured_at", .string(capturedAt)),
            JSONMember("format", .string(format)),
            JSONMember("encoding", .string(encoding)),
        ])
    }
}

extension IngestedInput {
    /// One line of `ingest --format json`: `{"file", "id", "outcome", "revision", "reason", "same_content_as"}`.
    public var jsonValue: JSONValue {
        .object([
            JSONMember("file", .string(input)),
            JSONMember("id", .optional(result.id)),
            JSONMember("outcome", .string(result.outcome.rawValue)),
            JSONMember("revision", .optional(result.revision)),
            JSONMember("reason", .optional(result.reason)),
            JSONMember("same_content_as", .optional(result.sameContentAs)),
        ])
    }
}

extension FetchedPage {
    /// One line of `fetch --format json`: `{"url", "status", "id", "outcome", "revision", "reason"}`.
    public var jsonValue: JSONValue {
        .object([
            JSONMember("url", .string(url)),
            JSONMember("status", .optional(status)),
            JSONMember("id", .optional(id)),
            JSONMember("outcome", .string(outcome.rawValue)),
            JSONMember("revision", .optional(revision)),
            JSONMember("reason", .optional(reason)),
        ])
    }
}

extension WARCFileSummary {
    /// One line of `ingest --format json` per WARC file:
    /// `{"warc", "records", "captures", "skipped", "rejected"}`.
    public var jsonValue: JSONValue {
        .object([
            JSONMember("warc", .string(file)),
            JSONMember("records", .integer(records)),
            JSONMember("captures", .integer(captures)),
            JSONMember("skipped", .integer(skipped)),
            JSONMember("rejected", .integer(rejected)),
        ])
    }

    /// `FILE: 12 records, 3 captures, 8 skipped, 1 rejected`.
    public var summaryLine: String {
        "\(file): \(records) records, \(captures) captures, \(skipped) skipped, \(rejected) rejected"
    }
}

extension WARCExportSummary {
    /// `{"warc", "reports", "captures", "records"}`.
    public var jsonValue: JSONValue {
        .object([
            JSONMember("warc", .string(path)),
            JSONMember("reports", .integer(reports)),
            JSONMember("captures", .integer(captures)),
            JSONMember("records", .integer(records)),
        ])
    }
}

extension SearchHit {
    /// One element of `search --format json`:
    /// `{"id", "section_number", "heading", "part", "revisions", "first_seen", "last_seen", "snippet"}`.
    public var jsonValue: JSONValue {
        .object([
            JSONMember("id", .string(id)),
            JSONMember("section_number", .optional(sectionNumber)),
            JSONMember("heading", .optional(heading)),
            JSONMember("part", .string(part.rawValue)),
            JSONMember("revisions", .array(revisions.map { .integer($0) })),
            JSONMember("first_seen", .string(firstSeen)),
            JSONMember("last_seen", .string(lastSeen)),
            JSONMember("snippet", .string(snippet)),
        ])
    }
}

extension ParagraphProvenance {
    /// One element of `blame --format json`: `{"section_number", "paragraph", "text", "since_revision", "since"}`.
    public var jsonValue: JSONValue {
        .object([
            JSONMember("section_number", .optional(sectionNumber)),
            JSONMember("paragraph", .integer(paragraph)),
            JSONMember("text", .string(text)),
            JSONMember("since_revision", .integer(sinceRevision)),
            JSONMember("since", .string(since)),
        ])
    }
}

extension Archive {
    /// `show --format json`: the parse keys plus `revision`, `first_seen` and `last_seen`; with a
    /// moment, `at`, `capture_before` and `capture_after`; with a section, only that section under
    /// `sections`.
    public func revisionJSON(_ id: String, number: Int?, moment: ReportAtMoment? = nil,
                             section: String? = nil) throws(ArchiveError) -> JSONValue {
        let (found, report) = try revision(id, number: number ?? moment?.inForce.revision)
        let timeline = try history(of: id).first { $0.revision == found }
        var members = report.jsonMembers + [
            JSONMember("revision", .integer(found)),
            JSONMember("first_seen", .optional(timeline?.firstSeen)),
            JSONMember("last_seen", .optional(timeline?.lastSeen)),
        ]
        if let moment {
            members.append(JSONMember("at", .string(moment.inForce.moment)))
            members.append(JSONMember("capture_before", moment.inForce.captureBefore.jsonValue))
            members.append(JSONMember("capture_after", moment.inForce.captureAfter?.jsonValue ?? .null))
        }
        if let section {
            let found = try self.section(section, of: id, revision: found)
            members = members.map { $0.key == "sections" ? JSONMember("sections", .array([found.jsonValue])) : $0 }
        }
        return .object(members)
    }
}
