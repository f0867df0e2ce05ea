extension GCWebPage {
    /// `sites/page-details/includes/footer.html` in the layout of
    /// `sites/page-details/samples/page-details-2-en.html`: the "Report a problem" fallback of
    /// `sites/feedback/includes/feedback.html`, the `wb-share` placeholder (or, when
    /// ``shareWidgetRendered``, what wet-boew's share plugin writes into it), and
    /// `sites/date-modified/includes/date-modified.html`.
    var pageDetails: String {
        let share = shareWidgetRendered ? """
            <section id="shr-pg0" class="shr-pg mfp-hide modal-dialog modal-content overlay-def"><header class="modal-header"><h2 class="modal-title">\(strings.shareThisPage)</h2></header><div class="modal-body"><ul class="list-unstyled colcount-xs-2"><li><a href="https://www.facebook.com/sharer.php?u=https%3A%2F%2Firb-cisr.gc.ca%2F" class="shr-pg-lnk facebook btn btn-default" rel="noreferrer noopener" target="_blank">Facebook</a></li><li><a href="https://www.linkedin.com/shareArticle?mini=true&amp;url=https%3A%2F%2Firb-cisr.gc.ca%2F" class="shr-pg-lnk linkedin btn btn-default" rel="noreferrer noopener" target="_blank">LinkedIn<span class="wb-inv">®</span></a></li><li><a href="mailto:?to=&amp;subject=RIR" class="shr-pg-lnk email btn btn-default">\(french ? "Courriel" : "Email")</a></li></ul><p class="col-sm-12 shr-dscl">\(french ? "Aucun appui n’est accordé, soit de façon expresse ou tacite, à aucun produit ou service." : "No endorsement of any products or services is expressed or implied.")</p><div class="clearfix"></div></div></section><a href="#shr-pg0" aria-controls="shr-pg0" class="shr-opn wb-lbx btn btn-default btn-block"><span class="glyphicon glyphicon-share"></span>\(strings.shareThisPage)</a>
            """ : ""
        return """
        <section class="pagedetails">
        	<h2 class="wb-inv">\(strings.pageDetails)</h2>
        	<div class="row">
        		<div class="col-sm-8 col-md-9 col-lg-9">
        			<div data-ajax-replace="/_layouts/15/IRB.WET4/ajax/report-problem-\(strings.lang).html">
        				<div class="row row-no-gutters">
        					<div class="col-sm-9 col-md-6 col-lg-5">
        						<a class="btn btn-default btn-block" href="https://www.canada.ca/\(strings.lang)/report-problem.html">\(strings.feedback)</a>
        					</div>
        				</div>
        			</div>
        		</div>
        		<div class="wb-share col-sm-4 col-md-3" data-wb-share='{"lnkClass": "btn btn-default btn-block"}'>\(share)</div>
        		<div class="col-xs-12">
        <dl id="wb-dtmd">
        	<dt>\(strings.dateModified)</dt>
        	<dd><time property="dateModified">\(dateModified)</time></dd>
        </dl>
        		</div>
        	</div>
        </section>
        """
    }

    /// `sites/footers/includes/footer.html`: the main footer and the corporate sub-footer.
    var footer: String {
        let links = strings.footerLinks.map { "\t\t\t\t\t<li><a href=\"https://www.canada.ca/\(strings.lang)/contact.html\">\($0)</a></li>" }
        let themes = strings.menuLabels.map { "\t\t\t\t\t<li><a href=\"https://www.canada.ca/\(strings.lang)/services.html\">\($0)</a></li>" }
        let corporate = strings.corporateLinks.map { "\t\t\t\t\t<li><a href=\"https://www.canada.ca/\(strings.lang)/transparency.html\">\($0)</a></li>" }
        return """
        <footer id="wb-info">
        	<h2 class="wb-inv">\(strings.footerSite)</h2>
        	<div class="gc-main-footer">
        		<div class="container">
        			<nav>
        				<h3>\(strings.goc)</h3>
        				<ul class="list-col-xs-1 list-col-sm-2 list-col-md-3">
        \(links.joined(separator: "\n"))
        				</ul>
        				<h4><span class="wb-inv">\(strings.themeLinks)</span></h4>
        				<ul class="list-unstyled colcount-sm-2 colcount-md-3">
        \(themes.joined(separator: "\n"))
        				</ul>
        			</nav>
        		</div>
        	</div>
        	<div class="gc-sub-footer">
        		<div class="container d-flex align-items-center">
        			<nav>
        				<h3 class="wb-inv">\(strings.gocCorporate)</h3>
        				<ul>
        \(corporate.joined(separator: "\n"))
        				</ul>
        			</nav>
        			<div class="wtrmrk align-self-end">
        				<img src="/_layouts/15/IRB.WET4/GCWeb/assets/wmms-blk.svg" alt="\(strings.wmms)" />
        			</div>
        		</div>
        	</div>
        </footer>
        """
    }
}
