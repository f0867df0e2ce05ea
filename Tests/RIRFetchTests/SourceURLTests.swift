import RIRFetch
import RIRTestSupport
import Testing

@Suite struct SourceURLTests {
    private let english = "https://irb-cisr.gc.ca/en/country-information/rir/Pages/index.aspx?doc=458870"

    @Test(arguments: [
        "https://irb-cisr.gc.ca/en/country-information/rir/Pages/index.aspx?doc=458870",
        "https://www.irb-cisr.gc.ca/en/country-information/rir/Pages/index.aspx?doc=458870",
        "https://irb.gc.ca/en/country-information/rir/Pages/index.aspx?doc=458870",
        "https://www.irb.gc.ca/en/country-information/rir/Pages/index.aspx?doc=458870",
        "https://irb-cisr.gc.ca:443/en/country-information/rir/Pages/index.aspx?doc=458870",
        "https://irb-cisr.gc.ca/en/country-information/rir/Pages/index.aspx?doc=458870&pls=1",
        "https://irb-cisr.gc.ca/en/country-information/rir/Pages/index.aspx?pls=1&doc=458870",
        "HTTPS://IRB-CISR.GC.CA/en/country-information/rir/Pages/index.aspx?doc=458870",
        "https://irb-cisr.gc.ca/en/country-information/rir/Pages/index.aspx?doc=458870#wb-cont",
        "http://irb-cisr.gc.ca/en/country-information/rir/Pages/index.aspx?doc=458870",
        "http://www.irb-cisr.gc.ca:80/en/country-information/rir/Pages/index.aspx?doc=458870&pls=1",
        "  https://irb-cisr.gc.ca./en/country-information/rir/Pages/index.aspx?doc=458870\n",
    ])
    func aliasesOfOneIRBPageShareOneCanonicalKey(variant: String) throws {
        let source = try SourceURL(variant)
        #expect(source.canonical == english)
        #expect(source == (try SourceURL(english)))
    }

    @Test func theFrenchHostIsAnAliasForFrenchPathsOnly() throws {
        let french = "https://irb-cisr.gc.ca/fr/renseignements-pays/rdi/Pages/index.aspx?doc=458871"
        #expect(try SourceURL("https://cisr.gc.ca/fr/renseignements-pays/rdi/Pages/index.aspx?doc=458871").canonical
                == french)
        #expect(try SourceURL("https://www.cisr.gc.ca/fr/renseignements-pays/rdi/Pages/index.aspx?doc=458871&pls=1")
                    .canonical == french)
        #expect(try SourceURL("https://cisr.gc.ca/en/other").canonical == "https://cisr.gc.ca/en/other")
        #expect(try SourceURL("https://cisr.gc.ca/en/other").site == "irb-cisr.gc.ca")
    }

    @Test func differentDocumentsAndLanguagesAreDifferentSources() throws {
        let other = try SourceURL("https://irb-cisr.gc.ca/en/country-information/rir/Pages/index.aspx?doc=458871")
        let french = try SourceURL("https://irb-cisr.gc.ca/fr/renseignements-pays/rdi/Pages/index.aspx?doc=458870")
        #expect(Set([try SourceURL(english), other, french]).count == 3)
    }

    @Test func otherHostsKeepTheirSchemeAndDropOnlyTheDefaultPort() throws {
        #expect(try SourceURL("http://127.0.0.1:80/page?pls=1").canonical == "http://127.0.0.1/page")
        #expect(try SourceURL("http://127.0.0.1:8080/page").canonical == "http://127.0.0.1:8080/page")
        #expect(try SourceURL("http://example.org/a") != (try SourceURL("https://example.org/a")))
        #expect(try SourceURL("https://example.org").string == "https://example.org/")
        #expect(try SourceURL("https://irb-cisr.gc.ca:8080/x").canonical == "https://irb-cisr.gc.ca:8080/x")
    }

    @Test func theRequestedFormKeepsTheLayoutSwitchAndDropsTheFragment() throws {
        let source = try SourceURL("https://WWW.irb-cisr.gc.ca:443/en/rir/index.aspx?doc=458870&pls=1#top")
        #expect(source.string == "https://www.irb-cisr.gc.ca/en/rir/index.aspx?doc=458870&pls=1")
        #expect(source.host == "www.irb-cisr.gc.ca")
        #expect(source.port == nil)
        #expect(source.query == "doc=458870&pls=1")
    }

    @Test func spacesAndNonASCIIArePercentEncodedAndEscapesUpperCased() throws {
        let source = try SourceURL("https://example.org/a b/é?q=x y&r=%2f")
        #expect(source.string == "https://example.org/a%20b/%C3%A9?q=x%20y&r=%2F")
        #expect(try SourceURL("https://example.org/100%").path == "/100%25")
        #expect(try SourceURL("https://example.org/a/./b/../c").path == "/a/c")
    }

    @Test(arguments: [
        ("irb-cisr.gc.ca/en/page", "no scheme"),
        ("ftp://irb-cisr.gc.ca/file", "unsupported scheme ftp"),
        ("https://user:secret@irb-cisr.gc.ca/", "credentials"),
        ("https://irb-cisr.gc.ca:99999/", "bad port"),
        ("https:///path", "no host"),
        ("https://bad host/", "not a plain ASCII name"),
    ])
    func unusableURLsAreRejectedWithTheirReason(text: String, reason: String) {
        #expect {
            try SourceURL(text)
        } throws: { error in
            guard let error = error as? FetchError, case .invalidURL(let named, let said) = error else { return false }
            return named == text && said.contains(reason)
                && error.description.hasPrefix("cannot fetch \(text): not a usable URL")
        }
    }

    @Test(arguments: [
        ("index.aspx?doc=458871", "https://irb-cisr.gc.ca/en/rir/Pages/index.aspx?doc=458871"),
        ("../other/page.aspx", "https://irb-cisr.gc.ca/en/rir/other/page.aspx"),
        ("/fr/rdi/Pages/index.aspx?doc=1#x", "https://irb-cisr.gc.ca/fr/rdi/Pages/index.aspx?doc=1"),
        ("?doc=2", "https://irb-cisr.gc.ca/en/rir/Pages/index.aspx?doc=2"),
        ("//www.irb.gc.ca/en/x", "https://www.irb.gc.ca/en/x"),
        ("http://127.0.0.1:8080/y", "http://127.0.0.1:8080/y"),
        ("#section-2", "https://irb-cisr.gc.ca/en/rir/Pages/index.aspx?doc=458870"),
        ("", "https://irb-cisr.gc.ca/en/rir/Pages/index.aspx?doc=458870"),
    ])
    func referencesResolveAgainstThePage(reference: String, expected: String) throws {
        let base = try SourceURL("https://irb-cisr.gc.ca/en/rir/Pages/index.aspx?doc=458870")
        #expect(try base.resolving(reference).string == expected)
    }

    @Test func loopbackHostsAreRecognised() throws {
        #expect(try SourceURL("http://127.0.0.1:8080/").isLoopback)
        #expect(try SourceURL("http://127.1.2.3/").isLoopback)
        #expect(try SourceURL("http://localhost/").isLoopback)
        #expect(try SourceURL("http://[::1]:8080/").isLoopback)
        #expect(try !SourceURL("http://128.0.0.1/").isLoopback)
        #expect(try !SourceURL("http://127.0.0.1.example.org/").isLoopback)
    }
}
