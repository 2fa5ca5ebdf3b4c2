import Foundation

/// How a deploy or destroy ended: what to tell the user, what to record, and the exit status of the CLI.
public struct DeployOutcome: Codable, Sendable, Hashable {
    public enum Status: String, Codable, Sendable, Hashable, CaseIterable {
        /// The stack reached `CREATE_COMPLETE` / `UPDATE_COMPLETE` (or `DELETE_COMPLETE` for a destroy).
        case succeeded
        /// The change set was empty.
        case noChanges = "no_changes"
        /// Template and artifacts equal the last successful deploy; CloudFormation was not asked to change anything.
        case skipped
        /// The change set was created and left for review (`--no-execute`).
        case notExecuted = "not_executed"
        /// The user said no at the confirmation.
        case declined
        /// The operation failed (a `*_FAILED` status, or CloudFormation refused the change set or its execution).
        case failed
        /// The operation failed and CloudFormation rolled it back.
        case rolledBack = "rolled_back"
        /// The user cancelled the running operation.
        case cancelled
        /// The user detached; the operation goes on in CloudFormation.
        case detached
    }

    public var status: Status
    public var stackName: String
    public var kind: StackOperationKind
    public var sessionId: Int64?
    /// The stack's terminal status, when an operation ran to its end.
    public var finalStatus: String?
    /// What happened, in a sentence the user can act on (display-safe).
    public var message: String
    public var rootCause: RootCause?
    public var outputs: [StackOutput]
    public var changes: ChangeSetDiff.Counts?
    /// Wall time of the whole deploy, in seconds.
    public var seconds: Double
    /// The stack operation's result, when one ran to its end.
    public var operation: StackOperationResult?

    public init(
        status: Status, stackName: String, kind: StackOperationKind = .deploy, sessionId: Int64? = nil, finalStatus: String? = nil,
        message: String, rootCause: RootCause? = nil, outputs: [StackOutput] = [], changes: ChangeSetDiff.Counts? = nil,
        seconds: Double = 0, operation: StackOperationResult? = nil
    ) {
        self.status = status
        self.stackName = stackName
        self.kind = kind
        self.sessionId = sessionId
        self.finalStatus = finalStatus
        self.message = message
        self.rootCause = rootCause
        self.outputs = outputs
        self.changes = changes
        self.seconds = seconds
        self.operation = operation
    }

    /// Whether the deploy did what was asked (or had nothing to do).
    public var succeeded: Bool {
        switch status {
        case .succeeded, .noChanges, .skipped, .notExecuted, .detached: true
        case .declined, .failed, .rolledBack, .cancelled: false
        }
    }

    /// `0` on success (detaching included), `1` for a failed, rolled back, cancelled or declined deploy.
    public var exitStatus: Int32 { succeeded ? 0 : 1 }

    /// The outcome the session gets in the cache.
    public var sessionOutcome: SessionOutcome {
        switch status {
        case .succeeded: .succeeded
        case .noChanges, .skipped: .noChanges
        case .notExecuted, .declined, .cancelled: .cancelled
        case .failed: .failed
        case .rolledBack: .rolledBack
        case .detached: .detached
        }
    }
}
