import Foundation

/// Golden files: expected output kept beside the tests, compared byte for byte.
///
/// `RIR_UPDATE_GOLDEN=1` rewrites the golden files that differ, and the check then **throws**,
/// naming them, so that a recording run can never pass in silence: run again without it, and
/// review the change with `git diff`. (It throws rather than recording a Swift Testing issue so
/// that this target builds without the Testing module, as release builds do.)
public enum Golden {
    /// A golden file that differs, is missing, or was just recorded.
    public struct Mismatch: Error, CustomStringConvertible {
        public var description: String
    }

    /// Whether this run records golden files instead of checking them.
    public static var recording: Bool { ProcessInfo.processInfo.environment["RIR_UPDATE_GOLDEN"] == "1" }

    /// Checks each `actual` text against its golden file (or records those that differ); throws a
    /// ``Mismatch`` naming every file that differs or was recorded.
    public static func check(_ pairs: [(actual: String, file: URL)]) throws {
        var problems: [String] = []
        for (actual, url) in pairs {
            let expected = try? String(contentsOf: url, encoding: .utf8)
            if expected == actual { continue }
            if recording {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try actual.write(to: url, atomically: true, encoding: .utf8)
                problems.append("recorded \(url.path); run the tests again without RIR_UPDATE_GOLDEN and review git diff")
            } else if let expected {
                problems.append("\(url.path) differs from the output: \(firstDifference(expected, actual))")
            } else {
                problems.append("golden file \(url.path) is missing\nhint: record it with RIR_UPDATE_GOLDEN=1, then run again")
            }
        }
        if !problems.isEmpty { throw Mismatch(description: problems.joined(separator: "\n")) }
    }

    /// Checks one text against its golden file.
    public static func check(_ actual: String, against url: URL) throws {
        try check([(actual, url)])
    }

    /// The first line that differs, as `line N: expected «…», got «…»`.
    static func firstDifference(_ expected: String, _ actual: String) -> String {
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(old.count, new.count) {
            let a = index < old.count ? String(old[index]) : "(end)"
            let b = index < new.count ? String(new[index]) : "(end)"
            if a != b { return "line \(index + 1): expected «\(a)», got «\(b)»" }
        }
        return "they differ"
    }
}
