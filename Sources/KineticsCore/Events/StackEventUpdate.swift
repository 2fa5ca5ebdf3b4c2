import Foundation

/// What the event engine tells its listener (the deploy screen, the plain/JSON printer, the cache writer).
public enum StackEventUpdate: Sendable, Hashable {
    /// Events new since the last poll, oldest first, across the root stack and its nested stacks.
    case events([TrackedStackEvent])
    /// The operation's first event was seen (server time), or, when following, a new operation began.
    case operationStarted(stackName: String, stackId: String, at: Date)
    /// A nested stack is now followed.
    case nestedStackFollowed(stackPath: [String], stackId: String)
    /// Resources whose status changed in the last poll, in the order of their events.
    case resources([ResourceProgress])
    /// Overall progress changed.
    case progress(StackProgress)
    /// The root stack began rolling back; `reason` is raw (use `TextSanitizer` to show it).
    case rollbackStarted(reason: String?, at: Date)
    /// The best known root cause changed (the first real failure, or a resource failure replacing a
    /// stack-level one).
    case rootCause(RootCause)
    /// The service throttled us; the next call waits `retryIn` (attempt counts from 1).
    case throttled(attempt: Int, retryIn: Duration)
    /// A call failed and will be retried after `retryIn`; `message` is display-safe.
    case retrying(attempt: Int, retryIn: Duration, message: String)
    /// The operation reached a terminal status; outputs are included when the stack could be described.
    case operationFinished(StackOperationResult)
}
