import Foundation
import RIRTestSupport
import Testing

/// The CLI's output, case by case, in the manner of litestream's `testdata/`: each folder under
/// `Golden/` holds `args` (one argument per line) and the expected `stdout`, `stderr` and `status`
/// of running them in a copy of one prepared archive folder (`archive.db` in the working directory).
/// `RIR_UPDATE_GOLDEN=1` records a new or changed case and fails; run again without it.
@Suite struct GoldenCLITests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static let cases = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()

    /// The prepared archive: the three seeds captured 2024-01-10, then MEX201603.E edited on 2025-06-01.
    static let prepared: Result<URL, any Error> = Result {
        let folder = try CLI.temporaryFolder()
        let seeds = folder.appendingPathComponent("seeds")
        try FileManager.default.createDirectory(at: seeds, withIntermediateDirectories: true)
        for name in ["MEX201601.E.txt", "MEX201601.EF.txt", "MEX201603.E.txt"] {
            try FileManager.default.copyItem(atPath: CLI.seed(name), toPath: seeds.appendingPathComponent(name).path)
        }
        let edited = try String(contentsOfFile: CLI.seed("MEX201603.E.txt"), encoding: .utf8)
            .replacingOccurrences(of: "Milenio Group", with: "Millennium Group")
        try edited.write(to: folder.appendingPathComponent("MEX201603.E-edited.txt"), atomically: true, encoding: .utf8)
        try "not a report at all\n".write(to: folder.appendingPathComponent("junk.txt"), atomically: true, encoding: .utf8)
        for (path, at) in [("seeds", "2024-01-10"), ("MEX201603.E-edited.txt", "2025-06-01T09:30:00Z")] {
            let result = try CLI.run(["ingest", path, "--captured-at", at, "--as-of", "2026-11-22"], in: folder)
            guard result.status == 0 else { throw CocoaError(.fileReadUnknown, userInfo: ["stderr": result.stderr]) }
        }
        return folder
    }

    @Test func thereAreGoldenCases() {
        #expect(Self.cases.count >= 20, "the Golden folder lost its cases")
    }

    @Test(arguments: cases)
    func outputMatchesItsGoldenFiles(_ name: String) throws {
        let source = try Self.prepared.get()
        let folder = try CLI.temporaryFolder()
        for item in try FileManager.default.contentsOfDirectory(atPath: source.path) {
            try FileManager.default.copyItem(at: source.appendingPathComponent(item), to: folder.appendingPathComponent(item))
        }
        let caseFolder = Self.directory.appendingPathComponent(name)
        let arguments = try String(contentsOf: caseFolder.appendingPathComponent("args"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        let result = try CLI.run(arguments, environment: ["RIR_ARCHIVE_CONFIG": ""], in: folder)
        try Golden.check([
            (result.text, caseFolder.appendingPathComponent("stdout")),
            (result.stderr, caseFolder.appendingPathComponent("stderr")),
            ("\(result.status)\n", caseFolder.appendingPathComponent("status")),
        ])
    }
}
