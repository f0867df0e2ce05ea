import Foundation

/// Temporary folders for tests: one folder per test process under the system's temporary
/// directory, each test's folder inside it, all removed when the process exits.
public enum TemporaryFolder {
    private static let processRoot: String = {
        let root = NSTemporaryDirectory() + "rir-archive-tests-\(getpid())"
        try? FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: TemporaryFolder.processRootPath) }
        return root
    }()

    private static var processRootPath: String { NSTemporaryDirectory() + "rir-archive-tests-\(getpid())" }

    /// A new empty folder; its path.
    public static func make(prefix: String = "test") throws -> String {
        let path = processRoot + "/\(prefix)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
