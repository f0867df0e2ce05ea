/// Recognisers for the lines that structure a report's body and back matter:
/// numbered headings, the closing paragraph, back-matter headings and site footers.
enum BodyLines {
    /// A numbered heading found in a paragraph.
    struct Heading: Equatable {
        /// `"3"` or `"3.10"`, without a trailing period.
        var number: String
        /// Count of number components: 1 for `3.`, 2 for `3.10`.
        var level: Int
        /// The heading text after the number, as printed.
        var text: String
    }

    /// Longest heading text, in characters; a longer numbered line is a paragraph.
    static let maxHeadingCharacters = 150
    /// Most words a heading text may have; a longer numbered line is a paragraph.
    static let maxHeadingWords = 20

    // MARK: - Headings

    /// A numbered heading: `1. Overview` (level 1, with a period) or `3.10 Other Profiles`
    /// (deeper, no period needed). A numbered line whose text ends with a period, starts
    /// in lower case, or is longer than a heading can be is a paragraph (e.g. an item of a
    /// numbered list inside a quotation), so the result is nil.
    static func heading(_ line: String) -> Heading? {
        guard let first = line.utf8.first, HeaderLines.isDigit(first) else { return nil }
        let bytes = Array(line.utf8)
        var components: [String] = []
        var index = 0
        var trailingPeriod = false
        scan: while true {
            let start = index
            while index < bytes.count, HeaderLines.isDigit(bytes[index]) { index += 1 }
            guard (1...3).contains(index - start), index < bytes.count else { return nil }
            components.append(String(decoding: bytes[start..<index], as: UTF8.self))
            switch bytes[index] {
            case 0x20:
                index += 1
                break scan
            case 0x2E:
                index += 1
                guard index < bytes.count else { return nil }
                if bytes[index] == 0x20 {
                    trailingPeriod = true
                    index += 1
                    break scan
                }
                guard HeaderLines.isDigit(bytes[index]) else { return nil }
            default:
                return nil
            }
        }
        guard components.count <= 6, components.count > 1 || trailingPeriod else { return nil }
        let text = String(decoding: bytes[index...], as: UTF8.self)
        guard isHeadingText(text) else { return nil }
        return Heading(number: components.joined(separator: "."), level: components.count, text: text)
    }

    private static func isHeadingText(_ text: String) -> Bool {
        guard let first = text.first, !first.isLowercase, text.last != "." else { return false }
        guard text.unicodeScalars.count <= maxHeadingCharacters else { return false }
        let words = text.utf8.reduce(1) { $1 == 0x20 ? $0 + 1 : $0 }
        return words <= maxHeadingWords
    }

    // MARK: - Closing paragraph

    /// The paragraph that ends the body: "This Response was prepared after researching publicly
    /// accessible information…" or "Cette réponse a été préparée…".
    static func isClosing(_ line: String) -> Bool {
        line.hasPrefix("This Response was prepared after researching")
            || line.hasPrefix("Cette réponse a été préparée")
    }

    // MARK: - Back matter

    /// The parts of the back matter, each introduced by its heading line.
    enum BackMatterPart {
        case notes, references, additionalSources
    }

    private static let backMatterHeadings: [String: BackMatterPart] = [
        "note": .notes, "notes": .notes,
        "reference": .references, "references": .references,
        "référence": .references, "références": .references,
        "additional sources consulted": .additionalSources, "additional source consulted": .additionalSources,
        "autres sources consultées": .additionalSources, "autre source consultée": .additionalSources,
    ]

    /// The back-matter part a heading line opens (`Notes`, `Références`, `Additional Sources Consulted`…).
    static func backMatterHeading(_ line: String) -> BackMatterPart? {
        guard line.utf8.count <= 40, let first = line.first, first == "N" || first == "R" || first == "A"
        else { return nil }
        var key = line.lowercased()
        if key.hasSuffix(":") { key.removeLast() }
        if key.hasSuffix(" ") { key.removeLast() }
        return backMatterHeadings[key]
    }

    // MARK: - Site chrome inside and after the report

    /// A line of site chrome found below the header block.
    enum PageChrome {
        /// A navigation aid ("Top of page"): skipped wherever it appears.
        case navigationAid
        /// The page footer ("Date modified: …", "Report a problem…"): the report ends before it.
        case footer
    }

    private static let navigationAids = ["Top of page", "Top of Page", "Haut de la page", "Back to top", "Retour en haut"]
    private static let footerPrefixes = [
        "Date modified", "Date de modification", "Report a problem", "Signaler un problème",
        "Share this page", "Partager cette page", "Page details", "Détails de la page",
        "Was this page helpful", "Cette page est-elle utile",
        // ecoi.net's document details after a republished report.
        "Original link:", "Document type:", "Document ID:", "Available on ecoi.net since",
    ]

    /// Whether `line` is site chrome, and which kind.
    static func pageChrome(_ line: String) -> PageChrome? {
        // ecoi.net's link to the original: a long URL, but a footer line.
        if line.hasPrefix("Original link: http"), line.utf8.count <= 400, !line.contains(0x20, after: 20) {
            return .footer
        }
        guard line.utf8.count <= 80, let first = line.first, first.isUppercase else { return nil }
        if navigationAids.contains(where: { line.hasPrefix($0) }) { return .navigationAid }
        if footerPrefixes.contains(where: { line.hasPrefix($0) }) { return .footer }
        return nil
    }
}

private extension String {
    /// Whether a space occurs after the first `offset` bytes.
    func contains(_ character: UInt8, after offset: Int) -> Bool {
        utf8.dropFirst(offset).contains(character)
    }
}
