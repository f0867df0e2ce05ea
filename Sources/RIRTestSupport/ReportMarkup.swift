/// A seed's report as the IRB site marks it up: the site chrome above the report
/// (`<h1>` then `<h2>`/`<p>`), and the report itself in a `<section class="rir">`
/// (date, identifier, title as `<h2>`, numbered headings as `<h2>`/`<h3>`, one `<p>`
/// per paragraph, references as `<li>`, the quotation after a line ending in ":" as a
/// `<blockquote>`).
struct ReportMarkup {
    /// The report's title line.
    var title: String
    /// The date line, as printed.
    var date: String
    /// The chrome above the report, as HTML.
    var chrome: String
    /// The report, as HTML.
    var body: String

    /// Marks up `text`; `referenceLink` wraps the escaped text of the reference numbered
    /// `n` (from 1) in a link (a template where `{}` stands for the text), or leaves it bare.
    init(_ text: String, referenceLink: ((Int) -> String?)? = nil) {
        let all = Variants.lines(text).map { String($0.trimmingSpaces) }
        let header = Variants.headerLines(all)
        let chromeLines = all[..<min(header.date, header.id)].filter { !$0.isEmpty }
        let headerEnd = max(header.date, header.id)
        let rest = all[(headerEnd + 1)...].filter { !$0.isEmpty }
        guard rest.count >= 2 else { fatalError("no title and author lines after the header") }
        title = rest[rest.startIndex]
        date = all[header.date]

        var chromePage = HTMLPage()
        for (index, line) in chromeLines.enumerated() {
            chromePage.element(index == 0 ? "h1 id=\"wb-cont\" property=\"name\"" : (line.count < 30 ? "h2" : "p"), line)
        }
        chrome = chromePage.source

        var page = HTMLPage()
        page.raw("<section class=\"rir\">")
        page.element("p class=\"rir-date\"", all[header.date])
        page.raw("<p class=\"rir-id\"><strong>\(Variants.escape(all[header.id]))</strong></p>")
        page.element("h2 class=\"rir-title\"", title)
        let referenceHeadings = ["References", "Références"]
        var part = ""
        var quoteNext = false
        var referenceNumber = 0
        for line in rest.dropFirst() {
            if ["Note", "Notes", "References", "Références", "Additional Sources Consulted",
                "Autres sources consultées"].contains(line) {
                if referenceHeadings.contains(part) { page.raw("</ul>") }
                part = line
                page.element("h2", line)
                if referenceHeadings.contains(part) { page.raw("<ul class=\"list-unstyled\">") }
            } else if referenceHeadings.contains(part) {
                referenceNumber += 1
                page.element("li", line, link: referenceLink?(referenceNumber))
            } else if Variants.isNumberedHeading(line) {
                let number = line.split(separator: " ")[0]
                let topLevel = number.last == "." && number.filter { $0 == "." }.count == 1
                page.element(topLevel ? "h2" : "h3", line)
            } else if quoteNext {
                page.raw("<blockquote>")
                page.element("p", line)
                page.raw("</blockquote>")
            } else {
                page.element("p", line)
            }
            quoteNext = line.hasSuffix(":") && line.count < 200 && part.isEmpty
        }
        if referenceHeadings.contains(part) { page.raw("</ul>") }
        page.raw("</section>")
        body = page.source
    }
}
