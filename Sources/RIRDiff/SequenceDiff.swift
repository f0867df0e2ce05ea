/// Shortest edit script between two sequences of interned tokens (Myers 1986,
/// "An O(ND) Difference Algorithm and Its Variations", linear-space variant:
/// find the middle snake by searching forward and backward at once, split there,
/// recurse). Common prefixes and suffixes are trimmed at every level.
///
/// A region whose edit distance exceeds ``costLimit`` is reported as one
/// replacement: past that point the texts share too little for a word diff to read well.
enum SequenceDiff {
    /// One step of an edit script: `equal(n)` keeps n tokens, `change(d, i)` deletes d then inserts i.
    enum Step: Hashable {
        case equal(Int)
        case change(deleted: Int, inserted: Int)
    }

    /// Largest half edit distance searched in one region before giving up on it.
    static let costLimit = 2_000

    /// The edit script from `a` to `b`.
    static func script(_ a: [Int], _ b: [Int]) -> [Step] {
        var search = Search(a: a, b: b)
        search.align(0, a.count, 0, b.count)
        var steps: [Step] = []
        var i = 0, j = 0
        for run in search.matches {
            if run.a > i || run.b > j { steps.append(.change(deleted: run.a - i, inserted: run.b - j)) }
            steps.append(.equal(run.count))
            i = run.a + run.count
            j = run.b + run.count
        }
        if i < a.count || j < b.count { steps.append(.change(deleted: a.count - i, inserted: b.count - j)) }
        return steps
    }

    /// A run of equal tokens at `a` in the old sequence and `b` in the new one.
    struct Match {
        var a: Int, b: Int, count: Int
    }

    struct Search {
        let a: [Int]
        let b: [Int]
        /// Equal runs found so far, in order.
        var matches: [Match] = []

        init(a: [Int], b: [Int]) {
            self.a = a
            self.b = b
        }

        mutating func record(_ i: Int, _ j: Int, _ count: Int) {
            guard count > 0 else { return }
            if let last = matches.last, last.a + last.count == i, last.b + last.count == j {
                matches[matches.count - 1].count += count
            } else {
                matches.append(Match(a: i, b: j, count: count))
            }
        }

        /// Aligns `a[aLo..<aHi]` with `b[bLo..<bHi]`, recording equal runs in order.
        mutating func align(_ aLo: Int, _ aHi: Int, _ bLo: Int, _ bHi: Int) {
            var aLo = aLo, bLo = bLo, aHi = aHi, bHi = bHi
            var prefix = 0
            while aLo + prefix < aHi, bLo + prefix < bHi, a[aLo + prefix] == b[bLo + prefix] { prefix += 1 }
            record(aLo, bLo, prefix)
            aLo += prefix; bLo += prefix
            var suffix = 0
            while aHi - suffix > aLo, bHi - suffix > bLo, a[aHi - suffix - 1] == b[bHi - suffix - 1] { suffix += 1 }
            aHi -= suffix; bHi -= suffix
            if aLo < aHi, bLo < bHi, let (x, y) = middleSnake(aLo, aHi, bLo, bHi),
               (x, y) != (aLo, bLo), (x, y) != (aHi, bHi) {
                align(aLo, x, bLo, y)
                align(x, aHi, y, bHi)
            }
            record(aHi, bHi, suffix)
        }

        /// A point on a shortest edit path through the region, or nil when the
        /// search passes ``costLimit`` (the region is then one replacement).
        func middleSnake(_ aLo: Int, _ aHi: Int, _ bLo: Int, _ bHi: Int) -> (Int, Int)? {
            let n = aHi - aLo, m = bHi - bLo
            let maxD = min((n + m + 1) / 2, SequenceDiff.costLimit)
            let offset = maxD + 1
            let size = 2 * maxD + 3
            var forward = [Int](repeating: -1, count: size)
            var backward = [Int](repeating: -1, count: size)
            forward[offset + 1] = 0
            backward[offset + 1] = 0
            let delta = n - m
            let checkForward = delta % 2 != 0
            // Diagonals that ran off the grid are skipped from then on.
            var fLow = 0, fHigh = 0, bLow = 0, bHigh = 0
            for d in 0..<maxD {
                var k = -d + fLow
                while k <= d - fHigh {
                    let index = offset + k
                    var x = (k == -d || (k != d && forward[index - 1] < forward[index + 1]))
                        ? forward[index + 1] : forward[index - 1] + 1
                    var y = x - k
                    while x < n, y < m, a[aLo + x] == b[bLo + y] { x += 1; y += 1 }
                    forward[index] = x
                    if x > n {
                        fHigh += 2
                    } else if y > m {
                        fLow += 2
                    } else if checkForward {
                        let other = offset + delta - k
                        if other >= 0, other < size, backward[other] != -1, x >= n - backward[other] {
                            return (aLo + x, bLo + y)
                        }
                    }
                    k += 2
                }
                k = -d + bLow
                while k <= d - bHigh {
                    let index = offset + k
                    var x = (k == -d || (k != d && backward[index - 1] < backward[index + 1]))
                        ? backward[index + 1] : backward[index - 1] + 1
                    var y = x - k
                    while x < n, y < m, a[aHi - 1 - x] == b[bHi - 1 - y] { x += 1; y += 1 }
                    backward[index] = x
                    if x > n {
                        bHigh += 2
                    } else if y > m {
                        bLow += 2
                    } else if !checkForward {
                        let other = offset + delta - k
                        if other >= 0, other < size, forward[other] != -1 {
                            let fx = forward[other]
                            let fy = fx - (delta - k)
                            if fx >= n - x { return (aLo + fx, bLo + fy) }
                        }
                    }
                    k += 2
                }
            }
            return nil
        }
    }
}
