/// A report as the IRB site serves it today: a SharePoint page in the Canada.ca theme
/// (GCWeb), its whole body inside `<form id="aspnetForm">` with the hidden state inputs
/// SharePoint writes. The chrome is GCWeb's markup as its Jekyll build assembles it, with
/// the Liquid placeholders filled in; each piece names the GCWeb file it comes from
/// (github.com/wet-boew/GCWeb, `sites/…`). Everything but the report is chrome, so each
/// property changes the page and never the report.
public struct GCWebPage: Sendable {
    /// The page-details "Date modified" (`YYYY-MM-DD`).
    public var dateModified = "2023-09-05"
    /// SharePoint's `__VIEWSTATE`, different on every response.
    public var viewState = "/wEPDwUKMTM1NjU0ODk4Ng9kFgJmD2QWAgIBD2QWAgIDD2QWAmYPZBYCZg8WAh4EVGV4dAUwMSBTZXB0ZW1iZXIgMjAyM2RkGYVk"
    /// SharePoint's form digest: a hex token, a comma and a time stamp.
    public var requestDigest = "0x5D2C7E19A04B3F86C1E2D9A7B6F40318C25E9D7A1B3C4F5E6D7A8B9C0D1E2F3A4B5C6D7E8F9A0B1C2D3E4F5A6B7C8D9E0F1A2B3C4D5E6F708192A3B4,01 Dec 2026 10:00:00 -0000"
    /// SharePoint's `__EVENTVALIDATION`.
    public var eventValidation = "/wEdAAOnJ3pU8vRk0r5Qm7JhX2YcSx7q0hE9vC1lU4gq3sQ2Wd8yT6Lk"
    /// The site menu's labels; nil for GCWeb's own.
    public var menuLabels: [String]?
    /// The breadcrumb after "Canada.ca"; nil for the IRB's trail.
    public var breadcrumbLabels: [String]?
    /// Whether the share widget is rendered (by wet-boew's script) or left as its empty placeholder.
    public var shareWidgetRendered = false
    /// The page's `lang`: English or French chrome.
    public var french = false

    /// A page with the default chrome, in English or (`french`) in French.
    public init(french: Bool = false) {
        self.french = french
    }

    var strings: GCWebStrings { french ? .french : .english }

    /// The whole page for the report in the seed text `text`.
    public func source(_ text: String, referenceLink: ((Int) -> String?)? = nil) -> String {
        let report = ReportMarkup(text, referenceLink: referenceLink)
        return head(title: report.title) + "\n" + body(report) + "\n</html>\n"
    }

    // MARK: - Pieces

    /// `sites/layouts/core.html` up to `<body>`, with `sites/resources-inc/head.html`.
    func head(title: String) -> String {
        """
        <!DOCTYPE html>
        <html class="no-js" lang="\(strings.lang)" dir="ltr">
        <head>
        <meta charset="utf-8">
        <title>\(Variants.escape(title)) - \(strings.siteTitle)</title>
        <meta content="width=device-width, initial-scale=1" name="viewport">
        <meta name="dcterms.title" content="\(Variants.escape(title))">
        <meta name="dcterms.modified" content="\(dateModified)">
        <link href="/_layouts/15/IRB.WET4/GCWeb/assets/favicon.ico" rel="icon" type="image/x-icon" />
        <link rel="stylesheet" href="/_layouts/15/IRB.WET4/GCWeb/css/theme.min.css" />
        <noscript><link rel="stylesheet" href="/_layouts/15/IRB.WET4/wet-boew/css/noscript.min.css" /></noscript>
        <script type="text/javascript">var _spPageContextInfo={webServerRelativeUrl:"\\u002f\(strings.lang)",currentLanguage:\(french ? 1036 : 1033)};</script>
        </head>
        """
    }

    /// `<body>` to `</body>`: the SharePoint form around GCWeb's skip links, header, main and footer.
    func body(_ report: ReportMarkup) -> String {
        """
        <body vocab="http://schema.org/" typeof="WebPage">
        <form method="post" action="./index.aspx?doc=458870" id="aspnetForm">
        <div class="aspNetHidden">
        <input type="hidden" name="_wpcmWpid" id="_wpcmWpid" value="" />
        <input type="hidden" name="__REQUESTDIGEST" id="__REQUESTDIGEST" value="\(requestDigest)" />
        <input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="\(viewState)" />
        </div>
        <script type="text/javascript">var theForm = document.forms['aspnetForm'];</script>
        \(skipLinks)
        \(header)
        <main class="container" property="mainContentOfPage" resource="#wb-main" typeof="WebPageElement">
        \(report.chrome)<div class="ms-rtestate-field">
        \(report.body)</div>
        \(pageDetails)
        </main>
        \(footer)
        <div class="aspNetHidden">
        <input type="hidden" name="__EVENTVALIDATION" id="__EVENTVALIDATION" value="\(eventValidation)" />
        </div>
        </form>
        <script src="https://ajax.googleapis.com/ajax/libs/jquery/2.2.4/jquery.min.js"></script>
        <script src="/_layouts/15/IRB.WET4/wet-boew/js/wet-boew.min.js"></script>
        <script src="/_layouts/15/IRB.WET4/GCWeb/js/theme.min.js"></script>
        </body>
        """
    }

