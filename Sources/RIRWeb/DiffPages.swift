import Hummingbird
import RIRArchive
import RIRDiff
import RIRModel
import RIRStore

extension WebSite {
    /// `/reports/ID/diff?from=N&to=M` (defaults as the CLI's: the latest against the one before).
    func revisionDiffPage(_ request: Request, id text: String) throws -> Response {
        let id = try reportID(text)
        let from = try request.query("from").map { try number($0, "from") }
        let to = try request.query("to").map { try number($0, "to") }
        let diff = try archive.diff(revisionsOf: id, from: from, to: to)
        let history = try archive.history(of: id)
        return try diffPage(request, diff, histories: [id: history], choices: history.map(\.revision).sorted(),
                            action: "\(root)/reports/\(id)/diff")
    }

    /// `/diff/A/B`: the latest revisions of two reports (a report and the one that replaces it).
    func reportDiffPage(_ request: Request, from a: String, to b: String) throws -> Response {
        let old = try reportID(a), new = try reportID(b)
        let diff = try archive.diff(report: old, against: new)
        return try diffPage(request, diff, histories: [old: try archive.history(of: old), new: try archive.history(of: new)],
                            choices: [], action: "")
    }

    /// The diff through RIRDiff's HTML renderer (its fragments, under this site's stylesheet), with
    /// the title, each side's revision dates and sources in the header.
    private func diffPage(_ request: Request, _ diff: RevisionDiff, histories: [String: [RevisionSummary]],
                          choices: [Int], action: String) throws -> Response {
        if request.wantsJSON { return Reply.jsonText(diff.json()) }
        let t = PageRenderer.language(of: request)
        let section = request.query("section")
        if let section, !diff.hasSection(numbered: section) {
            throw PageError.notFound("neither side of the diff has a section \(section)")
        }
        let context = try count(request.query("context"), "context") ?? 1
        let parts = diff.htmlParts(DiffRenderOptions(context: context, section: section), backMatterLinks: true)
        let sides = [(t["from"], diff.from), (t["to"], diff.to)].map { label, side -> [String: Any] in
            let summary = histories[side.id]?.first { $0.revision == side.revision }
            var seen = Set<String>()
            let sources = (summary?.captures ?? []).map(\.source).filter { seen.insert($0).inserted }
            return ["label": label, "id": side.id, "reportHref": reportHref(side.id), "revision": side.revision,
                    "href": revisionHref(side.id, side.revision), "firstSeen": summary?.firstSeen ?? "",
                    "sources": sources]
        }
        let values: [String: Any] = [
            "title": diff.titleText, "summary": diff.summaryText, "sides": sides,
            "navigation": parts.navigation, "content": parts.content, "action": action,
            "choices": choices.map { ["n": $0, "isFrom": $0 == diff.from.revision, "isTo": $0 == diff.to.revision] },
            "has_choices": !choices.isEmpty,
        ]
        return renderer.page("diff", title: diff.titleText, context: values, request: request)
    }
}
