/// A stack event as the engine emits it: the event and where it sits in the tree of nested stacks.
public struct TrackedStackEvent: Codable, Sendable, Hashable, Identifiable {
    public var event: StackEvent
    /// Logical ids of the nested-stack resources from the root stack down to the event's stack;
    /// empty for events of the root stack.
    public var stackPath: [String]
    /// Whether the event is about the root stack itself (its status), not one of its resources.
    public var isRootStackEvent: Bool

    public init(event: StackEvent, stackPath: [String], isRootStackEvent: Bool) {
        self.event = event
        self.stackPath = stackPath
        self.isRootStackEvent = isRootStackEvent
    }

    public var id: String { event.stackId + "|" + event.eventId }

    /// The reason with every control and escape sequence removed, safe to draw or print.
    public var displayReason: String? { event.displayReason }

    /// `Parent/Child/Logical` for nested resources, the logical id alone in the root stack.
    public var displayName: String {
        TextSanitizer.sanitize((stackPath + [event.logicalResourceId]).joined(separator: "/"))
    }
}
