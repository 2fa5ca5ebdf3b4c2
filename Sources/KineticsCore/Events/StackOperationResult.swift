import Foundation

/// How an operation ended: the final status, the root cause when it failed, and the stack's outputs.
public struct StackOperationResult: Codable, Sendable, Hashable {
    public var stackName: String
    public var stackId: String?
    /// The root stack's terminal status, e.g. `UPDATE_ROLLBACK_COMPLETE`.
    public var finalStatus: String
    /// The root stack's status reason (raw).
    public var statusReason: String?
    public var outcome: StackOperationOutcome
    /// Whether the outcome is what the operation meant to reach (see `StackOperationKind`).
    public var succeeded: Bool
    /// The failure that caused it all; `nil` when the operation succeeded.
    public var rootCause: RootCause?
    /// Whether CloudFormation rolled back (or tried to).
    public var rolledBack: Bool
    /// The root stack's reason when the rollback began (raw), e.g. "The following resource(s) failed to ...".
    public var rollbackReason: String?
    /// The stack's outputs after the operation (empty when the stack is gone or could not be described).
    public var outputs: [StackOutput]
    /// Server time of the operation's first event.
    public var startedAt: Date?
    /// Server time of the terminal event.
    public var finishedAt: Date?
    public var progress: StackProgress

    public init(
        stackName: String,
        stackId: String?,
        finalStatus: String,
        statusReason: String? = nil,
        outcome: StackOperationOutcome,
        succeeded: Bool,
        rootCause: RootCause? = nil,
        rolledBack: Bool = false,
        rollbackReason: String? = nil,
        outputs: [StackOutput] = [],
        startedAt: Date? = nil,
        finishedAt: Date? = nil,
        progress: StackProgress = StackProgress()
    ) {
        self.stackName = stackName
        self.stackId = stackId
        self.finalStatus = finalStatus
        self.statusReason = statusReason
        self.outcome = outcome
        self.succeeded = succeeded
        self.rootCause = rootCause
        self.rolledBack = rolledBack
        self.rollbackReason = rollbackReason
        self.outputs = outputs
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.progress = progress
    }

    /// Time from the first to the terminal event, by the server's clock.
    public var duration: TimeInterval? {
        guard let startedAt, let finishedAt else { return nil }
        return max(0, finishedAt.timeIntervalSince(startedAt))
    }
}
