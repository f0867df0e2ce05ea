import RIRModel

/// Pairs the sections of two revisions and decides each section's status (design §3).
///
/// Pairing, each pass over the sections the earlier passes left: identical
/// content (heading and body, folded, number ignored), then the same heading
/// text, then body similarity (word-set Jaccard ≥ ``similarityThreshold``). Of
/// the pairs, those outside the longest run that keeps its relative order are
/// `moved`; the others are `unchanged`, `renumbered` or `modified`.
struct SectionAlignment {
    /// A pair: index in the old sections, index in the new ones.
    struct Pair: Hashable {
        var old: Int
        var new: Int
    }

    /// Minimum word-set Jaccard similarity for pairing two bodies.
    static let similarityThreshold = 0.5

    private(set) var pairs: [Pair] = []
    /// Indices (into `pairs`) of pairs outside the longest order-keeping run.
    private(set) var moved: Set<Int> = []
    private(set) var oldPartner: [Int?]
    private(set) var newPartner: [Int?]
    /// ``contentKey(_:)`` of each old section.
    let oldContent: [ByteKey]
    /// ``contentKey(_:)`` of each new section.
    let newContent: [ByteKey]

    init(old: [Section], new: [Section]) {
        oldPartner = Array(repeating: nil, count: old.count)
        newPartner = Array(repeating: nil, count: new.count)
        oldContent = old.map(Self.contentKey)
        newContent = new.map(Self.contentKey)
        pairGreedily(oldContent.map { Optional($0) }, newContent.map { Optional($0) })
        pairGreedily(old.map(Self.headingKey), new.map(Self.headingKey))
        pairBySimilarity(old, new)
        pairs.sort { $0.old < $1.old }
        let sizes = oldContent.map(\.bytes.count)
        moved = Self.outsideLongestOrder(pairs, weight: { sizes[$0.old] })
    }

    /// Pairs equal keys in order of appearance (the k-th occurrence in the old
    /// sections with the k-th in the new ones); nil keys never pair.
    private mutating func pairGreedily<Key: Hashable>(_ oldKeys: [Key?], _ newKeys: [Key?]) {
        var waiting: [Key: [Int]] = [:]
        for (j, key) in newKeys.enumerated() where newPartner[j] == nil {
            if let key { waiting[key, default: []].append(j) }
        }
        var next: [Key: Int] = [:]
        for (i, key) in oldKeys.enumerated() where oldPartner[i] == nil {
            guard let key, let candidates = waiting[key] else { continue }
            let k = next[key, default: 0]
            guard k < candidates.count else { continue }
            next[key] = k + 1
            link(i, candidates[k])
        }
    }

    /// Pairs the remaining sections whose bodies are similar enough, most similar first.
    private mutating func pairBySimilarity(_ old: [Section], _ new: [Section]) {
        let oldLeft = old.indices.filter { oldPartner[$0] == nil }
        let newLeft = new.indices.filter { newPartner[$0] == nil }
        guard !oldLeft.isEmpty, !newLeft.isEmpty else { return }
        let oldWords = Dictionary(uniqueKeysWithValues: oldLeft.map { ($0, Self.wordSet(old[$0].text)) })
        let newWords = Dictionary(uniqueKeysWithValues: newLeft.map { ($0, Self.wordSet(new[$0].text)) })
        var candidates: [(score: Double, old: Int, new: Int)] = []
        for i in oldLeft {
            for j in newLeft {
                let score = Self.jaccard(oldWords[i]!, newWords[j]!)
                if score >= Self.similarityThreshold { candidates.append((score, i, j)) }
            }
        }
        candidates.sort { ($0.score, -$0.old, -$0.new) > ($1.score, -$1.old, -$1.new) }
        for c in candidates where oldPartner[c.old] == nil && newPartner[c.new] == nil {
            link(c.old, c.new)
        }
    }

    private mutating func link(_ i: Int, _ j: Int) {
        oldPartner[i] = j
        newPartner[j] = i
        pairs.append(Pair(old: i, new: j))
    }

    // MARK: - Keys

    /// Heading and body, folded, as UTF-8 bytes; the number is not part of it. Bytes, not a
    /// `String`: a String key is hashed through its Unicode normalization, which made hashing
    /// whole sections a sixth of a whole-process diff; the content hash compares bytes too.
    static func contentKey(_ s: Section) -> ByteKey {
        var key: [UInt8] = []
        key.reserveCapacity((s.heading?.utf8.count ?? 0) + s.text.utf8.count + 1)
        ContentFolding.append(s.heading ?? "", to: &key)
        key.append(0x1D)
        ContentFolding.append(s.text, to: &key)
        return ByteKey(bytes: key)
    }

    /// The folded, lower-cased heading; the unnumbered section's key is empty.
    static func headingKey(_ s: Section) -> String? {
        ContentFolding.fold(s.heading ?? "").lowercased()
    }

    static func wordSet(_ text: String) -> Set<String> {
        var words = Set<String>()
        for range in WordTokens.ranges(of: text) {
            let token = text.unicodeScalars[range]
            guard let first = token.first, first.properties.isAlphabetic || first.properties.numericType != nil
            else { continue }
            words.insert(String(token).lowercased())
        }
        return words
    }

    static func jaccard(_ x: Set<String>, _ y: Set<String>) -> Double {
        if x.isEmpty && y.isEmpty { return 0 }
        let common = x.intersection(y).count
        return Double(common) / Double(x.count + y.count - common)
    }

    // MARK: - Order

    /// Indices of `pairs` (sorted by old index) outside a longest subsequence
    /// whose new indices increase; among longest ones, the one keeping the most
    /// text in place, so that the smaller of two swapped sections is the one moved.
    static func outsideLongestOrder(_ pairs: [Pair], weight: (Pair) -> Int) -> Set<Int> {
        let n = pairs.count
        guard n > 1 else { return [] }
        var length = [Int](repeating: 1, count: n)
        var mass = pairs.map(weight)
        var previous = [Int](repeating: -1, count: n)
        for i in 0..<n {
            let own = mass[i]
            for j in 0..<i where pairs[j].new < pairs[i].new {
                if (length[j] + 1, mass[j] + own) > (length[i], mass[i]) {
                    length[i] = length[j] + 1
                    mass[i] = mass[j] + own
                    previous[i] = j
                }
            }
        }
        var best = 0
        for i in 1..<n where (length[i], mass[i]) > (length[best], mass[best]) { best = i }
        var kept = Set<Int>()
        var i = best
        while i >= 0 {
            kept.insert(i)
            i = previous[i]
        }
        return Set(0..<n).subtracting(kept)
    }
}
