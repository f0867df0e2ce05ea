/// Other forms of the same GCWeb page: SharePoint's print view, the page saved by a
/// browser, and a Wayback Machine capture. Each changes only what is not report.
extension GCWebPage {
    /// The `pls=1` print view: SharePoint's bare page with the form and the report and no
    /// GCWeb chrome (no `<main>`, no header, no footer).
    public func printView(_ text: String) -> String {
        let report = ReportMarkup(text)
        return """
        <!DOCTYPE html>
        <html lang="\(strings.lang)" dir="ltr">
        <head><meta charset="utf-8"><title>\(Variants.escape(report.title))</title>
        <link rel="stylesheet" href="/_layouts/15/IRB.WET4/css/print.min.css" media="all" /></head>
        <body class="pls" onload="window.print();">
        <form method="post" action="./index.aspx?doc=458870&amp;pls=1" id="aspnetForm">
        <div class="aspNetHidden">
        <input type="hidden" name="__REQUESTDIGEST" id="__REQUESTDIGEST" value="\(requestDigest)" />
        <input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="\(viewState)" />
        </div>
        <div class="ms-rtestate-field">
        \(report.body)</div>
        <input type="hidden" name="__EVENTVALIDATION" id="__EVENTVALIDATION" value="\(eventValidation)" />
        </form>
        </body>
        </html>
        """
    }

    /// The page as a browser's "save complete" writes it after wet-boew ran: a `saved from`
    /// comment, the theme's CSS inline in `<style>`, `noscript`, inline `svg` icons in the
    /// links, external reference links marked with a visually hidden "(Opens in a new
    /// window)", the share widget rendered.
    public func savedByBrowser(_ text: String) -> String {
        var copy = self
        copy.shareWidgetRendered = true
        let newWindow = french ? "(S’ouvre dans une nouvelle fenêtre)" : "(Opens in a new window)"
        let icon = "<svg class=\"ext-icon\" aria-hidden=\"true\" viewBox=\"0 0 16 16\" width=\"12\" height=\"12\">"
            + "<title>External link</title><path d=\"M9 2h5v5l-2-2-4 4-1-1 4-4z\"></path></svg>"
        var page = copy.source(text, referenceLink: { number in
            "<a href=\"https://www.refworld.org/docid/\(number).html\" target=\"_blank\" rel=\"external\">{}"
                + icon + "<span class=\"wb-inv\"> \(newWindow)</span></a>"
        })
        page = page.replacing("<!DOCTYPE html>\n<html class=\"no-js\"",
                              with: "<!DOCTYPE html>\n<!-- saved from url=(0079)https://irb-cisr.gc.ca/\(strings.lang)/country-information/rir/Pages/index.aspx?doc=458870 -->\n<html class=\"js backgroundsize borderimage csstransitions fontface svg details progressbar meter mathml cssgradients wb-enable\"")
        page = page.replacing("<link rel=\"stylesheet\" href=\"/_layouts/15/IRB.WET4/GCWeb/css/theme.min.css\" />", with: """
            <link rel="stylesheet" href="./index_files/theme.min.css">
            <style type="text/css">
            /* 1 September 2023 — the page's print rules */
            .pagedetails { margin-top: 2em; } #wb-dtmd dt::after { content: " "; }
            @media print { a[href^="http"]::after { content: " (" attr(href) ")"; } }
            </style>
            <noscript><p>References</p></noscript>
            """)
        return page.replacing("<span class=\"glyphicon-search glyphicon\"></span>", with: icon)
    }

