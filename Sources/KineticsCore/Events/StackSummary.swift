import Foundation

/// A stack's status and outputs, as `DescribeStacks` returns them.
public struct StackSummary: Codable, Sendable, Hashable {
    public var stackId: String
    public var stackName: String
    /// e.g. `CREATE_COMPLETE`, `UPDATE_ROLLBACK_COMPLETE`.
    public var status: String
    public var statusReason: String?
    /// e.g. `CONFIGURATION_COMPLETE`.
    public var detailedStatus: String?
    public var outputs: [StackOutput]
    public var lastUpdatedAt: Date?

    public init(
        stackId: String,
        stackName: String,
        status: String,
        statusReason: String? = nil,
        detailedStatus: String? = nil,
        outputs: [StackOutput] = [],
        lastUpdatedAt: Date? = nil
    ) {
        self.stackId = stackId
        self.stackName = stackName
        self.status = status
        self.statusReason = statusReason
        self.detailedStatus = detailedStatus
        self.outputs = outputs
        self.lastUpdatedAt = lastUpdatedAt
    }
}
