import RIRModel

extension RevisionDiff {
    /// One self-contained HTML page: inline CSS, no script, no link to anything
    /// outside the page. A table of contents of the changed sections, metadata
    /// changes, each changed section (changed paragraphs with `o.context`
    /// unchanged ones around them, `<ins>`/`<del>` inline), then notes,
    /// references and additional sources added and removed. Readable on a phone.
    public func html(_ o: DiffRenderOptions) -> String {
        let language = ReportID(to.id)?.language.rawValue ?? "en"
        let parts = htmlParts(o)
        var page = HTMLPage()
        page.raw("<!DOCTYPE html>\n<html lang=\"\(language)\">\n<head>\n<meta charset=\"utf-8\">\n")
        page.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        page.raw("<title>"); page.text(title); page.raw("</title>\n")
        page.raw("<style>\n\(HTMLPage.style)</style>\n</head>\n<body>\n<header>\n<h1>")
        page.text(title)
        page.raw("</h1>\n<p class=\"summary\">"); page.text(summaryLine); page.raw("</p>\n</header>\n")
        page.raw(parts.navigation)
        page.raw("<main>\n\(parts.content)</main>\n</body>\n</html>\n")
        return page.out
    }

    /// The diff as two fragments for a page that has its own head, header and stylesheet
    /// (the web interface): the navigation (changed sections; with `backMatterLinks`, also the
    /// notes, references and additional sources that changed) and the content (metadata, the
    /// changed sections, the back matter), with the same markup and classes as ``html(_:)``.
    public func htmlParts(_ o: DiffRenderOptions, backMatterLinks: Bool = false) -> DiffHTMLParts {
        let shown = sections(for: o).filter { $0.status != .unchanged || o.section != nil }
        let backMatter = o.section == nil
            ? [("Notes", notes, "notes"), ("References", references, "references"),
               ("Additional sources consulted", additionalSources, "additional-sources")].filter { !$0.1.isEmpty }
            : []
        var nav = HTMLPage()
        nav.raw("<nav aria-label=\"Changed sections\">\n<h2>Changed sections</h2>\n")
        if shown.isEmpty {
            nav.raw("<p>No section changed.</p>\n")
        } else {
            nav.raw("<ol>\n")
            for (index, section) in shown.enumerated() {
                nav.raw("<li><a href=\"#s\(index)\">")
                nav.text(section.displayTitle)
                nav.raw("</a> <span class=\"status \(section.status.rawValue)\">\(section.status.rawValue)</span></li>\n")
            }
            nav.raw("</ol>\n")
        }
        if backMatterLinks, !backMatter.isEmpty {
            nav.raw("<ul class=\"back-matter\">\n")
            for (title, _, anchor) in backMatter { nav.raw("<li><a href=\"#\(anchor)\">\(title)</a></li>\n") }
            nav.raw("</ul>\n")
        }
        nav.raw("</nav>\n")
        var content = HTMLPage()
        if o.section == nil, !metadata.isEmpty { content.metadata(metadata) }
        for (index, section) in shown.enumerated() { content.section(section, anchor: "s\(index)", context: o.context) }
        for (title, changes, anchor) in backMatter {
            content.entries(title, changes, anchor: backMatterLinks ? anchor : nil)
        }
        return DiffHTMLParts(navigation: nav.out, content: content.out)
    }

    /// The rules the diff markup needs (`ins`, `del`, the status badges), for a page's own stylesheet.
    public static var htmlStyle: String { HTMLPage.style }

    /// The one-line summary of the diff (`12 unchanged, 2 modified; 3 references added`).
    public var summaryText: String { summaryLine }

    /// `MEX201601.E: revision 1 → revision 2`, or both IDs when the reports differ.
    public var titleText: String { title }
}

/// The two fragments of ``RevisionDiff/htmlParts(_:backMatterLinks:)``: escaped, ready to embed.
public struct DiffHTMLParts: Sendable, Hashable {
    /// `<nav>…</nav>`: the changed sections (and back matter) linked to their anchors.
    public var navigation: String
    /// The metadata table, each changed section and the back matter.
    public var content: String
}

