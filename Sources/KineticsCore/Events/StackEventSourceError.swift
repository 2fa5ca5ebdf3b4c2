/// How the event engine treats an error thrown by a `StackEventSource` or `StackStatusSource`.
public enum StackEventSourceErrorKind: String, Sendable, Hashable, Codable {
    /// The service asked us to slow down (`Throttling`, `ThrottlingException`, `RequestLimitExceeded`):
    /// back off exponentially with jitter and retry, for as long as it takes.
    case throttled
    /// The stack does not exist (`ValidationError: Stack [...] does not exist`).
    case stackNotFound
    /// A failure that may pass (a dropped connection, a 5xx the client already retried): retry a few times.
    case transient
    /// Anything else (bad credentials, access denied): stop and report it.
    case fatal

    /// Sorts any error: one that conforms to `StackEventSourceClassifiable` decides for itself;
    /// a `CancellationError` and every other error count as `fatal`.
    public init(classifying error: any Error) {
        if let classifiable = error as? any StackEventSourceClassifiable {
            self = classifiable.stackEventSourceErrorKind
        } else {
            self = .fatal
        }
    }
}

/// An error that knows how the event engine should treat it.
///
/// The CloudFormation client's error type conforms to this so that throttling (`Throttling`,
/// `ThrottlingException`), a missing stack (`ValidationError` "does not exist") and transient failures are told
/// apart without the engine knowing about HTTP or XML.
public protocol StackEventSourceClassifiable: Error {
    var stackEventSourceErrorKind: StackEventSourceErrorKind { get }
}

/// A ready-made source error, for sources that need nothing richer (and for scripted sources in tests).
public struct StackEventSourceError: StackEventSourceClassifiable, Sendable, Hashable, CustomStringConvertible {
    public var kind: StackEventSourceErrorKind
    public var message: String

    public init(_ kind: StackEventSourceErrorKind, message: String) {
        self.kind = kind
        self.message = message
    }

    public var stackEventSourceErrorKind: StackEventSourceErrorKind { kind }
    public var description: String { message }
}
