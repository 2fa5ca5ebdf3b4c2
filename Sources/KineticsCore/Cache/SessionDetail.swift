/// One session in full: its summary, plan, per-function results, events and the stack's outputs at the end.
public struct SessionDetail: Codable, Sendable, Hashable {
    public var summary: SessionSummary
    public var plan: SessionPlan?
    public var functions: [SessionFunction]
    /// Oldest first, across the root stack and its nested stacks.
    public var events: [TrackedStackEvent]
    /// Whether `events` stops short of all the session's events (see `eventLimit`).
    public var eventsTruncated: Bool
    public var outputs: [StackOutput]
}
