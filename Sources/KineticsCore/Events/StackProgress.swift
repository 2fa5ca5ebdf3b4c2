/// Overall progress of an operation, `completed` of `total` changes.
///
/// `total` is the change set's size when the deployer knows it. `completed` counts each root-stack resource
/// once when it first reaches `*_COMPLETE`, and goes back down as resources complete again during a rollback.
public struct StackProgress: Codable, Sendable, Hashable {
    public var completed: Int
    public var total: Int?

    public init(completed: Int = 0, total: Int? = nil) {
        self.completed = completed
        self.total = total
    }

    /// `completed / total` in `0...1`, or `nil` without a total.
    public var fraction: Double? {
        guard let total, total > 0 else { return nil }
        return min(1, Double(completed) / Double(total))
    }

    /// `3/7`, or `3` without a total.
    public var formatted: String {
        total.map { "\(completed)/\($0)" } ?? "\(completed)"
    }
}
