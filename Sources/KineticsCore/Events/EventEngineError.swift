import Foundation

/// Why tailing a stack's events stopped before the operation ended.
public struct EventEngineError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable, Codable {
        /// `DescribeStackEvents` says the stack does not exist.
        case stackNotFound = "stack_not_found"
        /// No event of the operation appeared within `PollPolicy.operationStartTimeout`.
        case operationNotStarted = "operation_not_started"
        /// Calls kept failing (`PollPolicy.maxConsecutiveFailures` in a row).
        case tooManyFailures = "too_many_failures"
        /// The source failed in a way retrying will not fix (credentials, permissions, a bad request).
        case sourceFailed = "source_failed"
    }

    public var code: Code
    /// The stack name or ARN being read.
    public var stack: String
    /// The underlying error's text, display-safe.
    public var underlying: String?

    public init(code: Code, stack: String, underlying: String? = nil) {
        self.code = code
        self.stack = stack
        self.underlying = underlying.map { TextSanitizer.sanitize($0) }
    }

    public var description: String {
        let name = TextSanitizer.sanitize(stack)
        let detail = underlying.map { " (\($0))" } ?? ""
        switch code {
        case .stackNotFound:
            return "Stack \(name) does not exist\(detail). Check the stack name, the region and the endpoint."
        case .operationNotStarted:
            return "No event of the operation on stack \(name) appeared in time\(detail). "
                + "Check the stack in the CloudFormation console or run `kinetics-tui events \(name)`."
        case .tooManyFailures:
            return "Reading the events of stack \(name) kept failing\(detail). "
                + "The operation may still be running: check your network and run `kinetics-tui events \(name)` to re-attach."
        case .sourceFailed:
            return "Reading the events of stack \(name) failed\(detail). "
                + "Check your credentials and that they allow cloudformation:DescribeStackEvents."
        }
    }
}
