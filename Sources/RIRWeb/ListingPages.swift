import Hummingbird
import RIRArchive
import RIRModel
import RIRPresentation
import RIRRetention
import RIRStore

extension WebSite {
    /// `/search?q=…`: one hit per distinct stored text, with its snippet (matched terms marked).
    func searchPage(_ request: Request) throws -> Response {
        let query = request.query("q")
        let country = request.query("country")?.uppercased()
        let language = request.query("language").flatMap(Language.init(rawValue:))
        let latest = request.query("latest") == "1"
        let filters = SearchFilters(reportID: request.query("report"), country: country, language: language,
                                    latestOnly: latest, limit: settings.maxSearchHits)
        let hits = try query.map { try archive.search($0, filters: filters) } ?? []
        if request.wantsJSON { return Reply.json(.array(hits.map(\.jsonValue))) }
        let t = PageRenderer.language(of: request)
        let context: [String: Any] = [
            "q": query ?? "", "country": country ?? "", "latest": latest, "searched": query != nil, "count": hits.count,
            "languages": [("", t["all"]), ("en", "English"), ("fr", "Français")].map {
                ["value": $0.0, "label": $0.1, "selected": $0.0 == (language?.rawValue ?? "")] as [String: Any]
            },
            "hits": hits.map { hit -> [String: Any] in
                let place = [hit.sectionNumber, hit.heading].compactMap { $0 }.joined(separator: " ")
                let newest = hit.revisions.last ?? 1
                let anchor = hit.sectionNumber.map { "#s\($0)" } ?? ""
                return ["id": hit.id, "place": place.isEmpty ? t[hit.part.webKey] : place,
                        "href": revisionHref(hit.id, newest) + anchor, "snippet": Snippet.html(hit.snippet),
                        "revisions": hit.revisions.map { ["n": $0, "href": revisionHref(hit.id, $0) + anchor] },
                        "firstSeen": hit.firstSeen, "lastSeen": hit.lastSeen]
            },
        ]
        return renderer.page("search", title: query.map { "\(t["search"]): \($0)" } ?? t["search"],
                             context: context, request: request)
    }

    /// `/expiring?within=N`: reports whose expiry falls within N days (default `retention.warn_days`).
    func expiringPage(_ request: Request) throws -> Response {
        let within = try count(request.query("within"), "within")
        let rows = try archive.expiring(asOf: today, within: within)
        let t = PageRenderer.language(of: request)
        return retentionPage(request, rows, heading: t["expiring"], action: "\(root)/expiring",
                             fields: [("within", t["within"], within)])
    }

    /// `/stale?older_than=N&unseen_for=M`: old, superseded or unseen reports.
    func stalePage(_ request: Request) throws -> Response {
        let older = try count(request.query("older_than"), "older_than")
        let unseen = try count(request.query("unseen_for"), "unseen_for")
        let rows = try archive.stale(asOf: today, olderThan: older, unseenFor: unseen)
        let t = PageRenderer.language(of: request)
        return retentionPage(request, rows, heading: t["stale"], action: "\(root)/stale",
                             fields: [("older_than", t["olderThan"], older), ("unseen_for", t["unseenFor"], unseen)])
    }

    private func retentionPage(_ request: Request, _ rows: [RetentionReportRow], heading: String, action: String,
                               fields: [(String, String, Int?)]) -> Response {
        if request.wantsJSON { return Reply.jsonText(TabularReport(retentionRows: rows).rendered(as: .json)) }
        let context: [String: Any] = [
            "heading": heading, "action": action,
            "fields": fields.map { ["name": $0.0, "label": $0.1, "value": $0.2.map(String.init) ?? ""] },
            "rows": rows.map { row -> [String: Any] in
                ["id": row.id.description, "href": reportHref(row.id.description), "title": row.title,
                 "language": row.language.rawValue, "published": row.published.iso, "expires": row.expires.iso,
                 "daysLeft": row.daysLeft, "held": row.held ? "✓" : "", "reasons": row.reasons.map(\.rawValue).joined(separator: ", "),
                 "supersededBy": row.supersededBy.map(\.description).joined(separator: ", ")]
            },
        ]
        return renderer.page("retention", title: heading, context: context, request: request)
    }

    /// `/changes?since=…&until=…`: revisions recorded in the period (default the last 30 days).
    func changesPage(_ request: Request) throws -> Response {
        let until = try day(request.query("until"), "until") ?? today
        let since = try day(request.query("since"), "since") ?? until.adding(days: -30)
        let changes = try archive.changes(since: since, until: until)
        if request.wantsJSON { return Reply.jsonText(TabularReport(changes: changes).rendered(as: .json)) }
        let t = PageRenderer.language(of: request)
        let context: [String: Any] = [
            "since": since.iso, "until": until.iso,
            "rows": changes.reversed().map { change -> [String: Any] in
                let recorded = change.recorded
                var row: [String: Any] = [
                    "id": recorded.id, "reportHref": reportHref(recorded.id), "revision": recorded.revision,
                    "href": revisionHref(recorded.id, recorded.revision), "firstSeen": recorded.firstSeen,
                    "title": recorded.title, "change": change.diff == nil ? t["newDocument"] : t["newRevision"],
                ]
                if let diff = change.diff {
                    row["summary"] = diff.summaryText
                    row["diffHref"] = diffHref(recorded.id, from: diff.from.revision, to: diff.to.revision)
                }
                return row
            },
        ]
        return renderer.page("changes", title: t["changes"], context: context, request: request)
    }

    /// `/audit?since=…`: the audit trail, newest first.
    func auditPage(_ request: Request) throws -> Response {
        let since = try day(request.query("since"), "since")
        let entries = try archive.audit(since: since)
        if request.wantsJSON { return Reply.jsonText(TabularReport(audit: entries).rendered(as: .json)) }
        let t = PageRenderer.language(of: request)
        let context: [String: Any] = [
            "since": since?.iso ?? "",
            "rows": entries.reversed().map { entry -> [String: Any] in
                var row: [String: Any] = ["at": entry.at, "event": entry.event, "detail": entry.detail]
                if let id = entry.id { row["id"] = id; row["href"] = reportHref(id) }
                return row
            },
        ]
        return renderer.page("audit", title: t["audit"], context: context, request: request)
    }
}

extension SearchPart {
    /// The interface word of a part that has no section number.
    var webKey: String {
        switch self {
        case .title: "title"
        case .section: "section"
        case .closing: "closing"
        case .notes: "notes"
        case .references: "references"
        case .additionalSources: "additionalSources"
        }
    }
}

/// A search snippet as HTML: the text escaped, FTS5's `[`…`]` markers as `<mark>`.
enum Snippet {
    static func html(_ snippet: String) -> String {
        var out = "", open = false
        for scalar in snippet.unicodeScalars {
            switch scalar {
            case "[" where !open: out += "<mark>"; open = true
            case "]" where open: out += "</mark>"; open = false
            default: HTMLEscaping.append(scalar, to: &out)
            }
        }
        return open ? out + "</mark>" : out
    }
}
