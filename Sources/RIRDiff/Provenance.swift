import RIRModel

/// One paragraph of a revision and since when it has stood there (`blame`).
public struct ParagraphProvenance: Sendable, Hashable {
    /// The section's number in the blamed revision (nil for the unnumbered section).
    public var sectionNumber: String?
    public var heading: String?
    /// 1-based index of the paragraph within its section.
    public var paragraph: Int
    public var text: String
    /// The earliest revision of the timeline from which the paragraph has been present without a break.
    public var sinceRevision: Int
    /// When that unbroken stretch began: the first capture time of `sinceRevision`'s stretch.
    public var since: String
}

/// A run of consecutive revisions of one report (in timeline order) that held a phrase.
public struct PhraseSpan: Sendable, Hashable {
    public var id: String
    public var fromRevision: Int
    public var toRevision: Int
    /// First capture time of `fromRevision`.
    public var firstSeen: String
    /// Last seen time of `toRevision`.
    public var lastSeen: String
    /// The revision right after the span, which no longer holds the phrase; nil while it still stands.
    public var disappearedIn: Int?

    public init(id: String, fromRevision: Int, toRevision: Int, firstSeen: String, lastSeen: String,
                disappearedIn: Int?) {
        self.id = id
        self.fromRevision = fromRevision
        self.toRevision = toRevision
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.disappearedIn = disappearedIn
    }
}

/// A report that declares it replaces a traced report, and whether it carries the phrase on.
public struct PhraseSuccessor: Sendable, Hashable {
    public var id: String
    /// Whether its latest revision holds the phrase; nil when its timeline was not given.
    public var carriesPhrase: Bool?

    public init(id: String, carriesPhrase: Bool?) {
        self.id = id
        self.carriesPhrase = carriesPhrase
    }
}

/// Every span of one report that held a phrase, and the reports that replace it (`trace`).
public struct PhraseTrace: Sendable, Hashable {
    public var id: String
    public var spans: [PhraseSpan]
    public var replacedBy: [PhraseSuccessor]
}

/// Why provenance cannot be given.
public enum ProvenanceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The timeline holds no such revision.
    case unknownRevision(id: String, revision: Int)
    /// The revision has no section with that number.
    case unknownSection(id: String, revision: Int, section: String)
    /// The phrase has nothing to look for.
    case emptyPhrase

    public var description: String {
        switch self {
        case .unknownRevision(let id, let revision):
            "cannot blame \(id) revision \(revision): the report has no such revision"
        case .unknownSection(let id, let revision, let section):
            "cannot blame section \(section) of \(id) revision \(revision): the revision has no such section"
        case .emptyPhrase:
            "cannot trace an empty phrase"
        }
    }
}

/// Provenance of text along a report's timeline (design §9): since when each paragraph
/// has stood (`blame`), and which reports and revisions held a phrase (`trace`).
///
/// Paragraphs compare after the content-hash folding (``ContentFolding``); sections are
/// followed across renumbering and moves as the diff aligns them (``SectionAlignment``).
public enum Provenance {
    /// For each paragraph of revision `revision` (of section `section` only, when given),
    /// the earliest revision from which it has been present without a break up to it,
    /// and when that stretch began.
    ///
    /// `revisions` are in timeline order. When the revision recurs on the timeline, the
    /// stretch of its latest occurrence is blamed.
    public static func blame(_ revisions: [TimedRevision], revision: Int,
                             section: String? = nil) throws(ProvenanceError) -> [ParagraphProvenance] {
        let id = revisions.first?.report.id.description ?? "the report"
        guard let target = revisions.lastIndex(where: { $0.revision == revision }) else {
            throw .unknownRevision(id: id, revision: revision)
        }
        let sections = revisions[target].report.sections
        let chosen = sections.indices.filter { section == nil || sections[$0].number == section }
        if let section, chosen.isEmpty { throw .unknownSection(id: id, revision: revision, section: section) }

        var alignments: [Int: SectionAlignment] = [:]
        /// Where the section at `index` of revision `position` was in the revision before it.
        func older(_ position: Int, _ index: Int) -> Int? {
            if alignments[position] == nil {
                alignments[position] = SectionAlignment(old: revisions[position - 1].report.sections,
                                                        new: revisions[position].report.sections)
            }
            return alignments[position]?.newPartner[index]
        }
        var paragraphKeys: [[Int]: Set<String>] = [:]
        func keys(_ position: Int, _ index: Int) -> Set<String> {
            if let known = paragraphKeys[[position, index]] { return known }
            let made = Set(revisions[position].report.sections[index].paragraphs.map { ContentFolding.fold($0) })
            paragraphKeys[[position, index]] = made
            return made
        }

        var result: [ParagraphProvenance] = []
        for index in chosen {
            // The section's place in each earlier revision, back to where the alignment loses it.
            var chain: [(position: Int, index: Int)] = []
            var position = target, current = index
            while position > 0, let before = older(position, current) {
                position -= 1
                current = before
                chain.append((position, current))
            }
            let here = sections[index]
            for (number, paragraph) in here.paragraphs.enumerated() {
                let key = ContentFolding.fold(paragraph)
                var earliest = target
                for link in chain {
                    guard keys(link.position, link.index).contains(key) else { break }
                    earliest = link.position
                }
                result.append(ParagraphProvenance(
                    sectionNumber: here.number, heading: here.heading, paragraph: number + 1,
                    text: String(paragraph), sinceRevision: revisions[earliest].revision,
                    since: revisions[earliest].firstSeen))
            }
        }
        return result
    }

