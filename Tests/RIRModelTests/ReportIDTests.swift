import Testing
import RIRModel

@Suite struct ReportIDTests {
    @Test func parsesFullIdentifiers() throws {
        let id = try #require(ReportID("MEX201601.EF"))
        #expect(id.country == "MEX")
        #expect(id.number == "201601")
        #expect(id.suffix == .ef)
        #expect(id.language == .fr)
        #expect(id.baseID == "MEX201601")
        #expect(id.description == "MEX201601.EF")
        #expect(ReportID("ZZZ20162.FE")?.language == .en)
    }

    @Test func ordersLikeTheFullIdentifierText() {
        let ids = ["MEX201601.EF", "MEX20160.E", "MEX201601.E", "ABC999999.F", "MEX201602.E", "ZZZ10000.FE"]
        let parsed = ids.compactMap { ReportID($0) }
        #expect(parsed.sorted().map(\.description) == ids.sorted())
    }

    @Test func rejectsMalformedIdentifiers() {
        for bad in ["MEX201601", "mex201601.E", "MEX2016.E", "MEX2016011.E", "MEX201601.X", "MX201601.E", ""] {
            #expect(ReportID(bad) == nil, "\(bad)")
        }
    }

    @Test func findsIdentifiersAtWordBoundariesOnly() {
        let text = "see MEX201601.E and ZZZ201620.EF, not XMEX201601.E nor MEX201601.EFG; CMR20061.F."
        #expect(ReportID.all(in: text).map(\.description) == ["MEX201601.E", "ZZZ201620.EF", "CMR20061.F"])
    }

    @Test func findsBaseIdentifiersInProse() {
        let text = "see Response to Information Request MEX201603 of August 2023 and MEX201603.E; ABC1234 no"
        #expect(ReportID.baseIDs(in: text) == ["MEX201603"])
    }
}

@Suite struct CalendarDateTests {
    @Test func roundTripsDaysSinceEpoch() {
        for days in [-800_000, -1, 0, 1, 19_600, 2_932_896] {
            #expect(CalendarDate(daysSinceEpoch: days).daysSinceEpoch == days)
        }
        #expect(CalendarDate(daysSinceEpoch: 0).iso == "1970-01-01")
        #expect(CalendarDate(iso: "2023-09-01")?.daysSinceEpoch == 19_601)
    }

    @Test func onlyWholeISODatesParse() {
        for bad in ["2023-9-01", "2023-09-011", "20230-09-01", "2023/09/01", "2023-13-01", "2023-02-30", "", "2023-09-0x",
                    "2023-09-01T10:00:00Z"] {
            #expect(CalendarDate(iso: bad) == nil, "\(bad)")
        }
        let stamp = "2024-02-29T10:00:00Z"
        #expect(CalendarDate(iso: stamp.prefix(10))?.iso == "2024-02-29")
        #expect(ReportID("MEX201601.E".dropFirst(0))?.description == "MEX201601.E")
        #expect(ReportID("xMEX201601.E".dropFirst())?.baseID == "MEX201601")
    }

    @Test func leapDayPlusYearsBecomesTwentyEighthOfFebruary() {
        #expect(CalendarDate(iso: "2024-02-29")!.adding(years: 7).iso == "2031-02-28")
        #expect(CalendarDate(iso: "2024-02-29")!.adding(years: 4).iso == "2028-02-29")
    }

    @Test func timestampsAreISOInUTC() {
        #expect(Timestamp.iso(secondsSinceEpoch: 0) == "1970-01-01T00:00:00Z")
        #expect(Timestamp.iso(secondsSinceEpoch: 1_795_349_472) == "2026-11-22T12:11:12Z")
        #expect(Timestamp.iso(secondsSinceEpoch: -1) == "1969-12-31T23:59:59Z")
    }

    @Test func rejectsImpossibleDates() {
        for bad in ["2023-02-29", "2023-13-01", "2023-1-01", "20230101", "2023-04-31"] {
            #expect(CalendarDate(iso: bad) == nil, "\(bad)")
        }
    }
}

