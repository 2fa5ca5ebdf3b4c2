/// A program could not be started.
public struct ProcessRunnerError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        case notFound = "program-not-found"
        case spawnFailed = "spawn-failed"
    }

    public var code: Code
    public var executable: String
    /// The system's explanation (`strerror`).
    public var reason: String

    public init(code: Code, executable: String, reason: String) {
        self.code = code
        self.executable = executable
        self.reason = reason
    }

    public var description: String {
        switch code {
        case .notFound:
            "`\(executable)` was not found on PATH; install it or add its directory to PATH."
        case .spawnFailed:
            "`\(executable)` could not be started: \(reason)."
        }
    }
}
