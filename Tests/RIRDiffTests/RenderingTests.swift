import Foundation
import RIRDiff
import RIRModel
import Testing

/// Properties of the four renderings that golden files alone would not state.
struct RenderingTests {
    @Test(arguments: GoldenTests.scenarioNames)
    func jsonDecodesBackToTheSameDiff(_ name: String) throws {
        let diff = try Scenario.named(name).diff
        for pretty in [true, false] {
            let decoded = try JSONDecoder().decode(RevisionDiff.self, from: Data(diff.json(pretty: pretty).utf8))
            #expect(decoded == diff)
        }
        let encoded = try JSONEncoder().encode(diff)
        #expect(try JSONDecoder().decode(RevisionDiff.self, from: encoded) == diff)
    }

    @Test func jsonFollowsTheContract() throws {
        let diff = try Scenario.named("inserted-section").diff
        let object = try #require(JSONSerialization.jsonObject(with: Data(diff.json().utf8)) as? [String: Any])
        for key in ["id", "from", "to", "metadata", "sections", "references", "summary"] {
            #expect(object[key] != nil, "missing \(key)")
        }
        #expect(object["id"] as? String == "MEX201601.E")
        let sections = try #require(object["sections"] as? [[String: Any]])
        let added = try #require(sections.first { $0["status"] as? String == "added" })
        #expect(added["from_number"] is NSNull)
        #expect(added["to_number"] as? String == "3.1")
        let summary = try #require(object["summary"] as? [String: Int])
        #expect(summary == ["unchanged": 4, "modified": 0, "added": 1, "removed": 0, "renumbered": 10, "moved": 0])
        let compact = diff.json(pretty: false)
        #expect(!compact.contains("\n") && compact.hasPrefix("{\"id\":\"MEX201601.E\",\"from\":"))
    }

    @Test(arguments: GoldenTests.scenarioNames)
    func htmlIsSelfContainedAndBalanced(_ name: String) throws {
        let page = try Scenario.named(name).diff.html(DiffRenderOptions())
        #expect(!page.lowercased().contains("<script"))
        #expect(!page.contains("http"))
        #expect(page.contains("<meta name=\"viewport\""))
        #expect(Self.unbalancedTags(page) == [])
    }

    @Test func htmlEscapesReportText() throws {
        var report = try SeedReports.report("MEX201603.E")
        let old = report
        report.sections[1].text += "\n\n<script>alert(\"x\")</script> & more"
        let page = RevisionDiffer.diff(from: old, DiffSide(id: "MEX201603.E", revision: 1),
                                       to: report, DiffSide(id: "MEX201603.E", revision: 2)).html(DiffRenderOptions())
        #expect(!page.contains("<script"))
        #expect(page.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more"))
    }

