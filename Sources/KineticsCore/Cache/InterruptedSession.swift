import Foundation

/// A session found `running` although its process is gone, now marked `interrupted`, or one the user detached
/// from (`outcome` says which).
///
/// If its stack operation is still in progress (ask `DescribeStacks`), the caller re-attaches with
/// `tailConfiguration`, which scopes the tail to the same operation.
public struct InterruptedSession: Sendable, Hashable {
    public var id: Int64
    public var stack: StackIdentity
    /// The stack's ARN, when an event had already named it.
    public var stackArn: String?
    public var env: String
    public var kind: StackOperationKind
    public var clientRequestToken: String?
    public var changeSetSize: Int?
    public var startedAt: Date
    /// Server time of the session's first recorded event.
    public var firstEventAt: Date?
    public var pid: Int32
    /// `interrupted` (the process died) or `detached` (the user left the operation running).
    public var outcome: SessionOutcome = .interrupted

    /// The event-engine configuration that re-attaches to this session's operation.
    public var tailConfiguration: StackEventEngine.Configuration {
        // Events without a token (some endpoints never set one) count from the first recorded event, else from the
        // session's start, which came before its operation.
        let scope: OperationScope = clientRequestToken.map { .clientRequestToken($0, notBefore: firstEventAt ?? startedAt) }
            ?? firstEventAt.map { .since($0) } ?? .latestOperation
        return StackEventEngine.Configuration(
            stackName: stackArn ?? stack.name, scope: scope, kind: kind, changeSetSize: changeSetSize
        )
    }
}
