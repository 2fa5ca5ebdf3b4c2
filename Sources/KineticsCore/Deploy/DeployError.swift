/// Why a deploy could not run or went wrong outside CloudFormation's own events.
public struct DeployError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// The project or the command line is not usable (exit status 2).
        case invalidConfiguration = "invalid_configuration"
        /// A confirmation is needed but nobody can give it (no terminal, no `--yes`).
        case confirmationUnavailable = "confirmation_unavailable"
        /// The stack is in a state no deploy can start from (e.g. an operation in progress).
        case stackBusy = "stack_busy"
        /// CloudFormation refused the change set (invalid template, missing capability…).
        case changeSetFailed = "change_set_failed"
        /// Storing a secret in SSM failed.
        case secretsFailed = "secrets_failed"
        /// The template could not be stored in S3.
        case templateUploadFailed = "template_upload_failed"
        /// Another process deploys this stack.
        case locked
        /// No session with that id is in the cache (or none of the project can be re-attached to).
        case sessionNotFound = "session_not_found"
        /// The session is over (or still followed by its own process): there is nothing to re-attach to.
        case sessionFinished = "session_finished"
        /// The AWS endpoint of the stack could not be reached.
        case unreachable
    }

    public var code: Code
    /// What happened and what to do, display-safe.
    public var message: String
    public var stackName: String?

    public init(_ code: Code, _ message: String, stackName: String? = nil) {
        self.code = code
        self.message = TextSanitizer.sanitize(message)
        self.stackName = stackName
    }

    public var description: String { message }

    /// Whether the error is about usage or configuration (CLI exit status 2) rather than a failed deploy (1).
    public var isUsageError: Bool { code == .invalidConfiguration || code == .confirmationUnavailable }
}
