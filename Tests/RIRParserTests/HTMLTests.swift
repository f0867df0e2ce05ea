import RIRModel
import RIRParser
import RIRTestSupport
import Testing

/// HTML pages: block text in document order, chrome elements dropped, entities decoded.
@Suite struct HTMLTests {
    static let header = """
        <p>1 September 2023</p><p>MEX201601.E</p>
        <h1>Mexico: Profiles of individuals targeted &amp; tracked (2021&ndash;August 2023)</h1>
        <p>Research Directorate, Immigration and Refugee Board of Canada</p>
        """

    func page(_ body: String) -> [UInt8] {
        Array("""
            <!DOCTYPE html>
            <html><head><title>RIR</title><style>p { color: red }</style>
            <script>document.title = "2. Hidden heading";</script></head>
            <body><header><p>Header text</p></header><nav><p>Navigation</p></nav>
            \(Self.header)
            \(body)
            <footer><p>Footer text</p></footer></body></html>
            """.utf8)
    }

    func parse(_ bytes: [UInt8]) throws -> ParsedCapture {
        try CaptureParser.parse(bytes, name: "page.html")
    }

    @Test func entitiesAreDecodedByLibxml2() throws {
        let parsed = try parse(page("<h2>1. Overview</h2><p>Caf&eacute; owner&#8217;s&nbsp;view &lt;here&gt; &amp; there</p>"))
        #expect(parsed.format == .html)
        #expect(parsed.report.title == "Mexico: Profiles of individuals targeted & tracked (2021\u{2013}August 2023)")
        #expect(parsed.report.sections.first?.text == "Café owner\u{2019}s view <here> & there")
    }

    @Test func scriptsStylesNavigationHeaderFooterAndCommentsAreDropped() throws {
        let report = try parse(page("""
            <h2>1. Overview</h2><p>Kept.</p><!-- <p>Comment</p> --><noscript><p>Enable scripts</p></noscript>
            <template><p>Template</p></template><script>var x = "<p>3. Script<\\/p>";</script>
            """)).report
        #expect(report.sections.map(\.number) == ["1"])
        #expect(report.sections.first?.text == "Kept.")
    }

