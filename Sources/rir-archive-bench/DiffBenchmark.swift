// Owned by the diff work: replaced by the real diff benchmark.
enum DiffBenchmark {
    static func run(quick: Bool) -> [(String, Double)] { [] }
}
