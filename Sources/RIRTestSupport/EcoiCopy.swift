/// A report as ecoi.net republishes it (ecoi.net keeps RIRs after the IRB's seven-year
/// window): ecoi.net's navigation, the title with the identifier as a `[ID]` suffix, its
/// own fields instead of the IRB date line, the report from the author line on, and
/// ecoi.net's document details after it.
public enum EcoiCopy {
    /// ecoi.net's document number for the copy.
    public static let documentNumber = "2097873"

    /// The copy's paragraphs: chrome, title line, fields, then the report from its author line.
    static func paragraphs(_ text: String, availableSince: String) -> (head: [String], report: [String], tail: [String]) {
        let all = Variants.lines(text).map { String($0.trimmingSpaces) }
        let header = Variants.headerLines(all)
        let rest = all[(max(header.date, header.id) + 1)...].filter { !$0.isEmpty }
        let title = rest[rest.startIndex]
        let head = [
            "ecoi.net", "Home", "Countries", "Mexico", "Document",
            "\(title) [\(all[header.id])]",
            "Document #\(documentNumber)",
            "IRB \u{2013} Immigration and Refugee Board of Canada (Author)",
            "Published: \(all[header.date])",
            "Available on ecoi.net since: \(availableSince)",
        ]
        let tail = [
            "Original link: https://irb.gc.ca/en/country-information/rir/Pages/index.aspx?doc=458870&pls=1",
            "Document type: Response", "Language: English",
            "Available on ecoi.net since: \(availableSince)", "Document ID: \(documentNumber)",
            "Austrian Red Cross, Austrian Centre for Country of Origin and Asylum Research and Documentation",
            "Imprint & Disclaimer", "Data Protection Notice",
        ]
        return (head, Array(rest.dropFirst()), tail)
    }

    /// The copy as the text of ecoi.net's page, one paragraph per line with blank lines between.
    public static func text(_ text: String, availableSince: String = "26 September 2023") -> String {
        let (head, report, tail) = paragraphs(text, availableSince: availableSince)
        return (head + report + tail).joined(separator: "\n\n") + "\n"
    }

    /// The copy as ecoi.net's HTML page.
    public static func html(_ text: String, availableSince: String = "26 September 2023") -> String {
        let (head, report, tail) = paragraphs(text, availableSince: availableSince)
        var page = HTMLPage()
        page.raw("""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>\(Variants.escape(head[5])) | ecoi.net</title>
            <link rel="stylesheet" href="/static/css/main.css"><script src="/static/js/main.js"></script></head>
            <body><header class="site-header"><a class="logo" href="/en/">ecoi.net</a>
            <nav class="breadcrumb"><ol><li><a href="/en/">\(head[1])</a></li><li><a href="/en/countries/">\(head[2])</a></li>
            <li><a href="/en/countries/mexico/">\(head[3])</a></li><li>\(head[4])</li></ol></nav></header>
            <main id="content"><article class="document">
            """)
        page.element("h1 class=\"document-title\"", head[5])
        page.raw("<ul class=\"document-meta\">")
        for field in head[6...] { page.element("li", field) }
        page.raw("</ul>\n<div class=\"document-content\">")
        for line in report {
            if Variants.isNumberedHeading(line) || ["Note", "Notes", "References", "Additional Sources Consulted"].contains(line) {
                page.element("h2", line)
            } else {
                page.element("p", line)
            }
        }
        page.raw("</div>\n<aside class=\"document-details\"><dl>")
        for field in tail[..<5] { page.element("dd", field) }
        page.raw("</dl></aside></article></main>\n<footer class=\"site-footer\">")
        for line in tail[5...] { page.element("p", line) }
        page.raw("</footer>\n</body>\n</html>")
        return page.source
    }
}
