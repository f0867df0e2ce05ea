import Hummingbird
import RIRArchive
import RIRModel
import RIRPresentation
import RIRStore

extension WebSite {
    /// `/reports/ID/revisions/N`: the text with one anchor per section, the citation block and
    /// (in the stylesheet) the print layout of an evidence copy. A Memento: `Memento-Datetime` is
    /// the revision's first capture time.
    func revisionPage(_ request: Request, id text: String, number text2: String) throws -> Response {
        let id = try reportID(text)
        let n = try number(text2, "the revision")
        let history = try archive.history(of: id)
        let (found, report) = try archive.revision(id, number: n)
        guard let summary = history.first(where: { $0.revision == found }) else {
            throw PageError.notFound("\(id) has no revision \(n)")
        }
        let headers = Memento.mementoHeaders(self, id: id, firstSeen: summary.firstSeen)
        if request.wantsJSON { return Reply.json(try archive.revisionJSON(id, number: found), headers: headers) }
        let latest = history.map(\.revision).max() ?? found
        let position = history.firstIndex { $0.revision == found } ?? 0
        let t = PageRenderer.language(of: request)
        let sections = report.sections.enumerated().map { index, section -> [String: Any] in
            let anchor = section.number.map { "s\($0)" } ?? "p\(index)"
            let paragraphs = section.text.components(separatedBy: "\n\n").filter { !$0.isEmpty }
            let label = [section.number, section.heading].compactMap { $0 }.joined(separator: " ")
            return ["anchor": anchor, "number": section.number ?? "", "heading": section.heading ?? "",
                    "label": label.isEmpty ? t["opening"] : label, "hasHeading": !label.isEmpty, "level": section.level, "paragraphs": paragraphs]
        }
        let lists = [(t["notes"], report.notes, "notes"), (t["references"], report.references, "references"),
                     (t["additionalSources"], report.additionalSources, "additional-sources")]
            .filter { !$0.1.isEmpty }
            .map { ["title": $0.0, "items": $0.1, "anchor": $0.2] as [String: Any] }
        var context: [String: Any] = [
            "id": id, "revision": found, "latestRevision": latest, "title": report.title,
            "language": report.id.language.rawValue, "published": report.published.iso,
            "contentHash": report.contentHash, "firstSeen": summary.firstSeen, "lastSeen": summary.lastSeen,
            "captures": summary.captures.map { capture -> [String: Any] in
                ["capturedAt": capture.capturedAt, "source": capture.source, "sha256": capture.sha256,
                 "href": captureHref(id, capture.sha256)]
            },
            "sections": sections, "lists": lists, "reportHref": reportHref(id),
            "blameHref": revisionHref(id, found) + "/blame",
            "pageURL": absolute(revisionHref(id, found)),
        ]
        if let closing = report.closing { context["closing"] = closing }
        if position > 0 {
            let previous = history[position - 1].revision
            context["previousHref"] = revisionHref(id, previous)
            context["diffHref"] = diffHref(id, from: previous, to: found)
        }
        if position + 1 < history.count { context["nextHref"] = revisionHref(id, history[position + 1].revision) }
        return renderer.page("revision", title: "\(id) · \(t["revision"]) \(found)", context: context,
                             request: request, headers: headers)
    }

    /// `/reports/ID/revisions/N/blame`: since when each paragraph has stood (`?section=` for one).
    func blamePage(_ request: Request, id text: String, number text2: String) throws -> Response {
        let id = try reportID(text)
        let n = try number(text2, "the revision")
        let paragraphs = try archive.blame(id, revision: n, section: request.query("section"))
        if request.wantsJSON { return Reply.json(.array(paragraphs.map(\.jsonValue))) }
        let t = PageRenderer.language(of: request)
        let language = ReportID(id)?.language.rawValue ?? ""
        let context: [String: Any] = [
            "id": id, "revision": n, "reportHref": reportHref(id), "revisionHref": revisionHref(id, n),
            "paragraphs": paragraphs.map { paragraph -> [String: Any] in
                ["section": paragraph.sectionNumber ?? "–", "paragraph": paragraph.paragraph, "since": paragraph.since,
                 "sinceRevision": paragraph.sinceRevision, "href": revisionHref(id, paragraph.sinceRevision),
                 "text": paragraph.text, "language": language]
            },
        ]
        return renderer.page("blame", title: "\(id) · \(t["blame"])", context: context, request: request)
    }
}
