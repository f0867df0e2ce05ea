import Hummingbird
import RIRArchive
import RIRModel
import RIRPresentation
import RIRRetention
import RIRStore

extension WebSite {
    /// `/`: the reports, filtered by status, country and language, sorted, 100 to a page.
    func reportList(_ request: Request) throws -> Response {
        let status = request.query("status"), country = request.query("country")?.uppercased()
        let language = request.query("language").flatMap(Language.init(rawValue:))
        let sort = request.query("sort") ?? "id"
        let page = try count(request.query("page"), "page") ?? 1
        var reports = try archive.list(asOf: today).filter { report in
            (status == nil || report.status == status) && (country == nil || report.id.country == country)
                && (language == nil || report.id.language == language)
        }
        switch sort {
        case "newest": reports.sort { ($0.published, $0.id) > ($1.published, $1.id) }
        case "oldest": reports.sort { ($0.published, $0.id) < ($1.published, $1.id) }
        default: reports.sort { $0.id < $1.id }
        }
        if request.wantsJSON { return Reply.jsonText(TabularReport(listing: reports).rendered(as: .json)) }
        let size = 100, first = max(page - 1, 0) * size
        let shown = reports.dropFirst(first).prefix(size)
        let t = PageRenderer.language(of: request)
        func options(_ values: [(String, String)], _ chosen: String?) -> [[String: Any]] {
            values.map { ["value": $0.0, "label": $0.1, "selected": $0.0 == (chosen ?? "")] }
        }
        func pageLink(_ n: Int) -> String {
            var pairs = (request.uri.query ?? "").split(separator: "&").filter { !$0.hasPrefix("page=") }.map(String.init)
            pairs.append("page=\(n)")
            return "\(root)/?" + pairs.joined(separator: "&")
        }
        let context: [String: Any] = [
            "statuses": options([("", t["all"]), ("active", "active"), ("expiring", "expiring"), ("expired", "expired"),
                                 ("held", "held")], status),
            "languages": options([("", t["all"]), ("en", "English"), ("fr", "Français")], language?.rawValue),
            "sorts": options([("id", t["byID"]), ("newest", t["newest"]), ("oldest", t["oldest"])], sort),
            "country": country ?? "", "count": "\(reports.count) · \(t["page"]) \(max(page, 1))",
            "reports": shown.map { report -> [String: Any] in
                ["id": report.id.description, "href": reportHref(report.id.description), "title": report.title,
                 "language": report.id.language.rawValue, "published": report.published.iso,
                 "revisions": report.revisions, "lastSeen": report.lastSeen, "status": report.status]
            },
            "previous": page > 1 ? pageLink(page - 1) : nil as String?,
            "next": first + size < reports.count ? pageLink(max(page, 1) + 1) : nil as String?,
        ].compactMapValues { $0 }
        return renderer.page("list", title: t["reports"], context: context, request: request)
    }