    /// For each report whose timeline held `phrase` (compared after the content-hash
    /// folding, ignoring case and the accents of Latin letters), the spans of revisions
    /// that held it, and the reports that replace it with whether they carry it on.
    ///
    /// `timelines` should include the reports that replace the candidates, so that
    /// `carriesPhrase` can be told; reports are returned ordered by ID.
    public static func trace(_ phrase: String, in timelines: [ReportTimeline]) throws(ProvenanceError) -> [PhraseTrace] {
        let needle = matchKey(phrase)
        guard !needle.isEmpty else { throw .emptyPhrase }
        let byID = Dictionary(timelines.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        func holds(_ report: Report) -> Bool {
            texts(of: report).contains { contains(matchKey($0), needle) }
        }
        var traces: [PhraseTrace] = []
        for timeline in timelines.sorted(by: { $0.id < $1.id }) {
            let id = timeline.id.description
            let revisions = timeline.revisions
            var spans: [PhraseSpan] = []
            var start: Int?
            func close(_ end: Int, disappearedIn: Int?) {
                guard let from = start else { return }
                spans.append(PhraseSpan(id: id, fromRevision: revisions[from].revision,
                                        toRevision: revisions[end].revision, firstSeen: revisions[from].firstSeen,
                                        lastSeen: revisions[end].lastSeen, disappearedIn: disappearedIn))
                start = nil
            }
            for (position, revision) in revisions.enumerated() {
                if holds(revision.report) {
                    if start == nil { start = position }
                } else if position > 0 {
                    close(position - 1, disappearedIn: revision.revision)
                }
            }
            close(revisions.count - 1, disappearedIn: nil)
            guard !spans.isEmpty else { continue }
            let successors = timeline.replacedBy.sorted().map { successor in
                PhraseSuccessor(id: successor.description,
                                carriesPhrase: byID[successor]?.revisions.last.map { holds($0.report) })
            }
            traces.append(PhraseTrace(id: id, spans: spans, replacedBy: successors))
        }
        return traces
    }

    // MARK: - Matching

    /// Every text of a report a phrase can stand in, one by one.
    static func texts(of report: Report) -> [String] {
        var texts = [report.title]
        for section in report.sections {
            if let heading = section.heading { texts.append(heading) }
            texts.append(section.text)
        }
        if let closing = report.closing { texts.append(closing) }
        return texts + report.notes + report.references + report.additionalSources
    }

    /// `text` folded as for the content hash, lower-cased, with the accents of Latin
    /// letters (and combining marks) removed, as UTF-8.
    static func matchKey(_ text: some StringProtocol) -> [UInt8] {
        var out = String.UnicodeScalarView()
        for scalar in ContentFolding.fold(text).lowercased().unicodeScalars {
            if (0x300...0x36F).contains(scalar.value) { continue }
            if let plain = unaccented[scalar] { out.append(contentsOf: plain.unicodeScalars) } else { out.append(scalar) }
        }
        return Array(String(out).utf8)
    }

    private static let unaccented: [Unicode.Scalar: String] = {
        var table: [Unicode.Scalar: String] = ["œ": "oe", "æ": "ae", "ß": "ss"]
        for (plain, accented) in [("a", "àáâãäåā"), ("c", "çćč"), ("e", "èéêëēėę"), ("i", "ìíîïī"), ("n", "ñń"),
                                  ("o", "òóôõöøō"), ("u", "ùúûüū"), ("y", "ýÿ")] {
            for scalar in accented.unicodeScalars { table[scalar] = plain }
        }
        return table
    }()

    /// Whether `needle` occurs in `haystack`.
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return needle.isEmpty }
        let first = needle[0]
        for start in 0...(haystack.count - needle.count) where haystack[start] == first {
            if haystack[start..<start + needle.count].elementsEqual(needle) { return true }
        }
        return false
    }
}