    @Test func blocksBecomeParagraphsInDocumentOrder() throws {
        let report = try parse(page("""
            <div class="wrapper"><h2>1. Overview</h2>
            <div>Loose div text</div>
            <p>First<br>Second</p>
            <ul><li>Item <em>one</em></li><li>Item two</li></ul>
            <table><tr><td>Cell A</td><td>Cell B</td></tr></table>
            <blockquote><p>Quoted
              over lines</p></blockquote>
            <dl><dt>Term</dt><dd>Definition</dd></dl>
            <h3>1.1 Detail</h3><p>End.</p></div>
            """)).report
        #expect(report.sections.map(\.number) == ["1", "1.1"])
        #expect(report.sections[0].paragraphs == [
            "Loose div text", "First", "Second", "Item one", "Item two", "Cell A", "Cell B",
            "Quoted over lines", "Term", "Definition",
        ])
    }

    @Test func lineBreaksInsideABlockSeparateHeaderLines() throws {
        let bytes = Array("""
            <html><body><p>Responses to Information Requests</p>
            <p>1er septembre 2023<br/>MEX201601.EF<br>Mexique : titre</p>
            <p>Direction des recherches, Commission de l&#8217;immigration et du statut de r&eacute;fugi&eacute; du Canada</p>
            <h2>1. Aper&ccedil;u</h2><p>Texte.</p></body></html>
            """.utf8)
        let report = try parse(bytes).report
        #expect(report.id.description == "MEX201601.EF")
        #expect(report.title == "Mexique : titre")
        #expect(report.author.hasSuffix("l\u{2019}immigration et du statut de réfugié du Canada"))
        #expect(report.sections.map(\.heading) == ["Aperçu"])
    }

    @Test func htmlIsRecognisedByContentNotByName() throws {
        let withoutDoctype = Array("<div><p>1 September 2023</p><p>MEX201601.E</p><p>Title</p></div>".utf8)
        #expect(try CaptureParser.parse(withoutDoctype, name: "capture.txt").format == .html)
        let textWithAngles = Variants.edited(Seeds.text(Seeds.mex201601), replacing: "1. Overview\n",
                                             with: "1. Overview\n\nValues < 5 and > 2 <here>.\n")
        #expect(try CaptureParser.parse(Array(textWithAngles.utf8), name: "page.html").format == .text)
    }

    /// The detection reads bytes, not Characters: case, leading blanks (a BOM, NBSP, line
    /// breaks), a leading comment or XML declaration, and tag names in capitals all count.
    @Test(arguments: [
        "<!DOCTYPE HTML>\n<HTML><BODY>", "\u{FEFF}\u{00A0}\r\n  <!doctype html><html>", "<Html lang=\"en\">",
        "<?xml version=\"1.0\"?>\n<HTML xmlns=\"http://www.w3.org/1999/xhtml\">",
        "<!-- saved from url=(0042)https://irb.gc.ca/ -->\n<html>", "<DIV>one</DIV><P>two</P><Span>three</Span>",
    ])
    func htmlIsRecognisedWhateverItsCaseAndLeadingBlanks(opening: String) throws {
        let bytes = Array((opening + "<p>1 September 2023</p><p>MEX201601.E</p><h1>Title</h1>"
            + "<h2>1. Overview</h2><p>Text.</p></body></html>").utf8)
        #expect(try CaptureParser.parse(bytes, name: "capture.txt").format == .html)
    }

    @Test(arguments: ["<!-- a comment, then text", "<?xml but no page", "<p> once, <br/> twice, <notatag> never"])
    func textThatOnlyLooksLikeMarkupIsText(opening: String) throws {
        let text = opening + "\n" + Seeds.text(Seeds.mex201601)
        #expect(try CaptureParser.parse(Array(text.utf8), name: "capture.txt").format == .text)
    }

    @Test func aFormAroundTheWholeBodyIsReadButItsControlsAreDropped() throws {
        let bytes = Array("""
            <html><body><form id="aspnetForm"><input type="hidden" name="__VIEWSTATE" value="1 September 2023">
            \(Self.header)<h2>1. Overview</h2><p>Kept.</p><select><option>2. Option</option></select>
            <textarea>3. Typed</textarea><button>4. Pressed</button></form></body></html>
            """.utf8)
        let report = try parse(bytes).report
        #expect(report.id.description == "MEX201601.E")
        #expect(report.sections.map(\.number) == ["1"])
        #expect(report.sections.first?.text == "Kept.")
    }

    @Test func onlyTheMainElementIsReadWhenThePageHasOne() throws {
        let bytes = Array("""
            <html><body><div><p>3 March 2024</p><p>ZZZ201700.E</p><p>Another report</p></div>
            <main>\(Self.header)<h2>1. Overview</h2><p>Kept.</p></main><p>2. After main</p></body></html>
            """.utf8)
        let report = try parse(bytes).report
        #expect(report.id.description == "MEX201601.E")
        #expect(report.sections.map(\.number) == ["1"])
    }

    @Test func anElementWithTheMainRoleIsReadWhenThereIsNoMainElement() throws {
        let bytes = Array("""
            <html><body><div id="wb-head"><p>3 March 2024</p><p>ZZZ201700.E</p><p>Header</p></div>
            <div id="wb-main" role="main">\(Self.header)<h2>1. Overview</h2><p>Kept.</p>
            <p><a href="#wb-tphp">Top of Page</a></p><dl id="gcwu-date-mod"><dt>Date modified:</dt><dd>2016-02-03</dd></dl></div>
            <div id="wb-foot"><p>2. Footer</p></div></body></html>
            """.utf8)
        let report = try parse(bytes).report
        #expect(report.id.description == "MEX201601.E")
        #expect(report.sections.map(\.text) == ["Kept."])
    }

    @Test func visuallyHiddenTextAndEmbeddedContentAreDropped() throws {
        let report = try parse(page("""
            <h2>1. Overview</h2><p>Kept<span class="wb-inv"> (Opens in a new window)</span> here.</p>
            <p hidden>Hidden paragraph</p><p aria-hidden="true">Aria hidden</p><p aria-hidden="false">Shown.</p>
            <svg><title>Icon</title></svg><iframe src="x"></iframe>
            """)).report
        #expect(report.sections.first?.paragraphs == ["Kept here.", "Shown."])
    }

    @Test func theWaybackToolbarBetweenItsCommentsIsDropped() throws {
        let bytes = Array("""
            <html><body>\(Self.header)<h2>1. Overview</h2><p>Kept.</p><!-- BEGIN WAYBACK TOOLBAR INSERT -->
            <div id="toolbar"><p>2. Captures</p><p>17 captures</p></div><!-- END WAYBACK TOOLBAR INSERT -->
            <p>Also kept.</p></body></html>
            """.utf8)
        let report = try parse(bytes).report
        #expect(report.sections.map(\.paragraphs) == [["Kept.", "Also kept."]])
    }

    @Test func siteFooterOutsideTheFooterElementDoesNotLeakIntoTheBackMatter() throws {
        let report = try parse(page("""
            <p>This Response was prepared after researching publicly accessible information.</p>
            <h2>Additional Sources Consulted</h2><p>Internet sites, including: Reuters.</p>
            <div class="pagedetails"><dl><dt>Date modified:</dt><dd>2023-09-01</dd></dl></div>
            """)).report
        #expect(report.additionalSources == ["Internet sites, including: Reuters."])
    }
}

@Suite struct HTMLEncodingTests {
    @Test(arguments: ["windows-1252", "iso-8859-1"])
    func aWindows1252PageThatDeclaresItsCharsetIsReadOnce(charset: String) throws {
        let text = Seeds.text(Seeds.mex201601French)
        let html = Variants.edited(Variants.html(text), replacing: "<meta charset=\"utf-8\">",
                                   with: "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=\(charset)\">")
        let parsed = try CaptureParser.parse(Variants.windows1252(html), name: "page.html")
        #expect(parsed.encoding == "windows-1252")
        #expect(parsed.report == (try CaptureParser.parse(Seeds.bytes(Seeds.mex201601French), name: "seed").report))
    }

    @Test func aUTF8PageThatDeclaresAnotherCharsetIsReadAsUTF8() throws {
        let text = Seeds.text(Seeds.mex201601French)
        let html = Variants.edited(Variants.html(text), replacing: "<meta charset=\"utf-8\">",
                                   with: "<meta charset=\"windows-1252\">")
        let parsed = try CaptureParser.parse(Array(html.utf8), name: "page.html")
        #expect(parsed.encoding == "utf-8")
        #expect(parsed.report == (try CaptureParser.parse(Seeds.bytes(Seeds.mex201601French), name: "seed").report))
    }
}
