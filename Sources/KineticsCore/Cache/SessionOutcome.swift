/// How a deploy session ended (or that it has not).
public enum SessionOutcome: String, Codable, Sendable, Hashable, CaseIterable {
    case running
    case succeeded
    case failed
    /// The stack operation failed and CloudFormation rolled it back.
    case rolledBack = "rolled_back"
    /// The user cancelled (CancelUpdateStack, or stopped before the change set was executed).
    case cancelled
    /// The user detached: the stack operation goes on without this process watching.
    case detached
    /// The process died while the session was running; found and marked on a later start.
    case interrupted
    /// The change set was empty: nothing to deploy.
    case noChanges = "no_changes"

    /// The outcome a finished stack operation gives a session of this kind.
    public init(_ result: StackOperationResult, kind: StackOperationKind) {
        if kind.isSuccess(result.outcome) {
            self = .succeeded
        } else if result.outcome == .rolledBack {
            self = .rolledBack
        } else {
            self = .failed
        }
    }

    /// Whether the session is over (everything but `running`).
    public var isFinal: Bool { self != .running }
}
