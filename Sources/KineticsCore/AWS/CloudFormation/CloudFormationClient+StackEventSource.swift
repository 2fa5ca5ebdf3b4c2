/// The event engine reads stack events, and a finished stack's status and outputs, straight from CloudFormation.
extension CloudFormationClient: StackEventSource, StackStatusSource {
    public func describeStack(stackName: String) async throws -> StackSummary? {
        guard let stack = try await describeStack(name: stackName) else { return nil }
        return StackSummary(
            stackId: stack.stackId, stackName: stack.stackName, status: stack.status, statusReason: stack.statusReason,
            detailedStatus: stack.detailedStatus, outputs: stack.outputs,
            lastUpdatedAt: stack.lastUpdatedTime ?? stack.creationTime)
    }
}