    /// `sites/skiplinks/includes/skiplinks.html`.
    var skipLinks: String {
        """
        <nav>
        	<ul id="wb-tphp">
        		<li class="wb-slc"><a class="wb-sl" href="#wb-cont">\(strings.skipCont)</a></li>
        		<li class="wb-slc visible-sm visible-md visible-lg"><a class="wb-sl" href="#wb-info">\(strings.skipAbout)</a></li>
        	</ul>
        </nav>
        """
    }

    /// `sites/header/includes/header.html` with `language/languagetoggle.html`,
    /// `headers-includes/brand.html`, `headers-includes/sitesearch.html`,
    /// `gcweb-menu/includes/sitemenu.html` and `breadcrumbs/includes/breadcrumbs.html`.
    var header: String {
        let menu = (menuLabels ?? strings.menuLabels).map {
            "\t\t<li role=\"presentation\"><a role=\"menuitem\" href=\"https://www.canada.ca/\(strings.lang)/services.html\">\(Variants.escape($0))</a></li>"
        }.joined(separator: "\n")
        let crumbs = (breadcrumbLabels ?? strings.breadcrumbLabels).enumerated().map { index, label in
            """
            			<li property="itemListElement" typeof="ListItem">
            				<a property="item" typeof="WebPage" href="/\(strings.lang)/\(index)/">
            					<span property="name">\(Variants.escape(label))</span>
            				</a>
            				<meta property="position" content="\(index + 2)">
            			</li>
            """
        }.joined(separator: "\n")
        return """
        <header>
        	<div id="wb-bnr" class="container">
        		<div class="row">
        <section id="wb-lng" class="col-xs-3 col-sm-12 pull-right text-right">
        	<h2 class="wb-inv">\(strings.language)</h2>
        	<ul class="list-inline mrgn-bttm-0">
        		<li>
        			<a lang="\(strings.altLang)" hreflang="\(strings.altLang)" href="/\(strings.altLang)/country-information/rir/Pages/index.aspx?doc=458870">
        				<span class="hidden-xs" translate="no">\(strings.altLanguage)</span>
        				<abbr title="\(strings.altLanguage)" translate="no" class="visible-xs h3 mrgn-tp-sm mrgn-bttm-0 text-uppercase">\(strings.altLang)</abbr>
        			</a>
        		</li>
        	</ul>
        </section>
        <div class="brand col-xs-9 col-sm-5 col-md-4" property="publisher" typeof="GovernmentOrganization">
        	<a href="https://www.canada.ca/\(strings.lang).html" property="url">
        		<img src="/_layouts/15/IRB.WET4/GCWeb/assets/sig-blk-\(strings.lang).svg" alt="\(strings.goc)" property="logo" /><span class="wb-inv"> / \(strings.gocAltLang)</span>
        	</a>
        	<meta property="name" content="\(strings.goc)">
        </div>
        <section id="wb-srch" class="col-lg-offset-4 col-md-offset-4 col-sm-offset-2 col-xs-12 col-sm-5 col-md-4">
        	<h2>\(strings.search)</h2>
        	<form action="https://www.canada.ca/\(strings.lang)/sr/srb.html" method="get" name="cse-search-box" role="search">
        		<div class="form-group wb-srch-qry">
        			<label for="wb-srch-q" class="wb-inv">\(strings.searchSite)</label>
        			<input id="wb-srch-q" list="wb-srch-q-ac" class="wb-srch-q form-control" name="q" type="search" value="" size="34" maxlength="170" placeholder="\(strings.searchSite)" />
        			<datalist id="wb-srch-q-ac"></datalist>
        		</div>
        		<div class="form-group submit">
        			<button type="submit" id="wb-srch-sub" class="btn btn-primary btn-small" name="wb-srch-sub">
        				<span class="glyphicon-search glyphicon"></span>
        				<span class="wb-inv">\(strings.search)</span>
        			</button>
        		</div>
        	</form>
        </section>
        		</div>
        	</div>
        	<hr>
        	<div class="container">
        		<div class="row">
        				<div class="col-md-8">
        <nav class="gcweb-menu" typeof="SiteNavigationElement">
        	<h2 class="wb-inv">\(strings.menu)</h2>
        	<button type="button" aria-haspopup="true" aria-expanded="false">\(strings.menuBtn) <span class="expicon glyphicon glyphicon-chevron-down"></span></button>
        	<ul role="menu" aria-orientation="vertical" data-ajax-replace="https://www.canada.ca/content/dam/canada/sitemenu/sitemenu-v2-\(strings.lang).html">
        \(menu)
        	</ul>
        </nav>
        				</div>
        		</div>
        	</div>
        <nav id="wb-bc" property="breadcrumb">
        	<h2>\(strings.breadcrumb)</h2>
        	<div class="container">
        		<ol class="breadcrumb" typeof="BreadcrumbList">
        			<li property="itemListElement" typeof="ListItem">
        				<a property="item" typeof="WebPage" href="https://www.canada.ca/\(strings.lang).html">
        					<span property="name">Canada.ca</span>
        				</a>
        				<meta property="position" content="1">
        			</li>
        \(crumbs)
        		</ol>
        	</div>
        </nav>
        </header>
        """
    }
}
