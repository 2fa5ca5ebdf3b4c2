import Foundation
import KineticsCore

/// A recorded stack operation in the shape `aws cloudformation describe-stack-events` prints, with what the
/// scripted source needs to replay it: when the tail starts, page size, latency and failures to inject.
struct EventFixture: Decodable {
    struct Failure: Decodable {
        var call: Int
        /// `Throttling`, `Transient`, `NotFound` or `Fatal`.
        var code: String
        var message: String
    }

    struct RecordedStack: Decodable {
        var StackId: String
        var StackName: String
        var StackEvents: [RecordedEvent]
    }

    struct RecordedEvent: Decodable {
        var StackId: String
        var EventId: String
        var StackName: String
        var LogicalResourceId: String
        var PhysicalResourceId: String?
        var ResourceType: String
        var Timestamp: String
        var ResourceStatus: String
        var ResourceStatusReason: String?
        var ClientRequestToken: String?
        var DetailedStatus: String?
    }

    struct DescribeStacks: Decodable {
        struct Stack: Decodable {
            var StackId: String
            var StackName: String
            var StackStatus: String
            var StackStatusReason: String?
            var Outputs: [Output]?
        }

        struct Output: Decodable {
            var OutputKey: String
            var OutputValue: String
            var Description: String?
        }

        var Stacks: [Stack]
    }

    var description: String
    var stackName: String
    var clientRequestToken: String?
    var changeSetCreationTime: String?
    var changeSetSize: Int?
    var startAt: String
    var pageSize: Int
    var latencyMilliseconds: Int
    var failures: [Failure]
    var stacks: [RecordedStack]
    var describeStacks: DescribeStacks

    static func load(_ name: String) throws -> EventFixture {
        guard let base = Bundle.module.resourceURL else { throw CocoaError(.fileNoSuchFile) }
        let url = base.appendingPathComponent("Fixtures/Events/\(name).json")
        return try JSONDecoder().decode(EventFixture.self, from: Data(contentsOf: url))
    }

    var start: Date { Self.date(startAt) }
    var changeSetTime: Date? { changeSetCreationTime.map(Self.date) }

    /// Every stack's events, newest first, as `StackEvent`s.
    func events(of stack: RecordedStack) -> [StackEvent] {
        stack.StackEvents.map { e in
            StackEvent(
                eventId: e.EventId, stackId: e.StackId, stackName: e.StackName, logicalResourceId: e.LogicalResourceId,
                physicalResourceId: e.PhysicalResourceId, resourceType: e.ResourceType, timestamp: Self.date(e.Timestamp),
                resourceStatus: e.ResourceStatus, resourceStatusReason: e.ResourceStatusReason,
                clientRequestToken: e.ClientRequestToken, detailedStatus: e.DetailedStatus
            )
        }
    }

    var allEvents: [StackEvent] { stacks.flatMap { events(of: $0) } }

    var summary: StackSummary? {
        describeStacks.Stacks.first.map { s in
            StackSummary(
                stackId: s.StackId, stackName: s.StackName, status: s.StackStatus, statusReason: s.StackStatusReason,
                outputs: (s.Outputs ?? []).map { StackOutput(key: $0.OutputKey, value: $0.OutputValue, description: $0.Description) }
            )
        }
    }

    /// The AWS CLI prints microseconds and an offset (`2025-03-14T10:00:05.102000+00:00`).
    static func date(_ text: String) -> Date {
        guard let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) else {
            fatalError("bad timestamp \(text)")
        }
        return date
    }
}
