/// Something kept the build stage from running at all: a manifest that cannot be read, cargo missing or killed,
/// a state file that cannot be written.
///
/// Compile errors and missing bin targets are not thrown: they are ``ArtifactEvent/functionFailed(_:diagnostics:)``
/// events, so the other functions still build and report.
public struct BuildError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        case manifestUnreadable = "manifest-unreadable"
        case unknownFunction = "unknown-function"
        case toolMissing = "tool-missing"
        case cargoTerminated = "cargo-terminated"
        case cargoFailed = "cargo-failed"
        case fileSystem = "file-system"
        case stateUnwritable = "state-unwritable"
        case artifactMissing = "artifact-missing"
    }

    public var code: Code
    /// A sentence that says what happened and what to do.
    public var message: String
    /// A file, command or function the error is about.
    public var context: String?

    public init(_ code: Code, _ message: String, context: String? = nil) {
        self.code = code
        self.message = message
        self.context = context
    }

    public var description: String { message }
}