    /// `/reports/ID`: metadata, retention and holds, the timeline, the reports around it. It is
    /// the Memento original resource (URI-R): its `Link` names its TimeGate and TimeMap.
    func reportPage(_ request: Request, id text: String) throws -> Response {
        let id = try reportID(text)
        let overview = try archive.overview(of: id, asOf: today)
        let headers: HTTPFields = [.link: Memento.originalLinks(self, id: id)]
        let standing: RetentionStanding?, holds: [Hold]
        switch overview.retention {
        case .archived(let found, let list): (standing, holds) = (found, list)
        case .awaited(let list): (standing, holds) = (nil, list)
        }
        if request.wantsJSON {
            return Reply.json(.object([
                JSONMember("id", .string(id)),
                JSONMember("history", .array(overview.history.map(\.jsonValue))),
                JSONMember("retention", standing?.jsonValue ?? .null),
                JSONMember("replaces", .strings(overview.latest.replaces)),
                JSONMember("replaced_by", .strings(overview.replacedBy)),
                JSONMember("other_language", .optional(overview.otherLanguage)),
            ]), headers: headers)
        }
        let t = PageRenderer.language(of: request)
        let report = overview.latest
        let timeline = overview.history.reversed().map { revision -> [String: Any] in
            var entry: [String: Any] = [
                "revision": revision.revision, "href": revisionHref(id, revision.revision),
                "firstSeen": revision.firstSeen, "lastSeen": revision.lastSeen, "contentHash": revision.contentHash,
                "captures": revision.captures.map { capture -> [String: Any] in
                    ["capturedAt": capture.capturedAt, "format": capture.format, "encoding": capture.encoding,
                     "source": capture.source, "href": captureHref(id, capture.sha256)]
                },
            ]
            if let index = overview.history.firstIndex(where: { $0.revision == revision.revision }), index > 0 {
                entry["diff"] = diffHref(id, from: overview.history[index - 1].revision, to: revision.revision)
            }
            return entry
        }
        let replaces = report.replaces.map { base -> [String: Any] in
            let target = ReportID(base) != nil ? base : "\(base).\(report.id.suffix.rawValue)"
            return ["id": base, "href": reportHref(target)]
        }
        let context: [String: Any] = [
            "id": id, "title": report.title, "language": report.id.language.rawValue, "published": report.published.iso,
            "author": report.author, "latestRevision": overview.latestRevision,
            "latestHref": revisionHref(id, overview.latestRevision),
            "replaces": replaces, "has_replaces": !replaces.isEmpty,
            "replacedBy": overview.replacedBy.map { ["id": $0, "href": reportHref($0), "diff": "\(root)/diff/\(id)/\($0)"] },
            "has_replacedBy": !overview.replacedBy.isEmpty,
            "otherLanguage": overview.otherLanguage.map {
                ["id": $0, "href": reportHref($0), "language": ReportID($0)?.language.rawValue ?? ""]
            } as Any,
            "crossReferences": report.crossReferences, "has_crossReferences": !report.crossReferences.isEmpty,
            "standing": standing.map {
                ["status": $0.status.rawValue, "expires": $0.expires.iso, "daysLeft": $0.daysLeft] as [String: Any]
            } as Any,
            "holds": holds.map { hold -> [String: Any] in
                ["id": hold.id, "placed": hold.placedAt, "reason": hold.reason,
                 "state": hold.releasedAt.map { "\(t["released"]) \($0)" } ?? t["active"]]
            },
            "has_holds": !holds.isEmpty,
            "timeline": timeline, "atAction": "\(root)/reports/\(id)/at", "feed": "\(root)/reports/\(id)/feed.atom",
        ]
        return renderer.page("report", title: "\(id) · \(report.title)", context: context, request: request,
                             headers: headers, reportFeed: "\(root)/reports/\(id)/feed.atom")
    }

    /// `/reports/ID/at?date=…` (the form) and `/reports/ID/at/DATE`: 302 to the revision in force.
    func atDate(_ request: Request, id text: String, date: String) throws -> Response {
        let id = try reportID(text)
        guard let moment = Timestamp.moment(date) else {
            throw PageError.badRequest("\(date) is not a date (YYYY-MM-DD) or a UTC timestamp (YYYY-MM-DDTHH:MM:SSZ)")
        }
        let found = try archive.revision(id, at: moment)
        return Reply.redirect(to: revisionHref(id, found.inForce.revision))
    }

    /// `/reports/ID/captures/SHA256`: the exact bytes of one of the report's captures, with the
    /// media type of its format. Captured HTML runs nothing here: its CSP is `sandbox` with no source.
    func captureBytes(_ request: Request, id text: String, sha: String) throws -> Response {
        let id = try reportID(text)
        guard sha.utf8.count == 64, sha.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else {
            throw PageError.notFound("\(sha) is not the SHA-256 of a capture (64 lower-case hex digits)")
        }
        let (capture, bytes) = try archive.capture(of: id, sha256: sha)
        let charset = capture.encoding.isEmpty ? "" : "; charset=\(capture.encoding)"
        let type = switch capture.format {
        case "html": "text/html" + charset
        case "text": "text/plain" + charset
        default: "application/octet-stream"
        }
        return Reply.bytes(bytes, type: type, headers: [
            .contentSecurityPolicy: "default-src 'none'; sandbox",
            .contentDisposition: "inline; filename=\"\(id)-\(sha.prefix(12)).\(capture.format)\"",
            .cacheControl: "public, max-age=31536000, immutable",
        ])
    }
}
