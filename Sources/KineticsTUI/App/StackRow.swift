import Foundation

/// A stack known for this project (one per environment and region), with its last status.
struct StackRow: Hashable, Sendable, Identifiable {
    var name: String
    var env: String
    var region: String
    /// e.g. `UPDATE_COMPLETE`, `ROLLBACK_COMPLETE`.
    var status: String
    var updatedAt: Date?

    var id: String { "\(region)/\(name)" }

    init(name: String, env: String, region: String, status: String, updatedAt: Date? = nil) {
        self.name = name
        self.env = env
        self.region = region
        self.status = status
        self.updatedAt = updatedAt
    }
}
