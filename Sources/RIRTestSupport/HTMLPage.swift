extension Variants {
    /// The report as a page of the IRB site: doctype, head with `<title>`, `<style>` and
    /// `<script>`, WET header/navigation/footer chrome, SharePoint-style wrappers, entities
    /// (`&amp;`, `&nbsp;`, `&#8217;`, `&eacute;`…), one `<p>` per paragraph wrapped over
    /// several source lines, headings as `<h2>`/`<h3>`, references as `<li>`, footnote
    /// markers as links, the quotation after a line ending in ":" as a `<blockquote>`,
    /// and a "Date modified" block after the report.
    public static func html(_ text: String) -> String {
        let report = ReportMarkup(text)
        var page = HTMLPage()
        page.raw(pageTop(title: report.title))
        page.raw("<main property=\"mainContentOfPage\" class=\"container\" typeof=\"WebPageElement\">")
        page.raw("<div class=\"mwsgeneric-base-html parbase section\">")
        page.raw(report.chrome)
        page.raw("</div>\n<div class=\"ms-rtestate-field\" id=\"rir-report\">")
        page.raw(report.body)
        page.raw("</div>")
        page.raw(pageBottom)
        return page.source
    }

    static func isNumberedHeading(_ line: String) -> Bool {
        guard let number = line.split(separator: " ").first, let first = number.first, first.isNumber,
              line.count < 150, !line.hasSuffix(".") else { return false }
        return number.allSatisfy { $0.isNumber || $0 == "." }
    }

    /// `&`, `<` and `>` escaped; NBSP, some accented letters, dashes and apostrophes written as entities.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\u{00A0}": out += "&nbsp;"
            case "é": out += "&eacute;"
            case "á": out += "&aacute;"
            case "ç": out += "&ccedil;"
            case "\u{2019}": out += "&#8217;"
            case "\u{2013}": out += "&ndash;"
            case "«": out += "&laquo;"
            default: out.append(character)
            }
        }
        return out
    }

    private static func pageTop(title: String) -> String {
        """
        <!DOCTYPE html>
        <!--[if lt IE 9]><html class="no-js lt-ie9" lang="en" dir="ltr"><![endif]-->
        <html class="no-js" lang="en" dir="ltr">
        <head>
        <meta charset="utf-8">
        <title>\(escape(title)) - Immigration and Refugee Board of Canada</title>
        <meta content="width=device-width,initial-scale=1" name="viewport">
        <link href="/_layouts/15/IRB.WET4/css/theme.min.css" rel="stylesheet">
        <style type="text/css">
          .rir p { margin: 0 0 1em; } /* 1 September 2023 */
          #wb-dtmd > dt::after { content: " "; }
        </style>
        <script type="text/javascript">
          var _spPageContextInfo = { webServerRelativeUrl: "\\u002fen", pageTitle: "1 September 2023" };
          if (window.innerWidth < 768 && document.cookie.indexOf("lcid=1033") > -1) { document.write("<p>References<\\/p>"); }
        </script>
        <noscript><link rel="stylesheet" href="/_layouts/15/IRB.WET4/css/noscript.min.css"></noscript>
        </head>
        <body vocab="http://schema.org/" typeof="WebPage">
        <ul id="wb-tphp">
          <li class="wb-slc"><a class="wb-sl" href="#wb-cont">Skip to main content</a></li>
          <li class="wb-slc visible-sm visible-md visible-lg"><a class="wb-sl" href="#wb-info">Skip to &quot;About this site&quot;</a></li>
        </ul>
        <header role="banner">
          <div id="wb-bnr" class="container">
            <section id="wb-lng"><h2 class="wb-inv">Language selection</h2>
              <ul class="list-inline"><li><a lang="fr" href="/fr/renseignements-pays/rdi/Pages/index.aspx">Fran&ccedil;ais</a></li></ul>
            </section>
            <div class="brand"><a href="/en/"><img src="/_layouts/15/IRB.WET4/img/sig-blk-en.svg" alt="Immigration and Refugee Board of Canada"></a></div>
            <section id="wb-srch"><h2>Search</h2>
              <form action="/en/Pages/search.aspx" method="get"><input id="wb-srch-q" type="search" name="k">
              <button type="submit" id="wb-srch-sub">Search</button></form>
            </section>
          </div>
          <nav role="navigation" id="wb-sm"><ul class="list-inline menu">
            <li><a href="/en/country-information/">Country information</a></li>
            <li><a href="/en/news/">News &amp; publications</a></li>
          </ul></nav>
          <nav role="navigation" id="wb-bc" property="breadcrumb"><h2>You are here:</h2>
            <ol class="breadcrumb"><li><a href="/en/">Home</a></li>
            <li><a href="/en/country-information/">Country information</a></li>
            <li>Responses to Information Requests</li></ol>
          </nav>
        </header>
        <!-- Research Directorate, Immigration and Refugee Board of Canada -->
        """
    }

    private static let pageBottom = """
        <div class="pagedetails">
          <dl id="wb-dtmd"><dt>Date modified:</dt><dd><time property="dateModified">2023-09-01</time></dd></dl>
          <div class="row"><p>Report a problem or mistake on this page</p></div>
          <p><a href="#wb-tphp">Top of page</a></p>
        </div>
        </main>
        <footer role="contentinfo" id="wb-info">
          <nav role="navigation" class="container wb-navcurr"><h2 class="wb-inv">About government</h2>
            <ul class="list-unstyled colcount-sm-2"><li><a href="https://www.canada.ca/en/contact.html">Contact us</a></li>
            <li><a href="https://www.canada.ca/en/government/dept.html">Departments and agencies</a></li></ul>
          </nav>
          <p>Date modified: 2023-09-01</p>
        </footer>
        <script src="/_layouts/15/IRB.WET4/js/wet-boew.min.js"></script>
        <script>wb.init(); // <p>1. Overview<\\/p></script>
        </body>
        </html>
        """
}

/// HTML source under construction: paragraphs wrapped over several indented source lines.
struct HTMLPage {
    var source = ""

    mutating func raw(_ html: String) {
        source += html
        source += "\n"
    }

    /// `<tag …>text</tag>`, with footnote markers `[n]` as links and long text wrapped.
    mutating func element(_ openTag: String, _ text: String, link: String? = nil) {
        let tag = openTag.split(separator: " ")[0]
        var body = ""
        var column = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if !body.isEmpty {
                if column > 90 {
                    body += "\n      "
                    column = 0
                } else {
                    body += " "
                }
            }
            let escaped = Variants.escape(String(word))
            body += isFootnoteMarker(word) && !text.hasPrefix(String(word))
                ? "<sup><a class=\"fn-lnk\" href=\"#fn\(word.dropFirst().dropLast())\">\(escaped)</a></sup>"
                : escaped
            column += word.count + 1
        }
        if let link { body = link.replacing("{}", with: body) }
        source += "  <\(openTag)>\(body)</\(tag)>\n"
    }

    private func isFootnoteMarker(_ word: Substring) -> Bool {
        word.count >= 3 && word.first == "[" && word.last == "]" && word.dropFirst().dropLast().allSatisfy(\.isNumber)
    }
}
