import Foundation
import Testing

/// Golden files: expected output kept beside the tests, compared byte for byte.
///
/// `RIR_UPDATE_GOLDEN=1` rewrites a golden file that differs, and the test then **fails**, naming the
/// file, so that a recording run can never pass in silence: run again without it, and review the
/// change with `git diff`.
public enum Golden {
    /// Whether this run records golden files instead of checking them.
    public static var recording: Bool { ProcessInfo.processInfo.environment["RIR_UPDATE_GOLDEN"] == "1" }

    /// Checks `actual` against the golden file at `url` (or records it, failing the test).
    public static func check(_ actual: String, against url: URL, sourceLocation: SourceLocation = #_sourceLocation) {
        let expected = try? String(contentsOf: url, encoding: .utf8)
        if recording {
            guard expected != actual else { return }
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(),
                                                        withIntermediateDirectories: true)
                try actual.write(to: url, atomically: true, encoding: .utf8)
                Issue.record("recorded \(url.path); run the tests again without RIR_UPDATE_GOLDEN and review git diff",
                             sourceLocation: sourceLocation)
            } catch {
                Issue.record("cannot record \(url.path): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected else {
            Issue.record("golden file \(url.path) is missing\nhint: record it with RIR_UPDATE_GOLDEN=1, then run again",
                         sourceLocation: sourceLocation)
            return
        }
        #expect(actual == expected, "\(url.lastPathComponent) differs from its golden file", sourceLocation: sourceLocation)
    }
}
