/// Where the event engine reads stack events from: the CloudFormation client in production,
/// scripted pages in tests.
///
/// Errors thrown by a conforming type are sorted by `StackEventSourceErrorKind(classifying:)`: an error that
/// conforms to `StackEventSourceClassifiable` says itself whether it is throttling, a missing stack, a transient
/// failure or a fatal one; `StackEventSourceError` is a ready-made error for simple sources and fakes.
public protocol StackEventSource: Sendable {
    /// One page of `DescribeStackEvents` for a stack name or stack id, newest first.
    func describeStackEvents(stackName: String, nextToken: String?) async throws -> StackEventsPage
}
