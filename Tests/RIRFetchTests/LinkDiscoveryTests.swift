import RIRFetch
import RIRTestSupport
import Testing

@Suite struct LinkDiscoveryTests {
    private let listing = "https://irb-cisr.gc.ca/en/country-information/rir/Pages/index.aspx"
    private let pattern = #"/rir/Pages/index\.aspx\?doc=\d+"#

    @Test func matchingLinksAreResolvedDecodedAndDeduplicatedInDocumentOrder() throws {
        let html = page("""
        <html><head><script>var s = '<a href="index.aspx?doc=999999">';</script>
        <style>a[href="index.aspx?doc=888888"] {}</style></head><body>
        <nav><a href="/en/index.html">Home</a></nav>
        <!-- <a href="index.aspx?doc=777777">retired</a> -->
        <ul>
          <li><a class="rir" href="index.aspx?doc=458870&amp;pls=1">MEX201601.E</a></li>
          <li><A HREF='https://www.irb-cisr.gc.ca/en/country-information/rir/Pages/index.aspx?doc=458870'>dup</A></li>
          <li><a title="x>y" href=index.aspx?doc=458866>MEX201603.E</a></li>
          <li><a href="mailto:rir@irb-cisr.gc.ca?subject=doc=1">mail</a></li>
          <li><a name="anchor">no href</a><abbr href="index.aspx?doc=1">no</abbr></li>
          <li><a href="/en/country-information/rir/Pages/index.aspx?doc=458447&#38;lang=en#top">CMR200612.EF</a></li>
        </ul></body></html>
        """)
        let links = try discoverLinks(in: html, baseURL: listing, pattern: pattern)
        #expect(links == [
            "https://irb-cisr.gc.ca/en/country-information/rir/Pages/index.aspx?doc=458870&pls=1",
            "https://irb-cisr.gc.ca/en/country-information/rir/Pages/index.aspx?doc=458866",
            "https://irb-cisr.gc.ca/en/country-information/rir/Pages/index.aspx?doc=458447&lang=en",
        ])
    }

    @Test func aBaseElementChangesWhatRelativeLinksResolveAgainst() throws {
        let html = page(#"<head><base href="https://irb-cisr.gc.ca/fr/rir/Pages/"></head>"#
                        + #"<a href="index.aspx?doc=5">x</a><base href="https://evil.example/"><a href="index.aspx?doc=6">"#)
        let links = try discoverLinks(in: html, baseURL: listing, pattern: pattern)
        #expect(links == ["https://irb-cisr.gc.ca/fr/rir/Pages/index.aspx?doc=5",
                          "https://irb-cisr.gc.ca/fr/rir/Pages/index.aspx?doc=6"])
    }

    @Test func aPageWithoutMatchingLinksYieldsNone() throws {
        let html = page(##"<p>No reports. <a href="/en/contact">Contact</a></p><a href="#">top</a>"##)
        #expect(try discoverLinks(in: html, baseURL: listing, pattern: pattern).isEmpty)
    }

    @Test func anInvalidPatternIsAnErrorNamingIt() {
        #expect {
            try discoverLinks(in: page("<a href=x>"), baseURL: listing, pattern: "doc=(\\d+")
        } throws: { error in
            guard let error = error as? FetchError, case .invalidPattern(let named, _) = error else { return false }
            return named == "doc=(\\d+" && error.description.hasPrefix("cannot use link pattern doc=(\\d+: ")
        }
    }
}