/// Builds the HTML page; every piece of report text goes through ``text(_:)``.
struct HTMLPage {
    var out = ""

    static let style = """
        :root { color-scheme: light dark; }
        body { font: 1rem/1.5 system-ui, sans-serif; max-width: 50rem; margin: 0 auto; padding: 1rem;
               overflow-wrap: break-word; }
        h1 { font-size: 1.3rem; } h2 { font-size: 1.1rem; margin-top: 2rem; }
        nav ol { padding-left: 1.2rem; }
        ins { background: #d4f8d4; color: #063; text-decoration: none; }
        del { background: #fbd5d5; color: #800; }
        .status { font-size: .8rem; padding: 0 .4rem; border-radius: .3rem; background: #eee; color: #333; }
        .modified { background: #fff1c2; } .added { background: #d4f8d4; } .removed { background: #fbd5d5; }
        .moved, .renumbered { background: #dde8ff; }
        .gap { color: #888; text-align: center; }
        .note { color: #666; font-style: italic; }
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; vertical-align: top; padding: .3rem; border-bottom: 1px solid #ccc; }
        @media (prefers-color-scheme: dark) {
          ins { background: #0b3d1a; color: #b6f0c2; } del { background: #4a1414; color: #f6c1c1; }
          .status { background: #333; color: #eee; }
        }

        """

    mutating func raw(_ html: String) { out += html }

    /// Appends `text` with `&`, `<`, `>`, `"` and `'` escaped.
    mutating func text(_ text: String) {
        for scalar in text.unicodeScalars { HTMLEscaping.append(scalar, to: &out) }
    }

    mutating func runs(_ changes: [TextChange]) {
        for change in changes {
            switch change.op {
            case .equal: text(change.text)
            case .insert: raw("<ins>"); text(change.text); raw("</ins>")
            case .delete: raw("<del>"); text(change.text); raw("</del>")
            }
        }
    }

    mutating func metadata(_ changes: [MetadataChange]) {
        raw("<section id=\"metadata\">\n<h2>Metadata</h2>\n<table>\n<tr><th>Field</th><th>Before</th><th>After</th></tr>\n")
        for change in changes {
            raw("<tr><td>"); text(change.field); raw("</td><td>")
            if let from = change.from { raw("<del>"); text(from); raw("</del>") } else { raw("—") }
            raw("</td><td>")
            if let to = change.to { raw("<ins>"); text(to); raw("</ins>") } else { raw("—") }
            raw("</td></tr>\n")
        }
        raw("</table>\n</section>\n")
    }

    mutating func section(_ section: SectionDiff, anchor: String, context: Int) {
        raw("<section id=\"\(anchor)\">\n<h2><span class=\"status \(section.status.rawValue)\">")
        raw(section.status.rawValue)
        raw("</span> ")
        text([section.numberLabel, section.heading ?? "(opening text)"].filter { !$0.isEmpty }.joined(separator: " "))
        raw("</h2>\n")
        let all = section.status == .added || section.status == .removed
        if !all, !section.hasTextChanges {
            raw("<p class=\"note\">Text unchanged.</p>\n</section>\n")
            return
        }
        let paragraphs = all ? section.bodyParagraphs.map { Optional($0) }
            : visibleParagraphs(section.bodyParagraphs, context: context)
        for paragraph in paragraphs {
            guard let paragraph else { raw("<p class=\"gap\">…</p>\n"); continue }
            raw("<p>"); runs(paragraph); raw("</p>\n")
        }
        raw("</section>\n")
    }

    mutating func entries(_ title: String, _ changes: EntryChanges, anchor: String? = nil) {
        guard !changes.isEmpty else { return }
        raw(anchor.map { "<section id=\"\($0)\">\n<h2>" } ?? "<section>\n<h2>"); text(title); raw("</h2>\n")
        for (label, entries, tag) in [("Added", changes.added, "ins"), ("Removed", changes.removed, "del")]
        where !entries.isEmpty {
            raw("<h3>\(label)</h3>\n<ul>\n")
            for entry in entries { raw("<li><\(tag)>"); text(entry); raw("</\(tag)></li>\n") }
            raw("</ul>\n")
        }
        raw("</section>\n")
    }
}
