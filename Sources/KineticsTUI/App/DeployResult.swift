import Foundation

/// How a deploy ended.
struct DeployResult: Hashable, Sendable {
    enum Outcome: Hashable, Sendable {
        case succeeded
        case failed
        case cancelled
        case noChanges
    }

    var outcome: Outcome
    /// A sentence for the user, e.g. the build error or "No changes to deploy".
    var message: String?
    var outputs: [OutputRow]
    var at: Date

    init(outcome: Outcome, message: String? = nil, outputs: [OutputRow] = [], at: Date) {
        self.outcome = outcome
        self.message = message
        self.outputs = outputs
        self.at = at
    }
}
