/// Where the event engine reads stack events from: the CloudFormation client in production,
/// scripted pages in tests.
public protocol StackEventSource: Sendable {
    /// One page of `DescribeStackEvents` for a stack name or stack id, newest first.
    func describeStackEvents(stackName: String, nextToken: String?) async throws -> StackEventsPage
}
