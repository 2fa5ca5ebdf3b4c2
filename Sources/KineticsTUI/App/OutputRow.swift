/// One stack output (a function URL, a queue URL), shown when a deploy finishes.
struct OutputRow: Hashable, Sendable {
    var key: String
    var value: String
    var description: String?

    init(key: String, value: String, description: String? = nil) {
        self.key = key
        self.value = value
        self.description = description
    }
}
