/// Splits of a length among parts, as panels and table columns need them.
enum Layout {
    /// How much of a length one part asks for.
    enum Constraint: Hashable, Sendable {
        /// Exactly `n` cells (less only when the whole does not fit).
        case fixed(Int)
        /// A share of what the fixed parts leave, never below `min`.
        case flex(weight: Int = 1, min: Int = 0)
    }

    /// Sizes for `constraints` that add up to `total` (when they can): fixed parts first, the rest shared by
    /// flex weight; the last flex part takes the rounding remainder.
    static func split(_ total: Int, _ constraints: [Constraint]) -> [Int] {
        var sizes = [Int](repeating: 0, count: constraints.count)
        var remaining = max(0, total)
        for (i, c) in constraints.enumerated() {
            if case .fixed(let n) = c {
                sizes[i] = min(n, remaining)
                remaining -= sizes[i]
            }
        }
        let flexIndexes = constraints.indices.filter {
            if case .flex = constraints[$0] { return true }
            return false
        }
        guard !flexIndexes.isEmpty else { return sizes }
        for i in flexIndexes {
            if case .flex(_, let minimum) = constraints[i] {
                sizes[i] = min(minimum, remaining)
                remaining -= sizes[i]
            }
        }
        let weights = flexIndexes.map { i -> Int in
            if case .flex(let w, _) = constraints[i] { return max(1, w) }
            return 1
        }
        let totalWeight = weights.reduce(0, +)
        let shared = remaining
        for (k, i) in flexIndexes.enumerated() {
            let share = k == flexIndexes.count - 1 ? remaining : shared * weights[k] / totalWeight
            sizes[i] += share
            remaining -= share
        }
        return sizes
    }

    /// Columns of `rect`, left to right, sized by `constraints`.
    static func columns(_ rect: Rect, _ constraints: [Constraint]) -> [Rect] {
        var x = rect.x
        return split(rect.width, constraints).map { w in
            defer { x += w }
            return Rect(x: x, y: rect.y, width: w, height: rect.height)
        }
    }
}
