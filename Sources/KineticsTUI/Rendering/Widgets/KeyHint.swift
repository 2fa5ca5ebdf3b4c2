/// One key and what it does, for the hint bar and the help overlay.
struct KeyHint: Hashable, Sendable {
    var key: String
    var label: String

    init(_ key: String, _ label: String) {
        self.key = key
        self.label = label
    }
}
