import Foundation
import RIRModel

/// One capture the generator produced, and what ingesting it must do.
struct SyntheticCapture: Sendable {
    enum Expectation: Sendable { case newDocument, newRevision, unchanged }

    /// A unique file name that carries the report ID (`MEX212345.E-17.txt`).
    var name: String
    var bytes: [UInt8]
    var id: ReportID
    var expectation: Expectation
}

/// A deterministic stream of captures: new reports (English `.E` and French `.EF`, 15–100 k
/// characters, published over seven years up to `windowEnd`) interleaved with later captures
/// of reports already seen — content revisions, chrome-only changes and byte-identical repeats.
struct SyntheticArchive {
    let corpus: SeedCorpus
    let windowEnd: CalendarDate
    private(set) var rng: SplitMix64
    private var open: [(report: SyntheticReport, remaining: Int)] = []
    private var nextNumber = 10_000
    private var sequence = 0

    static let countries: [(code: String, english: String, french: String)] = [
        ("MEX", "Mexico", "Mexique"), ("COL", "Colombia", "Colombie"), ("HTI", "Haiti", "Haïti"),
        ("NGA", "Nigeria", "Nigéria"), ("IRN", "Iran", "Iran"), ("CHN", "China", "Chine"),
        ("IND", "India", "Inde"), ("PAK", "Pakistan", "Pakistan"), ("TUR", "Türkiye", "Turquie"),
        ("COD", "Democratic Republic of the Congo", "République démocratique du Congo"),
        ("ERI", "Eritrea", "Érythrée"), ("AFG", "Afghanistan", "Afghanistan"), ("SLV", "El Salvador", "El Salvador"),
        ("HND", "Honduras", "Honduras"), ("LKA", "Sri Lanka", "Sri Lanka"), ("ZZZ", "Multiple countries", "Plusieurs pays"),
    ]

    init(corpus: SeedCorpus, seed: UInt64, windowEnd: CalendarDate) {
        self.corpus = corpus
        self.windowEnd = windowEnd
        rng = SplitMix64(seed: seed)
    }

    // MARK: - The stream

    /// The next capture: a later capture of an open report about half the time, else a new report.
    mutating func next() -> SyntheticCapture {
        if !open.isEmpty, open.count >= 8 || rng.chance(50) {
            let index = rng.below(open.count)
            var (report, remaining) = open[index]
            let expectation: SyntheticCapture.Expectation
            switch rng.below(100) {
            case 0..<60:
                Revision.apply(rng.within(1...4), to: &report, corpus: corpus, rng: &rng)
                expectation = .newRevision
            case 60..<85:
                report.chromeVariant = (report.chromeVariant + 1 + rng.below(15)) % 16
                expectation = .unchanged
            default:
                expectation = .unchanged
            }
            remaining -= 1
            if remaining == 0 { open.remove(at: index) } else { open[index] = (report, remaining) }
            return capture(of: report, expectation)
        }
        let report = newReport(characters: rng.within(15_000...100_000))
        let later = rng.within(0...5)
        if later > 0 { open.append((report, later)) }
        return capture(of: report, .newDocument)
    }

    /// A capture of `report` as it stands.
    mutating func capture(of report: SyntheticReport, _ expectation: SyntheticCapture.Expectation) -> SyntheticCapture {
        sequence += 1
        let text = report.render(chrome: corpus.material(report.id.language).chrome)
        return SyntheticCapture(name: "\(report.id)-\(sequence).txt", bytes: Array(text.utf8), id: report.id,
                                expectation: expectation)
    }

    // MARK: - New reports

    /// A new report of about `characters` characters of capture text, in English 70% of the time.
    mutating func newReport(characters: Int, language: Language? = nil) -> SyntheticReport {
        let language = language ?? (rng.chance(70) ? .en : .fr)
        let material = corpus.material(language)
        let country = rng.pick(Self.countries)
        nextNumber += rng.within(1...9)
        let id = ReportID(country: country.code, number: "2" + String(nextNumber), suffix: language == .en ? .e : .ef)!
        let span = 7 * 365 - 30
        let published = CalendarDate(daysSinceEpoch: windowEnd.daysSinceEpoch - rng.below(span))
        let name = language == .en ? country.english : country.french
        var report = SyntheticReport(
            id: id, published: published, title: "\(name)\(language == .fr ? " :" : ":") \(rng.pick(material.titles))",
            author: material.author, parts: [], closing: material.closing,
            notes: (0..<rng.within(0...3)).map { _ in Self.paragraph(from: material, rng: &rng) },
            references: [], additionalSources: material.additionalSources, chromeVariant: rng.below(16))
        report.references = (0..<rng.within(15...45)).map { _ in Self.reference(from: material, rng: &rng) }.sorted()
        let chromeSize = material.chrome.reduce(0) { $0 + $1.count + 1 }
        let backSize = report.references.reduce(0) { $0 + $1.count + 2 } + report.notes.reduce(0) { $0 + $1.count + 6 }
            + material.closing.count + material.additionalSources.reduce(0) { $0 + $1.count + 2 } + 400
        let bodyTarget = max(2_000, characters - chromeSize - backSize)
        while report.bodyCharacters < bodyTarget {
            let level = report.parts.isEmpty || rng.chance(55) ? 1 : 2
            report.parts.append(Self.part(level: level, from: material, rng: &rng))
        }
        return report
    }

    static func part(level: Int, from material: SeedCorpus.Material, rng: inout SplitMix64) -> SyntheticReport.Part {
        SyntheticReport.Part(level: level, heading: rng.pick(material.headings),
                             paragraphs: (0..<rng.within(1...5)).map { _ in paragraph(from: material, rng: &rng) })
    }

    /// A paragraph of two to five sentences taken from the seed paragraphs.
    static func paragraph(from material: SeedCorpus.Material, rng: inout SplitMix64) -> String {
        (0..<rng.within(2...5)).map { _ in
            let source = rng.pick(material.paragraphs)
            let sentences = source.split(separator: ". ", omittingEmptySubsequences: true)
            var sentence = String(sentences[rng.below(sentences.count)])
            if !sentence.hasSuffix(".") { sentence += "." }
            return sentence
        }.joined(separator: " ")
    }

    /// A seed reference with its dates moved, so that lists of 45 rarely repeat an entry.
    static func reference(from material: SeedCorpus.Material, rng: inout SplitMix64) -> String {
        let year = String(rng.within(2012...2026))
        let day = String(rng.within(10...28))
        return rng.pick(material.references).replacingOccurrences(of: "2023", with: year)
            .replacingOccurrences(of: "-14]", with: "-\(day)]")
    }
}
