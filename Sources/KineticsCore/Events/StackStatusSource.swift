/// Where the event engine reads a stack's final status and outputs from once its operation is over
/// (`DescribeStacks`), so the engine never needs an extra call per poll.
public protocol StackStatusSource: Sendable {
    /// The stack as `DescribeStacks` reports it, or `nil` when no such stack exists (for instance after a delete).
    func describeStack(stackName: String) async throws -> StackSummary?
}
