import Foundation
import Testing
import RIRTestSupport

@Suite struct DiffCLITests {
    let folder: URL
    let database: String

    init() throws {
        folder = try CLI.temporaryFolder()
        database = folder.appendingPathComponent("archive.db").path
        try run(["ingest", Seeds.path(Seeds.mex201601), Seeds.path(Seeds.mex201603)])
    }

    @discardableResult
    func run(_ arguments: [String]) throws -> CLI.Result {
        try CLI.run(arguments + ["--database", database])
    }

    func ingest(_ text: String, as name: String) throws {
        let path = folder.appendingPathComponent(name)
        try text.write(to: path, atomically: true, encoding: .utf8)
        let result = try run(["ingest", path.path])
        #expect(result.status == 0, "\(result.text)")
    }

    func json(_ arguments: [String]) throws -> [String: Any] {
        let result = try run(["diff"] + arguments + ["--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
    }

    @Test func editedSeedNamesExactlyTheEditedSectionsAndTheAddedReference() throws {
        var text = Variants.edited(Seeds.text(Seeds.mex201601), replacing: "3.2 Farmers", with: "3.2 Farmers and Ranchers")
        text = Variants.edited(text, replacing: "References\n", with: "References\n\nAAA Test Source. 2023-08-30. \"A new reference.\" [Accessed 2023-08-31]\n")
        try ingest(text, as: "edited.txt")
        let diff = try json(["MEX201601.E"])
        let sections = try #require(diff["sections"] as? [[String: Any]])
        let modified = sections.filter { $0["status"] as? String == "modified" }
        #expect(modified.map { $0["to_number"] as? String } == ["3.2"])
        let references = try #require(diff["references"] as? [String: Any])
        #expect((references["added"] as? [String])?.count == 1)
        #expect((references["removed"] as? [String])?.isEmpty == true)
        let summary = try #require(diff["summary"] as? [String: Int])
        #expect(summary["modified"] == 1)
        #expect(summary["unchanged"] == 13)
        #expect((diff["from"] as? [String: Any])?["revision"] as? Int == 1)
        #expect((diff["to"] as? [String: Any])?["revision"] as? Int == 2)
    }

    @Test func aSectionInsertedBeforeOthersIsOneAddedAndTheRestRenumbered() throws {
        let text = Variants.edited(Seeds.text(Seeds.mex201603), replacing: "1. Overview\n",
                                   with: "1. Background\n\nA new opening section about the cartel's history.\n\n2. Overview\n")
        let renumbered = ["2. Areas of Operation", "2.1 International Presence", "3. Activities of the CJNG",
                          "4. Ability and Motivations", "4.1 Profiles"]
        var shifted = text
        for heading in renumbered.reversed() {
            let parts = heading.split(separator: " ", maxSplits: 1)
            let number = String(parts[0]).trimmingCharacters(in: CharacterSet(charactersIn: "."))
            var pieces = number.split(separator: ".").map { Int($0)! }
            pieces[0] += 1
            let newNumber = pieces.map(String.init).joined(separator: ".") + (parts[0].hasSuffix(".") ? "." : "")
            shifted = Variants.edited(shifted, replacing: "\n" + heading, with: "\n\(newNumber) \(parts[1])")
        }
        try ingest(shifted, as: "inserted.txt")
        let summary = try #require(try json(["MEX201603.E"])["summary"] as? [String: Int])
        #expect(summary["added"] == 1)
        #expect(summary["modified"] == 0)
        #expect(summary["renumbered"] == 6)
        #expect(summary["unchanged"] == 0)
    }

    @Test func crossReportDiffComparesTheLatestRevisionsOfTwoReports() throws {
        let diff = try json(["MEX201603.E", "MEX201601.E"])
        #expect(diff["id"] as? String == "MEX201603.E..MEX201601.E")
        #expect((diff["metadata"] as? [[String: Any]])?.contains { $0["field"] as? String == "title" } == true)
    }

    @Test func everyFormatPrintsAndTheHTMLPageIsSelfContained() throws {
        try ingest(Variants.edited(Seeds.text(Seeds.mex201601), replacing: "3.2 Farmers", with: "3.2 Growers"),
                   as: "edited.txt")
        let unified = try run(["diff", "MEX201601.E", "--format", "unified"])
        #expect(unified.text.contains("@@"))
        #expect(unified.text.contains("+3.2 Growers") || unified.text.contains("Growers"))
        let html = try run(["diff", "MEX201601.E", "--format", "html"]).text
        #expect(html.contains("<ins"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("http://") && !html.contains("https://"))
        let text = try run(["diff", "MEX201601.E", "--section", "3.2"])
        #expect(text.status == 0)
        #expect(!text.text.contains("\u{1B}["), "no colour when NO_COLOR is set and stdout is a pipe")
    }

    @Test func diffOfAReportWithOneRevisionExplainsWhy() throws {
        let result = try run(["diff", "MEX201601.E"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("only one revision"))
    }
}
