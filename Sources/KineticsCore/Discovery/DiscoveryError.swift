/// An error of the discovery stage that is not a diagnostic: something a later stage asked for and could not get.
public struct DiscoveryError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// `.env.secrets` was there at discovery and cannot be read now.
        case secretsUnreadable = "secrets-unreadable"
        /// `.env.secrets` has a line that cannot be read as `KEY=value`, or a name SSM does not accept.
        case secretsInvalid = "secrets-invalid"
    }

    public var code: Code
    /// The file concerned, relative to the project, if any.
    public var file: String?
    /// What happened and what to do; never contains a secret value.
    public var message: String

    public init(_ code: Code, file: String? = nil, _ message: String) {
        self.code = code
        self.file = file
        self.message = message
    }

    public var description: String { message }
}
