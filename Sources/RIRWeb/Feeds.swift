import Hummingbird
import RIRArchive
import RIRModel

/// Atom feeds (RFC 4287): `/feed.atom` (the newest revisions of every report) and
/// `/reports/ID/feed.atom` (every revision of one report), newest first. An entry's id is a
/// UUID derived from the report ID and revision number, so it never changes; `updated` is the
/// revision's first capture time; its link goes to the diff page (the revision page for a
/// report's first revision) and its summary is the diff's summary line.
extension WebSite {
    static let feedSize = 50

    func archiveFeed(_ request: Request) throws -> Response {
        let changes = try archive.recentChanges(limit: Self.feedSize)
        let entries = changes.map { change in
            entry(id: change.recorded.id, revision: change.recorded.revision, title: change.recorded.title,
                  firstSeen: change.recorded.firstSeen,
                  summary: change.diff?.summaryText, from: change.diff?.from.revision)
        }
        return feed(title: "RIR archive", selfHref: "\(root)/feed.atom", alternate: "\(root)/", feedID: "all",
                    entries: entries)
    }

    func reportFeed(_ request: Request, id text: String) throws -> Response {
        let id = try reportID(text)
        let history = try archive.history(of: id)
        var entries: [[String: Any]] = []
        for (index, revision) in history.enumerated() {
            let previous = index > 0 ? history[index - 1].revision : nil
            let summary = try previous.map { try archive.diff(revisionsOf: id, from: $0, to: revision.revision).summaryText }
            entries.append(entry(id: id, revision: revision.revision, title: revision.title, firstSeen: revision.firstSeen,
                                 summary: summary, from: previous))
        }
        entries.reverse()
        return feed(title: "\(id) · \(history.last?.title ?? id)", selfHref: "\(root)/reports/\(id)/feed.atom",
                    alternate: reportHref(id), feedID: id, entries: entries)
    }

    private func entry(id: String, revision: Int, title: String, firstSeen: String, summary: String?,
                       from: Int?) -> [String: Any] {
        let link = from.map { absolute(diffHref(id, from: $0, to: revision)) } ?? absolute(revisionHref(id, revision))
        let kind = from == nil ? "new report" : "revision \(revision)"
        return [
            "id": Self.stableID("\(id)/\(revision)"), "title": "\(id) \(kind): \(title)", "updated": firstSeen,
            "link": link, "summary": summary.map { "Changes from revision \(from ?? 0): \($0)" } ?? "New report: \(title)",
        ]
    }

    private func feed(title: String, selfHref: String, alternate: String, feedID: String,
                      entries: [[String: Any]]) -> Response {
        let updated = entries.compactMap { $0["updated"] as? String }.max() ?? "1970-01-01T00:00:00Z"
        let context: [String: Any] = [
            "title": title, "self": absolute(selfHref), "alternate": absolute(alternate),
            "id": Self.stableID("feed/\(feedID)"), "updated": updated, "entries": entries,
        ]
        let xml = renderer.library.render(context, withTemplate: "atom") ?? ""
        return Reply.bytes(Array(xml.utf8), type: "application/atom+xml; charset=utf-8")
    }

    /// `urn:uuid:` of the SHA-256 of `name` (the layout of a version-8 UUID): stable, unique, opaque.
    static func stableID(_ name: String) -> String {
        let hex = Array(SHA256Hex.digest(of: Array("rir-archive:\(name)".utf8)).prefix(32))
        var chars = hex
        chars[12] = "8"
        chars[16] = ["8", "9", "a", "b"][Int(String(chars[16]), radix: 16).map { $0 & 3 } ?? 0]
        let s = String(chars)
        func part(_ a: Int, _ b: Int) -> Substring { s.dropFirst(a).prefix(b - a) }
        return "urn:uuid:\(part(0, 8))-\(part(8, 12))-\(part(12, 16))-\(part(16, 20))-\(part(20, 32))"
    }
}
