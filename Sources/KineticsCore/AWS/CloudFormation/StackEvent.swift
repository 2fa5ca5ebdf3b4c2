import Foundation

/// One CloudFormation stack event, as `DescribeStackEvents` returns it.
public struct StackEvent: Codable, Sendable, Hashable, Identifiable {
    public var eventId: String
    public var stackId: String
    public var stackName: String
    public var logicalResourceId: String
    public var physicalResourceId: String?
    public var resourceType: String
    public var timestamp: Date
    /// e.g. `CREATE_IN_PROGRESS`, `UPDATE_FAILED`, `ROLLBACK_COMPLETE`.
    public var resourceStatus: String
    public var resourceStatusReason: String?
    public var clientRequestToken: String?
    /// e.g. `CONFIGURATION_COMPLETE`, `VALIDATION_FAILED`.
    public var detailedStatus: String?
    /// The hook that ran, e.g. `Private::Guard::Hook`, with its status (`HOOK_COMPLETE_FAILED`…) and reason.
    public var hookType: String?
    public var hookStatus: String?
    public var hookStatusReason: String?
    /// `FAIL` or `WARN`.
    public var hookFailureMode: String?
    /// The CloudFormation operation the event belongs to, when the service reports one (`OperationId`).
    public var operationId: String?

    public var id: String { eventId }

    public init(
        eventId: String,
        stackId: String,
        stackName: String,
        logicalResourceId: String,
        physicalResourceId: String? = nil,
        resourceType: String,
        timestamp: Date,
        resourceStatus: String,
        resourceStatusReason: String? = nil,
        clientRequestToken: String? = nil,
        detailedStatus: String? = nil,
        hookType: String? = nil,
        hookStatus: String? = nil,
        hookStatusReason: String? = nil,
        hookFailureMode: String? = nil,
        operationId: String? = nil
    ) {
        self.eventId = eventId
        self.stackId = stackId
        self.stackName = stackName
        self.logicalResourceId = logicalResourceId
        self.physicalResourceId = physicalResourceId
        self.resourceType = resourceType
        self.timestamp = timestamp
        self.resourceStatus = resourceStatus
        self.resourceStatusReason = resourceStatusReason
        self.clientRequestToken = clientRequestToken
        self.detailedStatus = detailedStatus
        self.hookType = hookType
        self.hookStatus = hookStatus
        self.hookStatusReason = hookStatusReason
        self.hookFailureMode = hookFailureMode
        self.operationId = operationId
    }

    /// Whether this event is about the stack itself rather than one of its resources.
    public var isStackEvent: Bool {
        resourceType == "AWS::CloudFormation::Stack" && (logicalResourceId == stackName || physicalResourceId == stackId)
    }
}

/// One page of `DescribeStackEvents`, newest first as AWS returns it.
public struct StackEventsPage: Sendable, Hashable {
    public var events: [StackEvent]
    public var nextToken: String?

    public init(events: [StackEvent], nextToken: String? = nil) {
        self.events = events
        self.nextToken = nextToken
    }
}
