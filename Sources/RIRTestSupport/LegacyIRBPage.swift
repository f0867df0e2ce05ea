/// A report as the IRB site showed it before ~2018 (legacy URL
/// `/Eng/ResRec/RirRdi/Pages/index.aspx?doc=`), as Wayback captures of those years keep it:
/// SharePoint 2010 with the WET 3 "GCWU" theme. No `<main>`: the content is in
/// `<div id="wb-main" role="main">`, the report inside a SharePoint rich-text field, skip
/// links in `#wb-skip`, the header in `#wb-head`, then, still inside `wb-main` after the
/// report, a "Top of Page" link and `<dl id="gcwu-date-mod">`; the footer in `#wb-foot`.
public enum LegacyIRBPage {
    /// The page for the report in the seed text `text`, last modified `dateModified`.
    public static func source(_ text: String, dateModified: String = "2016-02-03") -> String {
        let report = ReportMarkup(text)
        return """
        <!DOCTYPE html><!--[if IE 7]><html lang="en" class="no-js ie7"><![endif]--><!--[if IE 8]><html lang="en" class="no-js ie8"><![endif]--><!--[if gt IE 8]><!-->
        <html lang="en" class="no-js"><!--<![endif]-->
        <head>
        <meta charset="utf-8" />
        <title>\(Variants.escape(report.title)) - Immigration and Refugee Board of Canada</title>
        <link href="/_layouts/IRB.WET/dist/theme-gcwu-fegc/css/theme-min.css" rel="stylesheet" />
        <noscript><link rel="stylesheet" href="/_layouts/IRB.WET/dist/theme-gcwu-fegc/css/theme-ns-min.css" /></noscript>
        </head>
        <body><form name="aspnetForm" method="post" action="index.aspx?doc=454957" id="aspnetForm">
        <div><input type="hidden" name="__REQUESTDIGEST" id="__REQUESTDIGEST" value="0x7A1C2E3D4F5A6B7C8D9E0F1A2B3C4D5E6F708192,03 Feb 2016 14:12:09 -0000" />
        <input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwULLTE3MzY4MDI5NTgPZBYCZg9kFgICAQ9kFgQCAQ" /></div>
        <div id="wb-body">
        <div id="wb-skip"><ul id="wb-tphp">
        <li id="wb-skip1"><a href="#wb-cont">Skip to main content</a></li>
        <li id="wb-skip2"><a href="#wb-nav">Skip to secondary menu</a></li>
        </ul></div>
        <div id="wb-head"><div id="wb-head-in"><header>
        <nav role="navigation"><div id="gcwu-gcnb"><h2>Government of Canada navigation bar</h2><div id="gcwu-gcnb-in"><div id="gcwu-gcnb-fip">
        <ul><li id="gcwu-gcnb1"><a rel="external" href="http://www.canada.gc.ca/menu-eng.html">Canada.gc.ca</a></li>
        <li id="gcwu-gcnb2"><a rel="external" href="http://www.servicecanada.gc.ca/eng/home.shtml">Services</a></li>
        <li id="gcwu-gcnb3"><a rel="external" href="http://www.canada.gc.ca/depts/major/depind-eng.html">Departments</a></li>
        <li id="gcwu-gcnb-lang"><a href="/Fra/ResRec/RirRdi/Pages/index.aspx?doc=454958" lang="fr">Français</a></li></ul>
        </div></div></div></nav>
        <div id="gcwu-bnr" role="banner"><div id="gcwu-bnr-in">
        <div id="gcwu-wmms"><div id="gcwu-wmms-in"><div id="gcwu-wmms-fip"><img src="/_layouts/IRB.WET/dist/theme-gcwu-fegc/images/wmms.gif" alt="Symbol of the Government of Canada" /></div></div></div>
        <div id="gcwu-sig"><div id="gcwu-sig-in"><div id="gcwu-sig-eng" title="Government of Canada"><img src="/_layouts/IRB.WET/dist/theme-gcwu-fegc/images/sig-eng.gif" alt="Government of Canada" /></div></div></div>
        <p id="gcwu-title"><a href="/Eng/Pages/index.aspx"><span lang="en">Immigration and Refugee Board of Canada</span></a></p>
        <section role="search"><div id="gcwu-srchbx"><h2>Search</h2><form action="/Eng/Pages/results.aspx" method="get"><div id="gcwu-srchbx-in">
        <label for="gcwu-srch">Search website</label><input id="gcwu-srch" name="k" type="search" value="" size="27" maxlength="150" />
        <input id="gcwu-srch-submit" type="submit" value="Search" data-icon="search" /></div></form></div></section>
        </div></div>
        <nav role="navigation"><div id="gcwu-psnb"><h2>Site menu</h2><div id="gcwu-psnb-in"><div class="wet-boew-menubar mb-mega"><div>
        <ul class="mb-menu"><li><div><a href="/Eng/Pages/index.aspx">Home</a></div></li>
        <li><div><a href="/Eng/RefClaDem/Pages/index.aspx">Refugee Claims</a></div></li>
        <li><div><a href="/Eng/ResRec/Pages/index.aspx">Research Program</a></div></li></ul>
        </div></div></div></div>
        <div id="gcwu-bc"><h2>Breadcrumb trail</h2><div id="gcwu-bc-in"><ol>
        <li><a href="/Eng/Pages/index.aspx">Home</a></li><li><a href="/Eng/ResRec/Pages/index.aspx">Research Program</a></li>
        <li>Responses to Information Requests</li></ol></div></div></nav>
        </header></div></div>
        <div id="wb-core"><div id="wb-core-in" class="equalize">
        <div id="wb-main" role="main"><div id="wb-main-in">
        \(report.chrome)<div id="ctl00_PlaceHolderMain_ctl01__ControlWrapper_RichHtmlField" class="ms-rtestate-field" style="display:inline" aria-labelledby="ctl00_PlaceHolderMain_ctl01_label">
        \(report.body)</div>
        <div class="clear"></div>
        <p class="align-right"><a href="#wb-tphp">Top of Page</a></p>
        <dl id="gcwu-date-mod" role="contentinfo"><dt>Date modified:</dt><dd><span><time>\(dateModified)</time></span></dd></dl>
        <div class="clear"></div>
        </div></div>
        <div id="wb-sec"><div id="wb-sec-in"><nav role="navigation"><h2 id="wb-nav">Secondary menu</h2>
        <div class="wb-sec-def"><section><h3><a href="/Eng/ResRec/Pages/index.aspx">Research Program</a></h3>
        <ul><li><a href="/Eng/ResRec/RirRdi/Pages/index.aspx">Responses to Information Requests</a></li>
        <li><a href="/Eng/ResRec/NdpCnd/Pages/index.aspx">National Documentation Packages</a></li></ul></section></div>
        </nav></div></div>
        </div></div>
        <div id="wb-foot"><div id="wb-foot-in"><footer><h2 id="wb-nav-foot">Footer</h2>
        <nav role="navigation"><div id="gcwu-sft"><h3>Site footer</h3><div id="gcwu-sft-in">
        <div id="gcwu-tctr"><ul><li class="gcwu-tc"><a href="/Eng/Pages/terms.aspx" rel="license">Terms and conditions</a></li>
        <li class="gcwu-tr"><a href="/Eng/transparency/Pages/index.aspx">Transparency</a></li></ul></div>
        <section><h4><a href="/Eng/BoaCom/Pages/index.aspx">About us</a></h4><ul><li><a href="/Eng/BoaCom/Pages/mandate.aspx">Mandate</a></li></ul></section>
        <section><h4><a href="/Eng/NewsNouv/Pages/index.aspx">News</a></h4><ul><li><a href="/Eng/NewsNouv/Pages/releases.aspx">News releases</a></li></ul></section>
        </div></div></nav>
        <nav role="navigation"><div id="gcwu-gcft"><h3>Government of Canada footer</h3><div id="gcwu-gcft-in"><div id="gcwu-gcft-fip">
        <ul><li id="gcwu-gcft1"><a rel="external" href="http://healthycanadians.gc.ca/index-eng.php"><span>Health</span><br />healthycanadians.gc.ca</a></li>
        <li id="gcwu-gcft2"><a rel="external" href="http://www.voyage.gc.ca/index-eng.asp"><span>Travel</span><br />travel.gc.ca</a></li></ul>
        </div></div></div></nav>
        </footer></div></div>
        </div>
        </form>
        <script src="/_layouts/IRB.WET/dist/js/settings.js"></script>
        <script src="/_layouts/IRB.WET/dist/theme-gcwu-fegc/js/theme-min.js"></script>
        </body>
        </html>
        """
    }
}
