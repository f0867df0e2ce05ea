import Testing
import RIRModel
@testable import RIRPresentation
import RIRTestSupport

/// The narrow (one column a scalar) fast paths of the table against the character-by-character
/// measure they stand in for.
@Suite struct DisplayWidthTests {
    static let samples = [
        "Mexique : aperçu de la situation", "Haïti : l’état des lieux…", "Côte d’Ivoire – « les groupes »",
        "Ça, c'est l'été ! Œuvre, ÿ, ß, ĳ, ǅ, ʼ", "plain ASCII", "",
        "soft\u{AD}hyphen", "Me\u{0301}xico", "日本", "tab\there", "nbsp\u{A0}inside", "cr\r\nlf",
    ]

    @Test func narrowWidthAgreesWithTheCharacterMeasureWheneverItAnswers() {
        for text in Self.samples {
            let characters = text.reduce(0) { $0 + DisplayWidth.of($1) }
            if let narrow = DisplayWidth.narrowWidth(text) { #expect(narrow == characters, "\(text)") }
            #expect(DisplayWidth.of(text) == characters, "\(text)")
        }
    }

    @Test func narrowWidthDeclinesWhatItCannotCountByScalars() {
        for text in ["soft\u{AD}hyphen", "Me\u{0301}xico", "日本", "tab\there", "cr\r\nlf", "c1\u{85}control"] {
            #expect(DisplayWidth.narrowWidth(text) == nil, "\(text)")
        }
        #expect(DisplayWidth.narrowWidth("Haïti : l’état…") == 15)
    }

    @Test func fittedCutsNarrowAndOtherTextTheSameWayACharacterLoopWould() {
        for text in Self.samples {
            for limit in [1, 2, 5, 12, 40] {
                let (cut, width) = DisplayWidth.fitted(text, to: limit)
                #expect(width == DisplayWidth.of(cut), "\(text) to \(limit)")
                #expect(width <= limit, "\(text) to \(limit)")
                if DisplayWidth.of(text) <= limit {
                    #expect(cut == text)
                } else {
                    #expect(cut.hasSuffix("…"))
                    #expect(text.hasPrefix(String(cut.dropLast())), "\(text) to \(limit)")
                }
            }
        }
        #expect(DisplayWidth.fitted("Colombie : état des lieux", to: 12).text == "Colombie : …")
        #expect(DisplayWidth.fitted("Me\u{0301}xico et ses États", to: 7).text == "Me\u{0301}xico…")
    }

    @Test func tableOfNumbersDatesAndFlagsMatchesTheirText() {
        let table = TabularReport(
            columns: [.init("n", alignment: .right), .init("date"), .init("flag"), .init("none"), .init("title", maxWidth: 9)],
            rows: [[.integer(0), .date(day("2016-02-29")), .bool(true), .null, .text("Haïti : l’état")],
                   [.integer(-1234), .date(day("0999-01-02")), .bool(false), .null, .text("soft\u{AD}hyphen cut")]])
        #expect(table.table() == """
                N  DATE        FLAG  NONE  TITLE
                0  2016-02-29  yes   -     Haïti : …
            -1234  0999-01-02  no    -     soft\u{AD}hyph…

            """)
        #expect(table.csv() == "n,date,flag,none,title\r\n0,2016-02-29,true,,Haïti : l’état\r\n"
            + "-1234,0999-01-02,false,,soft\u{AD}hyphen cut\r\n")
    }

    @Test func bytesHoldTheTableAndCSVTextWithCutsQuotesAndLists() {
        let table = TabularReport(columns: [.init("a"), .init("b", maxWidth: 4), .init("c")],
                                  rows: [[.text("x,\"y\""), .list(["Évian", "b"]), .integer(7)],
                                         [.null, .text("e\u{0301}te\u{0301} long"), .date(day("2023-09-01"))]])
        #expect(String(decoding: table.bytes(as: .table), as: UTF8.self) == """
            A      B     C
            x,"y"  Évi…  7
            -      e\u{0301}te\u{0301}…  2023-09-01

            """)
        #expect(String(decoding: table.bytes(as: .csv), as: UTF8.self)
            == "a,b,c\r\n\"x,\"\"y\"\"\",Évian;b,7\r\n,e\u{0301}te\u{0301} long,2023-09-01\r\n")
        #expect(table.bytes(as: .json) == Array(table.json().utf8))
    }
}
