import HTTPTypes
import Hummingbird
import RIRArchive
import RIRModel
import RIRStore

/// Memento (RFC 7089): the report page `/reports/ID` is the original resource (URI-R), each
/// revision page a memento (URI-M), `/timegate/ID-or-URL` the TimeGate and
/// `/timemap/link/ID-or-URL` the TimeMap in link format.
enum Memento {
    static func original(_ site: WebSite, _ id: String) -> String { site.absolute(site.reportHref(id)) }
    static func timeGate(_ site: WebSite, _ id: String) -> String { site.settings.baseURL + "/timegate/" + id }
    static func timeMap(_ site: WebSite, _ id: String) -> String { site.settings.baseURL + "/timemap/link/" + id }

    /// The `Link` of the original resource: its TimeGate and TimeMap.
    static func originalLinks(_ site: WebSite, id: String) -> String {
        "<\(timeGate(site, id))>; rel=\"timegate\", <\(timeMap(site, id))>; rel=\"timemap\"; type=\"application/link-format\""
    }

    /// `Memento-Datetime` and `Link` (original, timegate, timemap) of a revision page.
    static func mementoHeaders(_ site: WebSite, id: String, firstSeen: String) -> HTTPFields {
        var fields: HTTPFields = [
            .link: "<\(original(site, id))>; rel=\"original\", " + originalLinks(site, id: id),
        ]
        if let date = HTTPDate.format(firstSeen) { fields[.mementoDatetime] = date }
        return fields
    }
}

extension WebSite {
    /// `/timegate/ID-or-URL`: 302 to the memento in force at `Accept-Datetime` (the latest when
    /// absent; the first when the datetime precedes every capture), `Vary: accept-datetime`.
    func timeGate(_ request: Request, original: String) throws -> Response {
        let id = try archive.reportID(original: original)
        let history = try archive.history(of: id)
        guard let first = history.min(by: { $0.firstSeen < $1.firstSeen }),
              let latest = history.max(by: { $0.lastSeen < $1.lastSeen }) else {
            throw PageError.notFound("\(id) has no revision")
        }
        let target: Int
        if let header = request.headers[.acceptDatetime] {
            guard let moment = HTTPDate.parse(header) else {
                throw PageError.badRequest("Accept-Datetime \(header) is not an HTTP date such as Tue, 01 Dec 2026 10:00:00 GMT")
            }
            target = moment < first.firstSeen ? first.revision : try archive.revision(id, at: moment).inForce.revision
        } else {
            target = latest.revision
        }
        return Reply.redirect(to: absolute(revisionHref(id, target)), headers: [
            .vary: "accept-datetime",
            .link: "<\(Memento.original(self, id))>; rel=\"original\", <\(Memento.timeMap(self, id))>; rel=\"timemap\"; type=\"application/link-format\"",
        ])
    }

    /// `/timemap/link/ID-or-URL`: every revision with its datetime (its first capture), oldest
    /// first, the first and last marked.
    func timeMap(_ request: Request, original: String) throws -> Response {
        let id = try archive.reportID(original: original)
        let revisions = try archive.history(of: id).sorted { $0.firstSeen < $1.firstSeen }
        guard let first = revisions.first, let last = revisions.last else { throw PageError.notFound("\(id) has no revision") }
        var lines = [
            "<\(Memento.original(self, id))>; rel=\"original\"",
            "<\(Memento.timeGate(self, id))>; rel=\"timegate\"",
            "<\(Memento.timeMap(self, id))>; rel=\"self\"; type=\"application/link-format\"; from=\"\(HTTPDate.format(first.firstSeen) ?? "")\"; until=\"\(HTTPDate.format(last.firstSeen) ?? "")\"",
        ]
        for (index, revision) in revisions.enumerated() {
            let rel = revisions.count == 1 ? "first last memento"
                : index == 0 ? "first memento" : index == revisions.count - 1 ? "last memento" : "memento"
            lines.append("<\(absolute(revisionHref(id, revision.revision)))>; rel=\"\(rel)\"; datetime=\"\(HTTPDate.format(revision.firstSeen) ?? "")\"")
        }
        return Reply.bytes(Array((lines.joined(separator: ",\n") + "\n").utf8), type: "application/link-format")
    }
}
