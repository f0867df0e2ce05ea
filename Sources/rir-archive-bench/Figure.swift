import Foundation

/// One measured figure: its JSON key, value, goal and how it was measured.
struct Figure: Sendable {
    enum Goal: Sendable {
        case none
        case atMost(Double)
        case atLeast(Double)
        /// At most `limit`, and at most `growth` above `baseline` (memory that stays flat).
        case flat(limit: Double, baseline: Double, growth: Double)
    }

    var key: String
    var value: Double
    var unit: String
    var goal: Goal
    /// What was measured, in a few words (text output only).
    var note: String
    /// Whether the figure goes into the JSON object.
    var inJSON = true

    var passes: Bool? {
        switch goal {
        case .none: nil
        case .atMost(let limit): value <= limit
        case .atLeast(let floor): value >= floor
        case .flat(let limit, let baseline, let growth): value <= limit && value - baseline <= growth
        }
    }

    var goalText: String {
        switch goal {
        case .none: "no goal"
        case .atMost(let limit): "goal ≤ \(Figure.format(limit))"
        case .atLeast(let floor): "goal ≥ \(Figure.format(floor))"
        case .flat(let limit, _, let growth): "goal ≤ \(Figure.format(limit)) and ≤ +\(Figure.format(growth)) over idle"
        }
    }

    var textLine: String {
        let verdict = passes.map { $0 ? "PASS" : "MISS" } ?? "----"
        let name = key.padding(toLength: 42, withPad: " ", startingAt: 0)
        let amount = "\(Figure.format(value)) \(unit)".padding(toLength: 16, withPad: " ", startingAt: 0)
        let goal = goalText.padding(toLength: 34, withPad: " ", startingAt: 0)
        return "\(name)\(amount)\(goal)\(verdict)  \(note)"
    }

    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        let scaled = (value * 1000).rounded() / 1000
        return scaled == scaled.rounded() && abs(scaled) < 1e15 ? String(Int(scaled)) : String(scaled)
    }
}
