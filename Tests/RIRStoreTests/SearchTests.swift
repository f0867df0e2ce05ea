import Foundation
import Testing
import RIRModel
import RIRParser
@testable import RIRStore
import RIRTestSupport

/// Full-text search over every stored text (design §9).
@Suite struct SearchTests {
    static func seeded() throws -> ArchiveStore {
        let store = try ArchiveStore()
        for name in Seeds.all {
            let bytes = Seeds.bytes(name)
            let parsed = try CaptureParser.parse(bytes, name: name)
            let capture = CaptureInput(bytes: bytes, source: name, capturedAt: "2026-11-22T10:00:00Z",
                                       format: parsed.format.rawValue, encoding: parsed.encoding, report: parsed.report)
            #expect(try store.ingest(capture, rules: Fixture.rules).outcome == .newDocument)
        }
        return store
    }

    /// Texts are indexed when their transaction's work is done, in rowid order: a batch that mixes
    /// titles and sections of many reports is indexed whole, a batch that fails leaves nothing
    /// behind, and FTS5's own integrity check passes.
    @Test func aBatchIsIndexedWholeAndAFailedBatchLeavesNothing() throws {
        let store = try ArchiveStore()
        let items = (0..<20).map { n in
            IngestItem.capture(Fixture.capture(Fixture.report(String(format: "MEX2016%02d.E", n + 10),
                                                              title: "Mexico: report number\(n) of the batch")))
        }
        #expect(try store.ingest(items, rules: Fixture.rules).allSatisfy { $0.outcome == .newDocument })
        var broken = Fixture.capture(Fixture.report("MEX201699.E", title: "Mexico: a batch that fails"))
        broken.capturedAt = "not a time"
        let failing = [IngestItem.capture(Fixture.capture(Fixture.report("MEX201698.E", title: "Mexico: rolled back"))),
                       .capture(broken)]
        #expect(throws: StoreError.self) { try store.ingest(failing, rules: Fixture.rules) }
        for n in 0..<20 {
            #expect(try store.search("number\(n)").map(\.id) == [String(format: "MEX2016%02d.E", n + 10)])
        }
        #expect(try store.search("rolled").isEmpty)
        #expect(try store.search("fails").isEmpty)
        try store.tamperForTesting(sql: "INSERT INTO search_index (search_index, rank) VALUES ('integrity-check', 1)")
        #expect(try store.verify().problems == [])
    }

    @Test func phrasesPrefixesAndBooleansFindTheSeeds() throws {
        let store = try Self.seeded()
        let phrase = try store.search("\"new generation cartel\"")
        #expect(Set(phrase.map(\.id)) == ["MEX201601.E", "MEX201603.E"])
        #expect(phrase.allSatisfy { $0.snippet.lowercased().contains("[new generation cartel]") })
        let prefix = try store.search("cartel*", filters: SearchFilters(reportID: "MEX201603.E"))
        #expect(!prefix.isEmpty)
        #expect(prefix.allSatisfy { $0.id == "MEX201603.E" })
        let both = try store.search("cartel AND farmers")
        let either = try store.search("cartel OR farmers")
        let without = try store.search("cartel NOT farmers")
        #expect(!both.isEmpty)
        #expect(either.count >= both.count + without.count - 1)
        #expect(Set(both.map(\.snippet)).isDisjoint(with: Set(without.map(\.snippet))))
    }

    @Test func aLimitedOrFilteredSearchKeepsTheSnippetsOfTheFullOne() throws {
        let store = try Self.seeded()
        let all = try store.search("cartel*")
        let limited = try store.search("cartel*", filters: SearchFilters(limit: 2))
        #expect(all.count > 2)
        #expect(limited == Array(all.prefix(2)))
        let one = try store.search("cartel*", filters: SearchFilters(reportID: "MEX201603.E"))
        #expect(!one.isEmpty)
        #expect(one == all.filter { $0.id == "MEX201603.E" })
        #expect(one.allSatisfy { !$0.snippet.isEmpty })
        #expect(try store.search("cartel*", filters: SearchFilters(limit: 0)).isEmpty)
    }

    @Test func frenchMatchesWithoutItsDiacritics() throws {
        let store = try Self.seeded()
        let overview = try store.search("apercu", filters: SearchFilters(language: .fr))
        #expect(overview.map(\.id) == ["MEX201601.EF"])
        #expect(overview.first?.heading == "Aperçu")
        #expect(overview.first?.sectionNumber == "1")
        #expect(overview.first?.snippet.contains("[Aperçu]") == true)
        let answers = try store.search("reponse", filters: SearchFilters(country: "MEX", language: .fr))
        #expect(answers.contains { $0.snippet.contains("[réponse]") })
        #expect(try store.search("apercu", filters: SearchFilters(language: .en)).isEmpty)
    }

