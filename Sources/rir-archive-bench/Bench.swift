// rir-archive-bench: prints performance figures measured in this run.
// Usage: rir-archive-bench [--quick] [--format text|json]

@main
struct Bench {
    static func main() {
        let arguments = CommandLine.arguments.dropFirst()
        let quick = arguments.contains("--quick")
        let json = zip(arguments, arguments.dropFirst()).contains { $0 == "--format" && $1 == "json" }
        var figures: [(String, Double)] = []
        figures += ParseBenchmark.run(quick: quick)
        figures += DiffBenchmark.run(quick: quick)
        if json {
            let body = figures.map { "\"\($0.0)\": \(format($0.1))" }.joined(separator: ", ")
            print("{\(body)}")
        } else {
            for (name, value) in figures { print("\(name)\t\(format(value))") }
        }
    }

    static func format(_ value: Double) -> String {
        let scaled = (value * 1000).rounded() / 1000
        return String(scaled)
    }
}
