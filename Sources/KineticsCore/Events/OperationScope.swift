import Foundation

/// Which of a stack's events belong to the operation being watched.
///
/// `DescribeStackEvents` returns the whole history of a stack, newest first. The engine reads back from the
/// newest event until the scope says the operation began, and never further; after that it reads only events
/// newer than the ones it already has.
public enum OperationScope: Sendable, Hashable, Codable {
    /// The operation started with this `ClientRequestToken` (every event of it carries the token).
    ///
    /// Events that carry no token at all (some endpoints, such as moto, never set one) are in scope when they
    /// are not older than `notBefore`, the change set's server-side creation time.
    case clientRequestToken(String, notBefore: Date?)
    /// Everything from this server-side time on, e.g. the change set's `CreationTime`.
    case since(Date)
    /// The most recent operation: back to the root stack's newest `User Initiated` event, like upstream Kinetics.
    case latestOperation
}
