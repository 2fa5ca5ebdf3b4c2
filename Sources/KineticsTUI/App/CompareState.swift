/// The Compare screen: the two sessions being compared (older first) and the scroll of the comparison.
struct CompareState: Sendable {
    var olderId: String
    var newerId: String
    /// `nil` while the two sessions load.
    var comparison: SessionComparison?
    var offset = 0

    init(olderId: String, newerId: String, comparison: SessionComparison? = nil) {
        self.olderId = olderId
        self.newerId = newerId
        self.comparison = comparison
    }
}
