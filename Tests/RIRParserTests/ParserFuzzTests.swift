import Foundation
import RIRModel
import RIRParser
import RIRTestSupport
import Testing

/// Seeded fuzzing of the parser: mangled reports (bytes flipped, cut, spliced, re-encoded, wrapped in
/// HTML) are parsed or refused with an error naming the input, never a crash or a hang.
@Suite struct ParserFuzzTests {

    static let corpus: [[UInt8]] = Seeds.all.map(Seeds.bytes)
        + [Array(GCWebPage().source(Seeds.text(Seeds.mex201601)).utf8), Variants.windows1252(Seeds.text(Seeds.mex201603))]

    static let fragments: [[UInt8]] = [
        "<p>", "</p>", "<div>", "<script>", "<!--", "-->", "<table><tr><td>", "&amp;", "&#x0;", "\u{0}",
        "\r\n", "\n\n\n", "Date: ", "1 September 2023", "MEX201601.E", "\u{FEFF}", "<meta charset=\"utf-16\">",
        "References", "Notes", "1. ", "2.1 ", "\u{1B}[31m", "\u{202E}",
    ].map { Array($0.utf8) } + [[0xFF, 0xFE], [0xFE, 0xFF], [0xC3], [0xED, 0xA0, 0x80], [0x80, 0x81]]

    /// One mutated input from the corpus.
    static func mutant(_ generator: inout SplitMix64) -> [UInt8] {
        var bytes = corpus[Int.random(in: 0..<corpus.count, using: &generator)]
        for _ in 0..<Int.random(in: 1...6, using: &generator) {
            guard !bytes.isEmpty else { bytes = fragments[0]; continue }
            let at = Int.random(in: 0..<bytes.count, using: &generator)
            switch Int.random(in: 0..<7, using: &generator) {
            case 0: bytes[at] ^= UInt8(1 << Int.random(in: 0..<8, using: &generator))
            case 1: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...4000, using: &generator)))
            case 2: bytes.insert(contentsOf: fragments.randomElement(using: &generator)!, at: at)
            case 3: bytes = Array(bytes.prefix(at))
            case 4:
                let end = min(bytes.count, at + Int.random(in: 1...2000, using: &generator))
                bytes.insert(contentsOf: bytes[at..<end], at: Int.random(in: 0...bytes.count, using: &generator))
            case 5: bytes = (Int.random(in: 0...1, using: &generator) == 0 ? [0xFF, 0xFE] : [0xFE, 0xFF]) + bytes
            default: bytes.insert(UInt8.random(in: 0...255, using: &generator), at: at)
            }
        }
        return bytes
    }

    /// Parses `count` mutants; returns how many parsed and how many were refused.
    static func fuzz(count: Int, seed: UInt64) -> (parsed: Int, refused: Int) {
        var generator = SplitMix64(seed: seed)
        var parsed = 0
        var refused = 0
        for index in 0..<count {
            let name = "fuzz-\(seed)-\(index).txt"
            do {
                let capture = try CaptureParser.parse(mutant(&generator), name: name)
                #expect(!capture.report.id.description.isEmpty)
                parsed += 1
            } catch {
                #expect(error.description.contains(name), "\(error)")
                refused += 1
            }
        }
        return (parsed, refused)
    }

    @Test(.timeLimit(.minutes(1)))
    func aFewHundredMangledReportsParseOrAreRefusedByName() {
        let (parsed, refused) = Self.fuzz(count: 300, seed: 20261201)
        #expect(parsed + refused == 300)
        #expect(parsed > 0 && refused > 0, "parsed \(parsed), refused \(refused)")
    }

    /// Slow: runs only with RIR_SOAK=1.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["RIR_SOAK"] == "1", "set RIR_SOAK=1 to run the soak"),
          .timeLimit(.minutes(1)))
    func fiveThousandMangledReportsParseOrAreRefusedByName() {
        let seed = UInt64.random(in: 1...UInt64.max)
        let start = Date()
        let (parsed, refused) = Self.fuzz(count: 5000, seed: seed)
        print("parser fuzz (seed \(seed)): 5000 inputs, \(parsed) parsed, \(refused) refused, 0 crashes, "
              + "\(String(format: "%.1f", Date().timeIntervalSince(start))) s")
        #expect(parsed + refused == 5000)
    }
}
