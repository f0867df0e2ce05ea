import RIRModel
import RIRParser
import RIRTestSupport
import Testing

/// Text saved as UTF-16 with a byte-order mark (as some Windows tools save it) is read as text.
@Suite struct UTF16Tests {
    static func utf16(_ text: String, littleEndian: Bool) -> [UInt8] {
        var bytes: [UInt8] = littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]
        for unit in text.utf16 {
            let low = UInt8(unit & 0xFF)
            let high = UInt8(unit >> 8)
            bytes += littleEndian ? [low, high] : [high, low]
        }
        return bytes
    }

    @Test(arguments: [(true, "utf-16le"), (false, "utf-16be")])
    func aReportSavedAsUTF16WithAByteOrderMarkReadsLikeItsUTF8Copy(littleEndian: Bool, encoding: String) throws {
        let text = Seeds.text(Seeds.mex201601French)
        let expected = try CaptureParser.parse(Array(text.utf8), name: Seeds.mex201601French)
        let parsed = try CaptureParser.parse(Self.utf16(text, littleEndian: littleEndian), name: Seeds.mex201601French)
        #expect(parsed.encoding == encoding)
        #expect(parsed.format == .text)
        #expect(parsed.report == expected.report)
    }

    @Test func anHTMLPageSavedAsUTF16IsReadAsHTML() throws {
        let page = GCWebPage().source(Seeds.text(Seeds.mex201601))
        let expected = try CaptureParser.parse(Array(page.utf8), name: "page.html")
        let parsed = try CaptureParser.parse(Self.utf16(page, littleEndian: true), name: "page.html")
        #expect(parsed.encoding == "utf-16le")
        #expect(parsed.format == .html)
        #expect(parsed.report.contentHash == expected.report.contentHash)
    }

    @Test func anOddByteCountOrAnUnpairedSurrogateIsBinaryNotText() {
        func failure(_ bytes: [UInt8]) -> ParseError? {
            do { _ = try CaptureParser.parse(bytes, name: "odd.txt"); return nil } catch { return error }
        }
        #expect(failure(Self.utf16("Mexico", littleEndian: true) + [0x41]) == .binary(name: "odd.txt"))
        #expect(failure([0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00]) == .binary(name: "odd.txt"))
    }

    @Test func aUTF16ByteOrderMarkAloneIsEmpty() {
        do {
            _ = try CaptureParser.parse([0xFE, 0xFF], name: "bom.txt")
            Issue.record("an empty UTF-16 file was accepted")
        } catch {
            #expect(error == .empty(name: "bom.txt", whitespaceOnly: false))
        }
    }
}
