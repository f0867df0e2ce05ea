import Foundation
import RIRDiff
import RIRTestSupport
import Testing

/// Golden files of the four renderings over every scenario, under `Golden/`.
/// `RIR_UPDATE_GOLDEN=1 swift test --filter RIRDiffTests` rewrites those that differ and throws; run again
/// without it and review the change with `git diff`.
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

    /// Checks one rendering. An HTML page's inline stylesheet is checked once, against `diff.css`,
    /// and stands as a marker in the page goldens: a CSS change rewrites one golden file, not six.
    static func check(_ actual: String, against file: String) throws {
        var actual = actual
        if file.hasSuffix(".html"), let open = actual.range(of: "<style>\n"),
           let close = actual.range(of: "</style>", range: open.upperBound..<actual.endIndex) {
            try Golden.check(String(actual[open.upperBound..<close.lowerBound]), against: directory.appendingPathComponent("diff.css"))
            actual.replaceSubrange(open.upperBound..<close.lowerBound, with: "/* the stylesheet: Golden/diff.css */\n")
        }
        try Golden.check(actual, against: directory.appendingPathComponent(file))
    }
}
