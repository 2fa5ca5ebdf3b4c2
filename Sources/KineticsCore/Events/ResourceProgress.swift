import Foundation

/// Where one resource of the operation stands: its latest status and how long its current step has taken.
public struct ResourceProgress: Codable, Sendable, Hashable, Identifiable {
    /// The step a resource is in, derived from its status.
    public enum Phase: String, Codable, Sendable, Hashable {
        case inProgress = "in_progress"
        case complete
        case failed
        case skipped
    }

    public var logicalResourceId: String
    public var resourceType: String
    public var physicalResourceId: String?
    /// Logical ids of the nested stacks above this resource; empty in the root stack.
    public var stackPath: [String]
    /// The ARN of the stack the resource belongs to.
    public var stackId: String
    /// The latest raw status, e.g. `UPDATE_IN_PROGRESS`.
    public var status: String
    /// The latest raw reason, as CloudFormation sent it; see `displayReason`.
    public var reason: String?
    /// e.g. `CONFIGURATION_COMPLETE`.
    public var detailedStatus: String?
    public var phase: Phase
    /// Server time of the `*_IN_PROGRESS` event that began the current step.
    public var startedAt: Date?
    /// Server time of the event that ended the current step.
    public var finishedAt: Date?

    public init(
        logicalResourceId: String,
        resourceType: String,
        physicalResourceId: String? = nil,
        stackPath: [String] = [],
        stackId: String,
        status: String,
        reason: String? = nil,
        detailedStatus: String? = nil,
        phase: Phase,
        startedAt: Date? = nil,
        finishedAt: Date? = nil
    ) {
        self.logicalResourceId = logicalResourceId
        self.resourceType = resourceType
        self.physicalResourceId = physicalResourceId
        self.stackPath = stackPath
        self.stackId = stackId
        self.status = status
        self.reason = reason
        self.detailedStatus = detailedStatus
        self.phase = phase
        self.startedAt = startedAt
        self.finishedAt = finishedAt
    }

    public var id: String { stackId + "|" + logicalResourceId }

    /// The reason, safe to draw or print.
    public var displayReason: String? { reason.map { TextSanitizer.sanitize($0) } }

    /// How long the current step took, or has taken so far at `now` while it is still in progress.
    public func elapsed(at now: Date) -> TimeInterval? {
        guard let startedAt else { return nil }
        let end = finishedAt ?? now
        return max(0, end.timeIntervalSince(startedAt))
    }

    /// The phase a status puts a resource in.
    public static func phase(of status: String) -> Phase {
        if StackStatus.isFailure(status) { return .failed }
        if StackStatus.isComplete(status) { return .complete }
        if StackStatus.isSkipped(status) { return .skipped }
        return .inProgress
    }
}