    @Test func htmlTableOfContentsListsOnlyChangedSections() throws {
        let page = try Scenario.named("edited-paragraph").diff.html(DiffRenderOptions())
        let nav = try #require(page.range(of: "<nav").flatMap { start in
            page.range(of: "</nav>").map { String(page[start.lowerBound..<$0.upperBound]) } })
        #expect(nav.components(separatedBy: "<li>").count - 1 == 2)
        #expect(nav.contains("3.2 Farmers") && nav.contains("2 Tracking Methods"))
        #expect(page.contains("<ins>sharp </ins>") || page.contains("<ins> sharp</ins>"))
    }

    @Test func textUsesColourOnlyWhenAsked() throws {
        let diff = try Scenario.named("edited-paragraph").diff
        let plain = diff.text(DiffRenderOptions(colour: false))
        #expect(!plain.contains("\u{1B}["))
        #expect(plain.contains("{+sharp +}") || plain.contains("{+ sharp+}"))
        let coloured = diff.text(DiffRenderOptions(colour: true))
        #expect(coloured.contains("\u{1B}[32m{+sharp +}\u{1B}[0m"))
        #expect(diff.unified(DiffRenderOptions(colour: true)).contains("\u{1B}[31m-"))
        #expect(!diff.unified(DiffRenderOptions(colour: false)).contains("\u{1B}["))
    }

    @Test(arguments: GoldenTests.scenarioNames + ["cross-report"])
    func colourOnlyAddsToTheMarkersOfThePlainText(_ name: String) throws {
        let diff = try name == "cross-report" ? Self.crossReportDiff() : Scenario.named(name).diff
        for context in [0, 1] {
            let plain = diff.text(DiffRenderOptions(colour: false, context: context))
            let coloured = diff.text(DiffRenderOptions(colour: true, context: context))
            #expect(Self.withoutEscapes(coloured) == plain, "\(name), context \(context)")
        }
    }

    @Test func everyChangedRunOfTheCrossReportDiffIsMarkedWithoutColour() throws {
        let diff = try Self.crossReportDiff()
        let plain = diff.text(DiffRenderOptions(colour: false, context: 0))
        let overview = try #require(diff.sections.first { $0.heading == "Overview" })
        let deleted = overview.changes.filter { $0.op == .delete }, inserted = overview.changes.filter { $0.op == .insert }
        #expect(!deleted.isEmpty && !inserted.isEmpty)
        for run in deleted {
            for paragraph in run.text.components(separatedBy: "\n\n") {
                #expect(plain.contains("[-" + paragraph.prefix(40)))
            }
        }
        for run in inserted { #expect(plain.contains("{+" + run.text.prefix(40))) }
    }

    @Test func summaryLineCountsEveryKindOfChangeInTheSingularOrPlural() throws {
        func summary(_ text: String) -> String { text.components(separatedBy: "\n")[1] }
        let reference = try Scenario.named("added-reference").diff
        #expect(summary(reference.text(DiffRenderOptions())) == "\(reference.sections.count) unchanged; 1 reference added")
        let title = try Scenario.named("edited-title").diff
        #expect(summary(title.text(DiffRenderOptions())).hasSuffix(" unchanged; 1 metadata field changed"))
        var diff = try Scenario.named("edited-paragraph").diff
        diff.metadata = [MetadataChange(field: "title", from: "A", to: "B"), MetadataChange(field: "author", from: nil, to: "C")]
        diff.notes = EntryChanges(added: ["[1] One."], removed: ["[2] Two.", "[3] Three."])
        diff.references = EntryChanges(added: ["A. 2023.", "B. 2023.", "C. 2023."], removed: ["D. 2022."])
        diff.additionalSources = EntryChanges(added: [], removed: ["E.", "F."])
        let line = "12 unchanged, 2 modified; 2 metadata fields changed, 1 note added, 2 notes removed, "
            + "3 references added, 1 reference removed, 2 additional sources removed"
        #expect(summary(diff.text(DiffRenderOptions())) == line)
        #expect(diff.html(DiffRenderOptions()).contains("<p class=\"summary\">\(line)</p>"))
        // The JSON contract is unchanged: its summary still counts section statuses only.
        let object = try #require(JSONSerialization.jsonObject(with: Data(diff.json().utf8)) as? [String: Any])
        #expect(object["summary"] as? [String: Int]
                == ["unchanged": 12, "modified": 2, "added": 0, "removed": 0, "renumbered": 0, "moved": 0])
    }

    @Test func crossReportSummaryLineCountsReferencesAndMetadata() throws {
        let diff = try Self.crossReportDiff()
        let line = diff.text(DiffRenderOptions()).components(separatedBy: "\n")[1]
        #expect(line.contains("; 2 metadata fields changed"))
        #expect(line.contains("\(diff.references.added.count) references added"))
        #expect(line.contains("\(diff.references.removed.count) references removed"))
    }

    @Test func sectionOptionKeepsOnlyThatSection() throws {
        let diff = try Scenario.named("inserted-section").diff
        let text = diff.text(DiffRenderOptions(section: "3.4"))
        #expect(text.contains("Police") && !text.contains("Teachers") && !text.contains("Farmers"))
        #expect(diff.text(DiffRenderOptions(section: "9.9")).contains("No section numbered 9.9"))
        #expect(diff.hasSection(numbered: "3.11") && !diff.hasSection(numbered: "3.12"))
        let html = diff.html(DiffRenderOptions(section: "3.1"))
        #expect(html.contains("Teachers") && html.contains("Migrants") && !html.contains("Farmers"))
    }

    @Test func unifiedHunksNameTheirSectionAndApplyToTheOldText() throws {
        for name in GoldenTests.scenarioNames {
            let diff = try Scenario.named(name).diff
            for context in [0, 1, 3] {
                let patch = diff.unified(DiffRenderOptions(context: context))
                let (old, new) = Self.bodyLines(diff)
                #expect(try Self.apply(patch, to: old) == new, "\(name), context \(context)")
            }
        }
        let patch = try Scenario.named("edited-paragraph").diff.unified(DiffRenderOptions())
        #expect(patch.contains(" @@ 3.2 Farmers\n"))
        #expect(patch.contains(" @@ 2 Tracking Methods\n"))
    }

    // MARK: - Helpers

    /// MEX201603.E against the report that replaces it, MEX201601.E.
    static func crossReportDiff() throws -> RevisionDiff {
        RevisionDiffer.diff(from: try SeedReports.report("MEX201603.E"), DiffSide(id: "MEX201603.E", revision: 1),
                            to: try SeedReports.report("MEX201601.E"), DiffSide(id: "MEX201601.E", revision: 1))
    }

    /// The text without ANSI escape sequences (`ESC [ … m`).
    static func withoutEscapes(_ text: String) -> String {
        var out = "", rest = text[...]
        while let escape = rest.firstIndex(of: "\u{1B}") {
            out += rest[..<escape]
            rest = rest[escape...].drop { $0 != "m" }.dropFirst()
        }
        return out + rest
    }

    static func bodyLines(_ diff: RevisionDiff) -> ([String], [String]) {
        func lines(_ text: String, _ number: String?) -> [String] {
            var out = text.components(separatedBy: "\n\n")
            if let number { out[0] = (number.contains(".") ? "\(number) " : "\(number). ") + out[0] }
            return out
        }
        var old: [String] = [], new: [String] = []
        for section in diff.sections {
            if section.status != .added { old += lines(section.oldText, section.fromNumber) }
            if section.status != .removed { new += lines(section.newText, section.toNumber) }
        }
        return (old, new)
    }

    /// Applies a unified diff strictly: context and deleted lines must match.
    static func apply(_ patch: String, to old: [String]) throws -> [String] {
        var out: [String] = []
        var cursor = 0
        let lines = patch.components(separatedBy: "\n").dropLast()
        var index = lines.startIndex
        while index < lines.endIndex {
            let line = lines[index]
            index += 1
            guard line.hasPrefix("@@ -") else { continue }
            let oldRange = line.dropFirst(4).prefix { $0 != " " }
            var start = Int(oldRange.prefix { $0 != "," })!
            if oldRange.hasSuffix(",0") { start += 1 }
            while cursor < start - 1 { out.append(old[cursor]); cursor += 1 }
            while index < lines.endIndex, let first = lines[index].first, " -+".contains(first) {
                let body = String(lines[index].dropFirst())
                switch first {
                case " ": try #require(old[cursor] == body); out.append(body); cursor += 1
                case "-": try #require(old[cursor] == body); cursor += 1
                default: out.append(body)
                }
                index += 1
            }
        }
        out += old[cursor...]
        return out
    }

    /// Tags opened and not closed (or closed out of order), void elements aside.
    static func unbalancedTags(_ html: String) -> [String] {
        let void: Set<String> = ["meta", "br", "hr", "img", "link", "!doctype"]
        var stack: [String] = []
        var problems: [String] = []
        var rest = html[...]
        while let open = rest.firstIndex(of: "<") {
            guard let close = rest[open...].firstIndex(of: ">") else { problems.append("unclosed <"); break }
            let tag = rest[rest.index(after: open)..<close]
            rest = rest[rest.index(after: close)...]
            let name = tag.prefix { $0 != " " && $0 != ">" }.lowercased()
            if name.hasPrefix("/") {
                if stack.last == String(name.dropFirst()) { stack.removeLast() } else { problems.append(name) }
            } else if !void.contains(name) {
                stack.append(name)
            }
        }
        return problems + stack
    }
}
