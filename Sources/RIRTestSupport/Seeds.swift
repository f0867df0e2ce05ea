import Foundation

/// The sample RIRs kept in the repository's `seeds/` folder, for tests.
public enum Seeds {
    /// `MEX201601.E` (1 September 2023, 2 notes, 31 references).
    public static let mex201601 = "MEX201601.E.txt"
    /// `MEX201603.E` (31 August 2023, 1 note, 42 references).
    public static let mex201603 = "MEX201603.E.txt"
    /// The shortened French version of `MEX201601` (`MEX201601.EF`, 1er septembre 2023).
    public static let mex201601French = "MEX201601.EF.txt"
    /// Every seed file name.
    public static let all = [mex201601, mex201603, mex201601French]

    /// The repository's root folder, found from this source file's location.
    public static var repositoryRoot: String {
        // #filePath is …/Sources/RIRTestSupport/Seeds.swift.
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    /// The full path of a seed file.
    public static func path(_ name: String) -> String {
        repositoryRoot + "/seeds/" + name
    }

    /// The exact bytes of a seed file (e.g. `"MEX201601.E.txt"`); stops the test run when it is missing.
    public static func bytes(_ name: String) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path(name)) else {
            fatalError("seed \(name) not found at \(path(name))")
        }
        return [UInt8](data)
    }

    /// The text of a seed file, decoded as UTF-8.
    public static func text(_ name: String) -> String {
        String(decoding: bytes(name), as: UTF8.self)
    }
}