    @Test func aHitNamesEveryRevisionHoldingTheTextWhateverItsNumberThere() throws {
        let store = try ArchiveStore()
        let a = Fixture.report()
        var b = a
        b.sections.insert(Section(number: "1", level: 1, heading: "Introduction", text: "New opening."), at: 0)
        for index in 1..<b.sections.count {
            b.sections[index].number = ["2", "3", "3.1", "4"][index - 1]
        }
        var c = b
        c.sections[4].text = "Profiles text, rewritten by zanzibarite editors."
        for (report, day) in [(a, 1), (b, 2), (c, 3)] {
            _ = try store.ingest(Fixture.capture(report, at: "2026-0\(day)-01T10:00:00Z"), rules: Fixture.rules)
        }
        let hits = try store.search("informant")
        #expect(hits.count == 1)
        #expect(hits.first?.revisions == [1, 2, 3])
        #expect(hits.first?.sectionNumber == "3.1")
        #expect(hits.first?.firstSeen == "2026-01-01T10:00:00Z")
        #expect(hits.first?.lastSeen == "2026-03-01T10:00:00Z")
        let old = try store.search("profiles")
        #expect(old.contains { $0.revisions == [1, 2] && $0.part == .section })
        #expect(try store.search("profiles", filters: SearchFilters(latestOnly: true)).allSatisfy {
            $0.revisions.contains(3)
        })
        #expect(try store.search("zanzibarite").map(\.revisions) == [[3]])
        #expect(try store.search("targeted").first?.part == .title)
    }

    @Test func malformedQueriesFailWithAClearMessage() throws {
        let store = try Self.seeded()
        let cases = ["\"new generation": "unbalanced quotes", "(cartel OR farmers": "unbalanced parentheses",
                     "cartel AND": "it ends where a word or phrase should follow (after AND, OR, NOT or '(')",
                     "  ": "the query is empty"]
        for (query, cause) in cases {
            do {
                _ = try store.search(query)
                Issue.record("'\(query)' should not be a valid query")
            } catch {
                #expect(error.description.hasPrefix("cannot search for '\(query)': \(cause)\n"))
                #expect(!error.description.contains("fts5"))
            }
        }
    }

    @Test func aPurgedReportIsNeitherSearchableNorLeftInTheFile() throws {
        let path = try DatabaseFileTests.temporaryPath()
        let store = try ArchiveStore(path: path)
        let secret = "Quetzalcoatlite"
        var purged = Fixture.report("MEX201601.E")
        purged.sections[0].text = "A paragraph naming the \(secret) network.\n\nSecond paragraph."
        _ = try store.ingest(Fixture.capture(purged, bytes: "raw \(secret) bytes"), rules: Fixture.rules)
        _ = try store.ingest(Fixture.capture(Fixture.report("MEX201603.E")), rules: Fixture.rules)
        #expect(try store.search(secret).map(\.id) == ["MEX201601.E"])
        try store.checkpoint()
        #expect(try Self.fileContains(path, secret))

        _ = try store.purge("MEX201601.E", reason: "expired", at: "2026-11-22T09:00:00Z")
        try store.checkpoint()
        #expect(try store.search(secret).isEmpty)
        #expect(try store.search("informant").map(\.id) == ["MEX201603.E"])
        #expect(try !Self.fileContains(path, secret))
        #expect(try !Self.fileContains(path + "-wal", secret))
        #expect(try store.verify().problems == [])
    }

    @Test func verifyNoticesAnIndexThatNoLongerMatchesTheTexts() throws {
        let store = try ArchiveStore()
        _ = try store.ingest(Fixture.capture(Fixture.report()), rules: Fixture.rules)
        #expect(try store.verify().problems == [])
        try store.tamperForTesting(sql: """
            INSERT INTO search_index (search_index, rowid, heading, body)
            SELECT 'delete', id, heading, body FROM search_source WHERE id = 1
            """)
        try store.tamperForTesting(sql: "INSERT INTO search_index (rowid, heading, body) VALUES (999, NULL, 'orphan')")
        try store.tamperForTesting(sql: "UPDATE title SET text = 'Another title'")
        let problems = try store.verify().problems
        #expect(problems.contains("search index: shared text 1 has no index entry"))
        #expect(problems.contains("search index: entry 999 has no stored text"))
        #expect(problems.contains("search index: title 'Another title' of MEX201601.E is held by no revision"))
        #expect(problems.contains("search index: MEX201601.E has the title '\(Fixture.report().title)' but it is not indexed"))
    }

    /// Whether the file's bytes contain `word` (case-insensitively, as ASCII).
    static func fileContains(_ path: String, _ word: String) throws -> Bool {
        guard let data = FileManager.default.contents(atPath: path) else { return false }
        let needle = Array(word.lowercased().utf8)
        let bytes = [UInt8](data).map { (65...90).contains($0) ? $0 + 32 : $0 }
        guard bytes.count >= needle.count else { return false }
        return (0...(bytes.count - needle.count)).contains { start in
            bytes[start] == needle[0] && Array(bytes[start..<start + needle.count]) == needle
        }
    }
}
