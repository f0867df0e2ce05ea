import Foundation
import RIRTestSupport

/// Runs the built `rir-archive` binary, as a user would, and captures what it prints.
struct CLI {
    struct Result {
        var status: Int32
        var stdout: Data
        var stderr: String
        var text: String { String(decoding: stdout, as: UTF8.self) }
        var lines: [String] { text.split(whereSeparator: \.isNewline).map(String.init) }
    }

    /// The folder the test bundle was built into; the executables sit beside it.
    static let productsFolder: URL = {
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        // On Linux the runner is `…/debug/rir-archivePackageTests.xctest`, beside the products.
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("rir-archive").path),
              url.path != "/" {
            url.deleteLastPathComponent()
        }
        return url
    }()

    static var binary: String { productsFolder.appendingPathComponent("rir-archive").path }

    /// The repository root (for `seeds/`).
    static let repositoryRoot = URL(fileURLWithPath: Seeds.repositoryRoot)

    static func seed(_ name: String) -> String { Seeds.path(name) }

    /// A fresh temporary folder, inside one folder for this test process that is removed when it exits.
    static func temporaryFolder() throws -> URL {
        URL(fileURLWithPath: try TemporaryFolder.make(prefix: "cli"))
    }

    /// Starts the binary with `arguments` and waits for it.
    @discardableResult
    static func run(_ arguments: [String], environment: [String: String] = [:],
                    in folder: URL? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env.removeValue(forKey: "RIR_ARCHIVE_DATABASE")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        if let folder { process.currentDirectoryURL = folder }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes before waiting so a large output cannot block the child.
        let errData = ReadBox()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errData.data = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: outData,
                      stderr: String(decoding: errData.data, as: UTF8.self))
    }
}

private final class ReadBox: @unchecked Sendable {
    var data = Data()
}

// MARK: - Long-running processes

extension CLI {
    /// A `rir-archive` process left running (the daemon): its stderr goes to a file that can be read at
    /// any time; stdout is discarded.
    final class Child: @unchecked Sendable {
        let process: Process
        /// The file its stderr is written to.
        let stderrPath: String

        init(process: Process, stderrPath: String) {
            self.process = process
            self.stderrPath = stderrPath
        }

        var pid: Int32 { process.processIdentifier }
        var isRunning: Bool { process.isRunning }
        /// What it has written on stderr so far.
        var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

        /// Sends `number` (SIGTERM, SIGHUP, SIGKILL…) to the process.
        func signal(_ number: Int32) {
            if process.isRunning { kill(process.processIdentifier, number) }
        }

        /// Waits up to `seconds` for the process to end; its exit status, or nil when it is still running.
        func waitForExit(within seconds: Double = 10) -> Int32? {
            guard CLI.waitUntil(within: seconds, { !self.process.isRunning }) else { return nil }
            process.waitUntilExit()
            return process.terminationStatus
        }

        /// Kills the process if it still runs and reaps it (for test cleanup).
        func terminate() {
            signal(SIGKILL)
            _ = waitForExit(within: 10)
        }
    }

    /// Starts the binary with `arguments` and exactly `environment` (nothing inherited), stderr to `stderrPath`.
    static func start(_ arguments: [String], environment: [String: String], stderrPath: String) throws -> Child {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.environment = environment
        guard FileManager.default.createFile(atPath: stderrPath, contents: nil),
              let stderr = FileHandle(forWritingAtPath: stderrPath) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: stderrPath])
        }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try stderr.close()
        return Child(process: process, stderrPath: stderrPath)
    }

    /// Polls `condition` every 10 ms until it holds (true) or `seconds` have passed (false).
    static func waitUntil(within seconds: Double = 10, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while !condition() {
            if Date() >= deadline { return false }
            usleep(10_000)
        }
        return true
    }
}