    /// A Wayback Machine capture of the page, taken at `timestamp`: Wayback's scripts and
    /// styles injected into `<head>`, its toolbar between the BEGIN and END comments after
    /// `<body>`, every link and resource rewritten to `/web/<timestamp>…/<original URL>`,
    /// and its archival notes in comments at the end.
    public func waybackCapture(_ text: String, timestamp: String = "20190917083015") -> String {
        var page = source(text, referenceLink: { number in
            "<a href=\"https://www.refworld.org/docid/\(number).html\">{}</a>"
        })
        let site = "https://irb-cisr.gc.ca"
        for (attribute, flag) in [("href", ""), ("src", "im_"), ("action", "")] {
            page = page.replacing("\(attribute)=\"https://", with: "\(attribute)=\"/web/\(timestamp)\(flag)/https://")
            page = page.replacing("\(attribute)=\"/_layouts", with: "\(attribute)=\"/web/\(timestamp)\(flag)/\(site)/_layouts")
            page = page.replacing("\(attribute)=\"/\(strings.lang)", with: "\(attribute)=\"/web/\(timestamp)\(flag)/\(site)/\(strings.lang)")
        }
        page = page.replacing("<head>\n", with: """
            <head><script type="text/javascript" src="/_static/js/bundle-playback.js?v=t1Bf4PY_"></script>
            <script type="text/javascript" src="/_static/js/wombat.js?v=txqj7nKC"></script>
            <script>window.RufflePlayer=window.RufflePlayer||{};window.RufflePlayer.config={"autoplay":"on","unmuteOverlay":"hidden"};</script>
            <script type="text/javascript">
              __wm.init("https://web.archive.org/web");
              __wm.wombat("\(site)/\(strings.lang)/country-information/rir/Pages/index.aspx?doc=458870","\(timestamp)","https://web.archive.org/","web","/_static/");
            </script>
            <link rel="stylesheet" type="text/css" href="/_static/css/banner-styles.css?v=S1zqJCYt" />
            <link rel="stylesheet" type="text/css" href="/_static/css/iconochive.css?v=3PDvdIFv" />
            <!-- End Wayback Rewrite JS Include -->

            """)
        page = page.replacing("<body vocab=\"http://schema.org/\" typeof=\"WebPage\">\n", with: """
            <body vocab="http://schema.org/" typeof="WebPage"><!-- BEGIN WAYBACK TOOLBAR INSERT -->
            <script>__wm.rw(0);</script>
            <div id="wm-ipp-base" lang="en" style="display:none;direction:ltr;">
            <div id="wm-ipp" style="position:fixed;left:0;top:0;right:0;">
            <div id="donato"><div id="donato-base"><iframe id="donato-if" src="https://archive.org/includes/donate.php?as_page=1&amp;platform=wb" scrolling="no" frameborder="0"></iframe></div></div>
            <div style="position:fixed;left:0;top:0;width:auto;right:0;" id="wm-ipp-inside">
              <div id="wm-logo" style="float:left;width:110px;padding-top:12px;"><a href="/web/" title="Wayback Machine home page"><img src="/_static/images/toolbar/wayback-toolbar-logo-200.png" alt="Wayback Machine" /></a></div>
              <div class="c"><form target="_top" method="get" action="/web/submit" name="wmtb" id="wmtb"><input type="text" name="url" id="wmtbURL" value="\(site)/\(strings.lang)/country-information/rir/Pages/index.aspx?doc=458870" /><input type="hidden" name="type" value="replay" /><input type="hidden" name="date" value="\(timestamp)" /><input type="submit" value="Go" /></form></div>
              <div class="c"><a href="/web/20190601000000*/\(site)">1,024 captures</a><div class="r">1 Sep 2023 - 17 Sep 2019</div></div>
              <table class="c"><tr><td class="b"><a href="/web/20190916000000/\(site)">AUG</a></td><td class="c">SEP</td><td class="f">OCT</td></tr>
              <tr><td class="b">2018</td><td class="c">17</td><td class="f">2020</td></tr></table>
              <div id="wm-capinfo"><p>About this capture</p><p>COLLECTED BY</p><p>Organization: Archive Team</p></div>
            </div>
            </div>
            </div>
            <div id="wm-ipp-print">The Wayback Machine - https://web.archive.org/web/\(timestamp)/\(site)/\(strings.lang)/country-information/rir/Pages/index.aspx?doc=458870</div>
            <script type="text/javascript">__wm.bt(675,27,25,2,"web","\(site)","\(timestamp)",1996,"/_static/",["/_static/css/banner-styles.css"], false);</script>
            <!-- END WAYBACK TOOLBAR INSERT -->

            """)
        return page + """
            <!--
                 FILE ARCHIVED ON 08:30:15 Sep 17, 2019 AND RETRIEVED FROM THE
                 INTERNET ARCHIVE ON 10:00:00 Dec 01, 2026.
                 JAVASCRIPT APPENDED BY WAYBACK MACHINE, COPYRIGHT INTERNET ARCHIVE.
            -->
            <!--
            playback timings (ms):
              captures_list: 0.512
            -->

            """
    }
}
