import Foundation

/// The failure that made an operation fail: the first real `*_FAILED` event in time order across the root stack
/// and its nested stacks.
public struct RootCause: Codable, Sendable, Hashable {
    public var logicalResourceId: String
    public var resourceType: String
    public var physicalResourceId: String?
    /// Name of the stack the failed resource belongs to (a nested stack's own name when nested).
    public var stackName: String
    public var stackId: String
    /// Logical ids of the nested stacks above the resource; empty in the root stack.
    public var stackPath: [String]
    /// e.g. `CREATE_FAILED`.
    public var status: String
    /// The reason as CloudFormation sent it; see `displayReason`.
    public var reason: String
    public var timestamp: Date
    public var eventId: String
    /// Whether this comes from a stack-level event (a nested stack resource or the stack itself) because no
    /// resource-level failure has been seen (yet); a later resource failure replaces it.
    public var isStackLevel: Bool

    public init(
        logicalResourceId: String,
        resourceType: String,
        physicalResourceId: String? = nil,
        stackName: String,
        stackId: String,
        stackPath: [String] = [],
        status: String,
        reason: String,
        timestamp: Date,
        eventId: String,
        isStackLevel: Bool = false
    ) {
        self.logicalResourceId = logicalResourceId
        self.resourceType = resourceType
        self.physicalResourceId = physicalResourceId
        self.stackName = stackName
        self.stackId = stackId
        self.stackPath = stackPath
        self.status = status
        self.reason = reason
        self.timestamp = timestamp
        self.eventId = eventId
        self.isStackLevel = isStackLevel
    }

    /// The reason with control and escape sequences removed, safe to draw or print.
    public var displayReason: String { TextSanitizer.sanitize(reason) }

    /// `Parent/Child/Logical` for nested resources, the logical id alone in the root stack; safe to print.
    public var displayName: String {
        TextSanitizer.sanitize((stackPath + [logicalResourceId]).joined(separator: "/"))
    }

    // MARK: - Which failures count

    /// Reasons that only echo another failure: a resource CloudFormation stopped waiting for because something
    /// else failed, or a stack's summary of its failed resources.
    public static func isNoise(_ reason: String) -> Bool {
        let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return true }
        for phrase in cancellationPhrases where trimmed.localizedCaseInsensitiveContains(phrase) {
            return true
        }
        return trimmed.hasPrefix("The following resource(s) failed to")
    }

    private static let cancellationPhrases = [
        "Resource creation cancelled",
        "Resource update cancelled",
        "Resource deletion cancelled",
        "Resource import cancelled",
    ]

    init(tracked: TrackedStackEvent, isStackLevel: Bool) {
        let e = tracked.event
        self.init(
            logicalResourceId: e.logicalResourceId,
            resourceType: e.resourceType,
            physicalResourceId: e.physicalResourceId,
            stackName: e.stackName,
            stackId: e.stackId,
            stackPath: tracked.stackPath,
            status: e.resourceStatus,
            reason: e.resourceStatusReason ?? "",
            timestamp: e.timestamp,
            eventId: e.eventId,
            isStackLevel: isStackLevel
        )
    }
}
