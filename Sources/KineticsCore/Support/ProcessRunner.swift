/// What to run: a program, its arguments, where, and which environment variables to change.
public struct ProcessSpec: Sendable, Hashable {
    /// A path, or a name looked up on `PATH` like a shell does.
    public var executable: String
    public var arguments: [String]
    /// The working directory; `nil` keeps the caller's.
    public var workingDirectory: String?
    /// Variables set (or, with `nil`, removed) on top of the runner's base environment.
    public var environment: [String: String?]

    public init(
        _ executable: String,
        _ arguments: [String] = [],
        workingDirectory: String? = nil,
        environment: [String: String?] = [:]
    ) {
        self.executable = executable
        self.arguments = arguments
        self.workingDirectory = workingDirectory
        self.environment = environment
    }

    /// The command as a person would type it, for logs and progress lines.
    public var commandLine: String {
        ([executable] + arguments).map { arg in
            arg.contains(where: { $0 == " " || $0 == "\"" || $0 == "'" }) ? "'" + arg.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'" : arg
        }.joined(separator: " ")
    }
}

/// How a process ended.
public enum ProcessTermination: Sendable, Hashable, CustomStringConvertible {
    case exited(Int32)
    case signaled(Int32)

    public var succeeded: Bool { self == .exited(0) }

    public var description: String {
        switch self {
        case .exited(let code): "exit status \(code)"
        case .signaled(let signal): "signal \(signal)"
        }
    }
}

/// One thing a running process did, in the order it happened.
public enum ProcessOutput: Sendable, Hashable {
    /// The process is running with this id (also its process-group id).
    case started(pid: Int32)
    /// One line of standard output, without its newline.
    case stdout(String)
    /// One line of standard error, without its newline.
    case stderr(String)
    /// The process ended; always the last element.
    case terminated(ProcessTermination)
}

/// Runs programs and streams what they print, line by line.
///
/// Ending the consuming task (or cancelling it) stops the process: its whole process group gets SIGTERM, then
/// SIGKILL if it is still there a few seconds later, so a build's compiler children stop with it.
public protocol ProcessRunner: Sendable {
    /// Starts `spec`. The stream fails with ``ProcessRunnerError`` when the program cannot be started.
    func run(_ spec: ProcessSpec) -> AsyncThrowingStream<ProcessOutput, any Error>
}

/// Everything a finished process printed, for short commands such as `rustc -vV`.
public struct ProcessResult: Sendable, Hashable {
    public var termination: ProcessTermination
    public var stdout: [String]
    public var stderr: [String]
}

extension ProcessRunner {
    /// Runs `spec` to the end and collects its output.
    public func collect(_ spec: ProcessSpec) async throws -> ProcessResult {
        var out: [String] = []
        var err: [String] = []
        var termination = ProcessTermination.exited(-1)
        for try await output in run(spec) {
            switch output {
            case .started: break
            case .stdout(let line): out.append(line)
            case .stderr(let line): err.append(line)
            case .terminated(let t): termination = t
            }
        }
        return ProcessResult(termination: termination, stdout: out, stderr: err)
    }
}
