import RIRModel
import RIRParser
import RIRTestSupport
import Testing

/// Inputs that are not reports fail with their own error, whose message names the input.
@Suite struct BadInputTests {
    func error(_ bytes: [UInt8], name: String, limits: ParserLimits = .init()) -> ParseError? {
        do {
            _ = try CaptureParser.parse(bytes, name: name, limits: limits)
            return nil
        } catch {
            return error
        }
    }

    @Test func aGCWebPageWhoseMainHoldsNoReportIsRefusedByName() throws {
        let page = GCWebPage().source(Seeds.text(Seeds.mex201601))
        let start = try #require(page.firstRange(of: "<section class=\"rir\">"))
        let end = try #require(page.firstRange(of: "</section>\n</div>"))
        let listing = page.replacingCharacters(in: start.lowerBound..<end.upperBound, with: "<p>No results.</p></div>")
        let url = "https://irb-cisr.gc.ca/en/country-information/rir/Pages/index.aspx?doc=1"
        let failure = try #require(error(Array(listing.utf8), name: url))
        #expect(failure == .noReportInHTML(name: url))
        #expect(failure.description.hasPrefix("cannot parse \(url): the HTML page holds no report"))
    }

    @Test func anEcoiCopyWithoutItsPublishedFieldHasNoDate() throws {
        let copy = EcoiCopy.text(Seeds.text(Seeds.mex201601))
            .replacing("Published: 1 September 2023\n\n", with: "")
        let failure = try #require(error(Array(copy.utf8), name: "ecoi-2097873.txt"))
        #expect(failure == .noDate(name: "ecoi-2097873.txt"))
    }

    @Test func anEmptyFileIsRefused() throws {
        let failure = try #require(error([], name: "empty.txt"))
        #expect(failure == .empty(name: "empty.txt", whitespaceOnly: false))
        #expect(failure.description.hasPrefix("cannot parse empty.txt: it is empty"))
    }

    @Test func aFileOfWhiteSpaceIsRefused() throws {
        let failure = try #require(error(Array(" \r\n\t\u{00A0}\n\n".utf8), name: "blank.txt"))
        #expect(failure == .empty(name: "blank.txt", whitespaceOnly: true))
        #expect(failure.description.hasPrefix("cannot parse blank.txt: it holds only white space"))
    }

    @Test func aByteOrderMarkAloneIsEmpty() {
        #expect(error([0xEF, 0xBB, 0xBF], name: "bom.txt") == .empty(name: "bom.txt", whitespaceOnly: false))
    }

    @Test func binaryDataIsRefused() throws {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48]
        let failure = try #require(error(png, name: "scan.png"))
        #expect(failure == .binary(name: "scan.png"))
        #expect(failure.description.hasPrefix("cannot parse scan.png: it holds binary data"))
        let controls = (0..<400).map { UInt8($0 % 3 == 0 ? 0x01 : 0x41) }
        #expect(error(controls, name: "controls.bin") == .binary(name: "controls.bin"))
    }

    @Test func aCaptureWithoutIdentifierIsRefusedUnlessTheNameHasOne() throws {
        let text = Array(Variants.withoutIDLine(Seeds.text(Seeds.mex201601)).utf8)
        let failure = try #require(error(text, name: "capture-0042.txt"))
        #expect(failure == .noIdentifier(name: "capture-0042.txt"))
        #expect(failure.description.hasPrefix("cannot parse capture-0042.txt: no RIR identifier"))
        #expect(failure.description.contains("\nhint: "))
        #expect(error(text, name: "inbox/MEX201601.E.txt") == nil)
    }

    @Test func anHTMLPageWithoutAReportIsRefused() throws {
        let page = """
            <!DOCTYPE html><html lang="en"><head><title>Page not found - Immigration and Refugee Board of Canada</title>
            <script>var page = "1 September 2023";</script></head>
            <body><header><nav><ul><li>Home</li></ul></nav></header>
            <main><h1>We couldn&#8217;t find that Web page (Error 404)</h1>
            <p>We&#8217;re sorry you ended up here. Sometimes a page gets moved or deleted.</p></main>
            <footer><p>Date modified: 2023-09-01</p></footer></body></html>
            """
        let name = "https://irb-cisr.gc.ca/en/country-information/rir/Pages/index.aspx?doc=999999"
        let failure = try #require(error(Array(page.utf8), name: name))
        #expect(failure == .noReportInHTML(name: name))
        #expect(failure.description.hasPrefix("cannot parse \(name): the HTML page holds no report"))
    }

    @Test func aTextWithoutDateLineIsRefused() throws {
        let failure = try #require(error(Array("Some notes\n\nMEX201601.E\n\nMore notes\n".utf8), name: "notes.txt"))
        #expect(failure == .noDate(name: "notes.txt"))
        #expect(failure.description.hasPrefix("cannot parse notes.txt: no date line found"))
    }

    @Test func aHeaderWithoutTitleIsRefused() {
        #expect(error(Array("1 September 2023\n\nMEX201601.E\n".utf8), name: "head.txt") == .noTitle(name: "head.txt"))
    }

    @Test func anInputOverTheCapIsRefused() throws {
        let bytes = Seeds.bytes(Seeds.mex201601)
        let failure = try #require(error(bytes, name: "big.txt", limits: ParserLimits(maxBytes: 10_000)))
        #expect(failure == .tooLarge(name: "big.txt", size: bytes.count, limit: 10_000))
        #expect(failure.description.hasPrefix("cannot parse big.txt: it is \(bytes.count) bytes, over the limit"))
        #expect(ParserLimits().maxBytes == 16 << 20)
    }

    @Test func everyBadInputHasItsOwnMessage() {
        let name = "x"
        let messages: Set<String> = [
            ParseError.empty(name: name, whitespaceOnly: false), .empty(name: name, whitespaceOnly: true),
            .tooLarge(name: name, size: 2, limit: 1), .binary(name: name), .unreadableHTML(name: name),
            .noReportInHTML(name: name), .noDate(name: name), .noIdentifier(name: name), .noTitle(name: name),
        ].reduce(into: []) { $0.insert($1.description.split(separator: "\n")[0].description) }
        #expect(messages.count == 9)
        #expect(messages.allSatisfy { $0.hasPrefix("cannot parse x: ") })
    }
}
