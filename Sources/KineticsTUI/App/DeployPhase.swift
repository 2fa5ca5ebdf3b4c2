/// Where a deploy (or destroy) is.
enum DeployPhase: Hashable, Sendable {
    /// No deploy since the console started.
    case idle
    /// Planning: hashing, comparing with the cache and S3.
    case preparing
    /// Building, packaging and uploading functions.
    case building
    /// The change set is ready and waits for the user.
    case awaitingConfirmation
    /// CloudFormation is updating the stack; events stream in.
    case executing
    /// A cancel was asked for; CloudFormation is rolling back.
    case cancelling
    case succeeded
    case failed
    case cancelled
    /// The change set was empty: nothing to deploy.
    case noChanges

    /// Whether work is going on (a spinner turns, the elapsed time counts).
    var isRunning: Bool {
        switch self {
        case .preparing, .building, .awaitingConfirmation, .executing, .cancelling: return true
        case .idle, .succeeded, .failed, .cancelled, .noChanges: return false
        }
    }
}
