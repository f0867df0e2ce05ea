import Foundation
import RIRModel
import RIRParser

/// What the synthetic archive is made of, read from the seed captures: the parser supplies
/// the structure (paragraphs, headings, references, notes, closing), the raw text supplies
/// the page chrome above the date line, per language.
struct SeedCorpus: Sendable {
    /// The material of one language.
    struct Material: Sendable {
        var chrome: [String] = []
        var paragraphs: [String] = []
        var headings: [String] = []
        var titles: [String] = []
        var references: [String] = []
        var notes: [String] = []
        var additionalSources: [String] = []
        var closing = ""
        var author = ""
    }

    var english = Material()
    var french = Material()

    func material(_ language: Language) -> Material { language == .en ? english : french }

    /// The `seeds/` folder of the package this benchmark was built from.
    static var defaultFolder: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("seeds").path
    }

    /// Reads every `*.txt` seed in `folder`; fails when a language has no seed.
    static func load(folder: String) throws -> SeedCorpus {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder))?
            .filter { $0.hasSuffix(".txt") }.sorted() ?? []
        var corpus = SeedCorpus()
        for name in names {
            guard let data = FileManager.default.contents(atPath: folder + "/" + name) else { continue }
            let bytes = [UInt8](data)
            let report = try CaptureParser.parse(bytes, name: name).report
            let raw = String(decoding: bytes, as: UTF8.self)
            if report.id.language == .en {
                corpus.english.absorb(report, raw: raw)
            } else {
                corpus.french.absorb(report, raw: raw)
            }
        }
        for (language, material) in [("English", corpus.english), ("French", corpus.french)]
        where material.paragraphs.isEmpty || material.chrome.isEmpty {
            throw BenchError.seeds("no \(language) seed with a body under \(folder)")
        }
        return corpus
    }
}

extension SeedCorpus.Material {
    /// Adds one parsed seed: its paragraphs, headings and back matter, and the raw lines above its date.
    mutating func absorb(_ report: Report, raw: String) {
        for section in report.sections {
            if let heading = section.heading { headings.append(heading) }
            paragraphs += section.paragraphs.map(String.init).filter { $0.count > 40 }
        }
        let title = report.title
        if let colon = title.firstIndex(of: ":") {
            titles.append(String(title[title.index(after: colon)...]).trimmingCharacters(in: .whitespaces))
        }
        references += report.references
        notes += report.notes.map { note in
            // Drop the "[1] " marker: notes are numbered again when rendered.
            guard note.hasPrefix("["), let close = note.firstIndex(of: "]") else { return note }
            return String(note[note.index(after: close)...]).trimmingCharacters(in: .whitespaces)
        }
        if additionalSources.isEmpty { additionalSources = report.additionalSources }
        if closing.isEmpty, let text = report.closing { closing = text }
        if author.isEmpty { author = report.author }
        if chrome.isEmpty {
            // The page chrome: every raw line above the date line, which sits just above the ID line.
            let lines = raw.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if let idLine = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == report.id.description }),
               let dateLine = lines[..<idLine].lastIndex(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                chrome = Array(lines[..<dateLine])
            }
        }
    }
}

/// Why the benchmark could not run.
enum BenchError: Error, CustomStringConvertible {
    case seeds(String)
    case tool(String)
    case daemon(String)
    case check(String)

    var description: String {
        switch self {
        case .seeds(let cause): "cannot read the seeds: \(cause)\nhint: pass --seeds DIR"
        case .tool(let cause): "cannot run a baseline tool: \(cause)"
        case .daemon(let cause): "daemon benchmark failed: \(cause)"
        case .check(let cause): "benchmark self-check failed: \(cause)"
        }
    }
}
