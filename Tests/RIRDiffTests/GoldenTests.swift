import Foundation
import RIRDiff
import Testing

/// Golden files of the four renderings over every scenario, under `Golden/`.
/// `RIR_UPDATE_GOLDEN=1 swift test --filter RIRDiffTests` rewrites them; review the change with `git diff`.
struct GoldenTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden")

    static let formats: [(String, @Sendable (RevisionDiff) -> String)] = [
        ("json", { $0.json() }),
        ("txt", { $0.text(DiffRenderOptions()) }),
        ("diff", { $0.unified(DiffRenderOptions(context: 1)) }),
        ("html", { $0.html(DiffRenderOptions()) }),
    ]

    static let scenarioNames = ["edited-paragraph", "inserted-section", "removed-section", "swapped-sections",
                                "added-reference", "edited-title"]

    @Test(arguments: scenarioNames)
    func renderingsMatchTheirGoldenFiles(_ name: String) throws {
        let diff = try Scenario.named(name).diff
        for (format, render) in Self.formats {
            try Self.check(render(diff), against: "\(name).\(format)")
        }
    }

    @Test func colouredTextAndSingleSectionMatchTheirGoldenFiles() throws {
        let diff = try Scenario.named("edited-paragraph").diff
        try Self.check(diff.text(DiffRenderOptions(colour: true, context: 0)), against: "edited-paragraph.colour.txt")
        try Self.check(diff.unified(DiffRenderOptions(context: 3, section: "3.2")),
                       against: "edited-paragraph.section.diff")
    }

    static func check(_ actual: String, against file: String) throws {
        let url = directory.appendingPathComponent(file)
        if ProcessInfo.processInfo.environment["RIR_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("golden file \(file) is missing\nhint: run RIR_UPDATE_GOLDEN=1 swift test --filter RIRDiffTests")
            return
        }
        #expect(actual == expected, "\(file) differs from its golden file")
    }
}
