import RIRModel
/// The edits the IRB makes between revisions of a report: words changed in a paragraph,
/// a paragraph added or removed, a section inserted (renumbering the ones after it) or
/// removed, a reference added with the sentence that cites it.
enum Revision {
    enum Edit: CaseIterable { case words, addParagraph, removeParagraph, insertSection, removeSection, addReference }

    /// Applies `count` random edits that change the normalized content.
    static func apply(_ count: Int, to report: inout SyntheticReport, corpus: SeedCorpus, rng: inout SplitMix64) {
        for _ in 0..<count {
            let edit: Edit = switch rng.below(100) {
            case 0..<40: .words
            case 40..<55: .addParagraph
            case 55..<62: .removeParagraph
            case 62..<77: .insertSection
            case 77..<85: .removeSection
            default: .addReference
            }
            apply(edit, to: &report, corpus: corpus, rng: &rng)
        }
    }

    /// One small edit, as the storage benchmark's 100 revisions use: words or a reference.
    static func applySmall(to report: inout SyntheticReport, corpus: SeedCorpus, rng: inout SplitMix64) {
        apply(rng.chance(80) ? .words : .addReference, to: &report, corpus: corpus, rng: &rng)
    }

    static func apply(_ edit: Edit, to report: inout SyntheticReport, corpus: SeedCorpus, rng: inout SplitMix64) {
        let material = corpus.material(report.id.language)
        switch edit {
        case .words:
            let part = rng.below(report.parts.count)
            let index = rng.below(report.parts[part].paragraphs.count)
            report.parts[part].paragraphs[index] = changedWords(report.parts[part].paragraphs[index], rng: &rng)
        case .addParagraph:
            let part = rng.below(report.parts.count)
            let at = rng.within(0...report.parts[part].paragraphs.count)
            report.parts[part].paragraphs.insert(SyntheticArchive.paragraph(from: material, rng: &rng), at: at)
        case .removeParagraph:
            let candidates = report.parts.indices.filter { report.parts[$0].paragraphs.count > 1 }
            guard let part = candidates.isEmpty ? nil : rng.pick(candidates) else {
                return apply(.words, to: &report, corpus: corpus, rng: &rng)
            }
            report.parts[part].paragraphs.remove(at: rng.below(report.parts[part].paragraphs.count))
        case .insertSection:
            let at = rng.within(1...report.parts.count)
            report.parts.insert(SyntheticArchive.part(level: rng.chance(60) ? 1 : 2, from: material, rng: &rng), at: at)
        case .removeSection:
            // Never the first, and never so many that the store would call the capture incomplete.
            guard report.parts.count >= 6 else { return apply(.words, to: &report, corpus: corpus, rng: &rng) }
            report.parts.remove(at: rng.within(1...(report.parts.count - 1)))
        case .addReference:
            let reference = SyntheticArchive.reference(from: material, rng: &rng)
            guard !report.references.contains(reference) else {
                return apply(.words, to: &report, corpus: corpus, rng: &rng)
            }
            report.references.append(reference)
            report.references.sort()
            let source = reference.prefix { $0 != "." }
            let part = rng.below(report.parts.count)
            let index = rng.below(report.parts[part].paragraphs.count)
            let sentence = report.id.language == .en
                ? " More recent information was reported by \(source) (\(source) 2024)."
                : " Des renseignements plus récents ont été publiés par \(source) (\(source) 2024)."
            report.parts[part].paragraphs[index] += sentence
        }
    }

    /// A paragraph with one to three word-level changes: a word replaced, a phrase inserted, a word dropped.
    static func changedWords(_ paragraph: String, rng: inout SplitMix64) -> String {
        var words = paragraph.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        guard words.count > 6 else { return paragraph + " (updated)" }
        let replacements = ["reportedly", "notably", "several", "approximately", "recently", "officially",
                            "selon", "notamment", "plusieurs", "récemment"]
        for _ in 0..<rng.within(1...3) {
            let at = rng.within(1...(words.count - 2))
            switch rng.below(3) {
            case 0:
                let word = rng.pick(replacements)
                words[at] = words[at] == word ? word + "," : word
            case 1: words.insert(contentsOf: ["according", "to", "the", "same", "source,"], at: at)
            default: words.remove(at: at)
            }
        }
        return words.joined(separator: " ")
    }
}
