// Owned by the parser work: replaced by the real parse benchmark.
enum ParseBenchmark {
    static func run(quick: Bool) -> [(String, Double)] { [] }
}
