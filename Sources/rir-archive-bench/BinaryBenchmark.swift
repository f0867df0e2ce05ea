import Foundation

/// `binary_mib`: the size of the release `rir-archive` beside the benchmark once stripped (a copy,
/// stripped with `strip` into a temporary folder; the built binary is left as it is).
enum BinaryBenchmark {
    static func run(log: (String) -> Void) throws -> [Figure] {
        guard let strip = Harness.which("strip") else { throw BenchError.tool("strip is not on PATH (apt-get install binutils)") }
        let program = Harness.archiveExecutable
        let built = Harness.fileSize(program)
        guard built > 0 else { throw BenchError.tool("\(program) not found: build the rir-archive product in release mode first") }
        let folder = try Harness.temporaryFolder("binary")
        defer { Harness.removeFolder(folder) }
        let stripped = folder + "/rir-archive"
        try Harness.run(strip, ["-o", stripped, program])
        let bytes = Harness.fileSize(stripped)
        let mib = Double(bytes) / 1_048_576
        log("binary: \(program) \(built) bytes, stripped \(bytes) bytes")
        return [Figure(key: "binary_mib", value: mib, unit: "MiB", goal: .atMost(30),
                       note: "stripped copy of \(program) (\(Figure.format(Double(built) / 1_048_576)) MiB as built)")]
    }
}
