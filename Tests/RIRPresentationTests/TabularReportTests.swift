import Foundation
import Testing
import RIRModel
import RIRPresentation
import RIRRetention
import RIRTestSupport

@Suite struct TabularReportTests {
    let row = RetentionReportRow(
        id: rir("MEX201601.E"), title: "Mexico: \"El Chapo\", cartels", language: .en,
        published: day("2016-09-01"), expires: day("2023-09-01"), daysLeft: 5, held: true,
        reasons: [.age, .superseded], supersededBy: [rir("MEX201603.E")])

    @Test func csvQuotesATitleWithACommaAndAQuote() {
        let csv = TabularReport(retentionRows: [row]).csv()
        #expect(csv == "id,title,language,published,expires,days_left,held,reasons,superseded_by\r\n"
            + "MEX201601.E,\"Mexico: \"\"El Chapo\"\", cartels\",en,2016-09-01,2023-09-01,5,true,"
            + "age;superseded,MEX201603.E\r\n")
    }

    @Test func csvQuotesLineBreaksAndLeavesPlainFieldsBare() {
        let table = TabularReport(columns: [.init("a"), .init("b"), .init("c")],
                                  rows: [[.text("two\nlines"), .text("cr\rhere"), .text("plain text")]])
        #expect(table.csv() == "a,b,c\r\n\"two\nlines\",\"cr\rhere\",plain text\r\n")
    }

    @Test func csvOfNoRowsIsTheHeaderAlone() {
        #expect(TabularReport(retentionRows: []).csv()
            == "id,title,language,published,expires,days_left,held,reasons,superseded_by\r\n")
    }

    @Test func tableAlignsColumnsByDisplayWidthWithAccentedText() {
        let decomposed = "Me\u{0301}xico"  // e + combining acute: one column
        let table = TabularReport(
            columns: [.init("title"), .init("days_left", alignment: .right), .init("language")],
            rows: [[.text("Mexique : aperçu"), .integer(5), .text("fr")],
                   [.text(decomposed), .integer(120), .text("en")],
                   [.text("Haïti : état"), .integer(42), .text("fr")]])
        #expect(table.table() == """
            TITLE             DAYS LEFT  LANGUAGE
            Mexique : aperçu          5  fr
            México                  120  en
            Haïti : état             42  fr

            """.replacingOccurrences(of: "México", with: decomposed))
    }

    @Test func tableCountsWideCharactersAsTwoColumns() {
        let table = TabularReport(columns: [.init("name"), .init("n")],
                                  rows: [[.text("日本"), .integer(1)], [.text("abcd"), .integer(2)]])
        #expect(table.table() == "NAME  N\n日本  1\nabcd  2\n")
    }

    @Test func tableCutsLongTitlesAndKeepsCellsOnOneLine() {
        let table = TabularReport(columns: [.init("title", maxWidth: 8), .init("x")],
                                  rows: [[.text("Colombie : état"), .text("a\tb")], [.null, .list([])]])
        #expect(table.table() == "TITLE     X\nColombi…  a b\n-\n")
    }

    @Test func retentionTableShowsHeldAndListsReadably() {
        let text = TabularReport(retentionRows: [row]).table()
        let lines = text.split(separator: "\n")
        #expect(lines.first == "ID           TITLE                        LANGUAGE  PUBLISHED   EXPIRES     DAYS LEFT  HELD  REASONS          SUPERSEDED BY")
        #expect(lines.last?.hasSuffix("5  yes   age, superseded  MEX201603.E") == true)
    }

    @Test func jsonKeepsTheDocumentedKeyOrder() throws {
        let json = TabularReport(retentionRows: [row]).json()
        #expect(json == """
            [
              {
                "id": "MEX201601.E",
                "title": "Mexico: \\"El Chapo\\", cartels",
                "language": "en",
                "published": "2016-09-01",
                "expires": "2023-09-01",
                "days_left": 5,
                "held": true,
                "reasons": ["age", "superseded"],
                "superseded_by": ["MEX201603.E"]
              }
            ]

            """)
    }

    @Test func jsonDecodesBackIntoTheSameRows() throws {
        let plain = RetentionReportRow(id: rir("HTI201602.FE"), title: "Haïti\ttab", language: .en,
                                       published: day("2017-01-01"), expires: day("2024-01-01"), daysLeft: -3,
                                       held: false)
        let json = TabularReport(retentionRows: [row, plain]).json()
        let decoded = try JSONDecoder().decode([RetentionReportRow].self, from: Data(json.utf8))
        #expect(decoded == [row, plain])
    }

    @Test func jsonOfNoRowsIsAnEmptyArray() {
        #expect(TabularReport(retentionRows: []).rendered(as: .json) == "[]\n")
    }

    @Test func jsonEscapesControlCharacters() {
        let value = JSONValue.object([JSONMember("k", .string("a\u{01}\n\"\\é")), JSONMember("n", .null)])
        #expect(value.rendered() == "{\n  \"k\": \"a\\u0001\\n\\\"\\\\é\",\n  \"n\": null\n}\n")
    }

    @Test func sweepJSONFollowsTheContract() {
        let reports = [RetentionSubject(id: rir("MEX201601.E"), title: "x", published: day("2016-01-01")),
                       RetentionSubject(id: rir("MEX201602.E"), title: "y", published: day("2016-01-01"), holds: 1)]
        let plan = RetentionPolicy.standard.plan(for: reports, asOf: day("2024-06-01"), force: true)
        #expect(plan.json(exported: ["/srv/export/MEX201601.E.json"]) == """
            {
              "as_of": "2024-06-01",
              "purge": ["MEX201601.E"],
              "held": ["MEX201602.E"],
              "exported": ["/srv/export/MEX201601.E.json"],
              "refused": false,
              "reason": null
            }

            """)
    }

    @Test func sweepTextOfARefusedPlanSaysWhyAndListsWhatWasRefused() {
        let reports = [RetentionSubject(id: rir("MEX201601.E"), title: "Mexique : aperçu", published: day("2016-01-01"))]
        let text = RetentionPolicy.standard.plan(for: reports, asOf: day("2024-06-01"), force: false).text(dryRun: true)
        #expect(text == """
            sweep as of 2024-06-01 refused: would purge 1 of 1 reports (100.0%), above \
            retention.max_purge_fraction 0.10; check the clock and --as-of, then re-run with --force
            ACTION   ID           PUBLISHED   EXPIRED     HOLDS  TITLE
            refused  MEX201601.E  2016-01-01  2023-01-01      0  Mexique : aperçu

            """)
    }

    @Test func sweepTextOfADryRunSummarisesThePlan() {
        let reports = [RetentionSubject(id: rir("MEX201600.E"), title: "Report 0", published: day("2016-01-01"))]
            + (1...9).map { RetentionSubject(id: rir("HTI20160\($0).E"), title: "Report \($0)", published: day("2022-01-01")) }
        let text = RetentionPolicy.standard.plan(for: reports, asOf: day("2024-06-01"), force: false).text(dryRun: true)
        #expect(text.hasPrefix("sweep as of 2024-06-01 (dry run): would purge 1 of 10 reports (10.0%), 0 held\n"))
        #expect(text.contains("would purge  MEX201600.E"))
    }
}

@Suite struct RetentionStandingFormatTests {
    let standing = RetentionPolicy.standard.standing(of: rir("MEX201601.E"), published: day("2016-09-01"),
                                                     holds: 0, asOf: day("2023-09-03"))

    @Test func standingJSONHasStableKeysAndSaysItIsPurgeable() {
        #expect(standing.jsonValue.rendered() == """
            {
              "id": "MEX201601.E",
              "as_of": "2023-09-03",
              "published": "2016-09-01",
              "expires": "2023-09-01",
              "days_left": -2,
              "status": "expired",
              "holds": 0,
              "held": false,
              "purgeable": true
            }

            """)
    }

    @Test func standingTextSaysHowLongAgoItExpired() {
        #expect(standing.text.hasPrefix("MEX201601.E: expired as of 2023-09-03 (expired 2 days ago)\n"))
        #expect(standing.text.contains("holds:     0 (the next sweep purges it)"))
    }
}