@Suite struct ContentHashTests {
    static func report(title: String = "Mexico: a title", text: String = "Body text.") -> Report {
        Report(id: ReportID("MEX201601.E")!, published: CalendarDate(iso: "2023-09-01")!, title: title,
               author: "Research Directorate, Immigration and Refugee Board of Canada",
               sections: [Section(number: "1", level: 1, heading: "Overview", text: text)],
               closing: "This Response was prepared…", references: ["A. 2023. B."])
    }

    /// The canonical bytes hold one `p` field per paragraph exactly as `Section.paragraphs` splits
    /// the text, blank-line runs and a leading line break included.
    @Test func canonicalBytesSplitParagraphsAsSectionParagraphsDoes() {
        let text = "one\ntwo\n\nthree\n\n\n\nfour\n\n\n five\n\n"
        let report = Self.report(text: text)
        var expected: [UInt8] = []
        for paragraph in report.sections[0].paragraphs {
            expected += [0x70, 0x1F] + Array(ContentFolding.fold(paragraph).utf8) + [0x1E]
        }
        let bytes = report.canonicalBytes
        #expect(report.sections[0].paragraphs.count == 4)
        #expect((0...(bytes.count - expected.count)).contains { Array(bytes[$0..<($0 + expected.count)]) == expected })
    }

    @Test func foldsWhitespaceAndQuoteVariants() {
        let a = Self.report(text: "The group\u{00A0}said  \u{201C}it\u{2019}s\u{201D} here.")
        let b = Self.report(text: "The group said \"it's\" here. ")
        #expect(a.contentHash == b.contentHash)
        #expect(a.contentHash.count == 64)
    }

    @Test func anyWordChangeChangesTheHash() {
        #expect(Self.report().contentHash != Self.report(text: "Body texts.").contentHash)
        #expect(Self.report().contentHash != Self.report(title: "Mexico: another").contentHash)
    }
}

@Suite struct FoldingTests {
    @Test func foldsEveryUnicodeSpaceAndQuoteVariantAndKeepsOtherText() {
        let text = "\u{FEFF} A\u{00A0}\u{2003}b\u{202F}c \u{2018}d\u{2019} \u{201C}e\u{201D} \u{02BC}f\u{2032}\u{2033} é–ü😀 \r\n\t"
        #expect(ContentFolding.fold(text) == "A b c 'd' \"e\" 'f'\" é–ü😀")
    }

    /// Control bytes, a DEL, a lone space at either end and runs of mixed blanks fold exactly as
    /// the byte-at-a-time folding did; a Substring folds like the String it is cut from.
    @Test func foldingTreatsEveryByteAsBefore() {
        #expect(ContentFolding.fold("  a\u{01}b\u{7F}c \u{0B}\u{0C} d\u{2028}\u{3000}e  ") == "a\u{01}b\u{7F}c d e")
        #expect(ContentFolding.fold("x\u{2019}\u{2019}y\u{201F}") == "x''y\"")
        let text = "Title: \u{201C}quoted\u{201D}\u{00A0}text"
        #expect(ContentFolding.fold(text.dropFirst(7)) == "\"quoted\" text")
        #expect(ContentFolding.fold("") == "" && ContentFolding.fold(" \u{00A0} ") == "")
    }

    @Test func paragraphsSplitAtBlankLinesOnly() {
        let section = Section(number: "1", level: 1, heading: "H", text: "one\ntwo\n\nthree\n\n\n\nfour\n\n")
        #expect(section.paragraphs == ["one\ntwo", "three", "four"])
    }
}

@Suite struct DigestTests {
    @Test func sha256AndHMACMatchTheirPublishedTestVectors() {
        // FIPS 180-2 "abc", and RFC 4231 test case 2 (key "Jefe").
        #expect(SHA256Hex.digest(of: Array("abc".utf8))
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256Hex.hmac(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8))
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }
}
