import Foundation

/// The event that explains a failed deploy: the first `*_FAILED` event (across nested stacks) whose reason is not
/// a consequence of another failure. Pinned on top of the deploy and session screens.
struct RootCauseInfo: Hashable, Sendable {
    var logicalId: String
    var resourceType: String
    var status: String
    var reason: String
    /// The (nested) stack the failed resource belongs to.
    var stackName: String
    var timestamp: Date

    init(logicalId: String, resourceType: String, status: String, reason: String, stackName: String, timestamp: Date) {
        self.logicalId = logicalId
        self.resourceType = resourceType
        self.status = status
        self.reason = reason
        self.stackName = stackName
        self.timestamp = timestamp
    }
}
