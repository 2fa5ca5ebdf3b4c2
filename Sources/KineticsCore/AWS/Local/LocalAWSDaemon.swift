import Foundation

/// The shared local AWS behind `kinetics-tui local start|stop|status`: one detached `moto_server` per state
/// directory, found again through ``LocalAWSState``.
///
/// Start and stop hold an exclusive lock on `local-aws.lock` beside the state file, so two of them at once do not
/// start two servers. A state file whose process is gone is stale and is removed on sight; one whose process lives
/// but does not answer is reported stale and replaced by the next start.
public enum LocalAWSDaemon {
    public enum Status: Sendable, Hashable {
        /// It runs and answers.
        case running(LocalAWSState)
        /// Nothing was started (or it was stopped).
        case notRunning
        /// A state file names a server that is gone or does not answer (why).
        case stale(LocalAWSState, reason: String)
    }

    public enum StartOutcome: Sendable, Hashable {
        case started(LocalAWSState)
        case alreadyRunning(LocalAWSState)
    }

    public enum StopOutcome: Sendable, Hashable {
        case stopped(LocalAWSState)
        case notRunning
    }

    /// Whether the shared local AWS runs; removes a stale state file.
    public static func status(stateDirectory: URL, probeTimeout: Duration = .seconds(2)) async -> Status {
        guard let state = LocalAWSState.read(from: stateDirectory) else { return .notRunning }
        guard state.processIsAlive else {
            LocalAWSState.remove(from: stateDirectory)
            return .stale(state, reason: "process \(state.processIdentifier) is gone")
        }
        if case .failure(let problem) = await LocalAWSServer.probe(port: state.port, timeout: probeTimeout) {
            return .stale(state, reason: "it does not answer on \(state.endpointURL) (\(problem))")
        }
        return .running(state)
    }

    /// Starts the shared local AWS unless it already runs.
    public static func start(
        stateDirectory: URL, options: LocalAWSServer.Options = LocalAWSServer.Options()
    ) async throws -> StartOutcome {
        let lock = try DirectoryLock(directory: stateDirectory)
        defer { lock.release() }
        switch await status(stateDirectory: stateDirectory) {
        case .running(let state):
            return .alreadyRunning(state)
        case .stale(let state, _):
            // A hung server of ours (same pid and start time) is put down; a pid that cannot be told apart from
            // another process's is left alone.
            if state.processStartTicks != nil, state.processIsAlive { kill(state.processIdentifier, SIGKILL) }
            LocalAWSState.remove(from: stateDirectory)
        case .notRunning:
            break
        }
        var options = options
        if options.logPath == nil { options.logPath = stateDirectory.appendingPathComponent("local-aws.log").path }
        let server = try await LocalAWSServer.startDetached(options)
        let state = LocalAWSState(
            processIdentifier: server.processIdentifier, port: server.port, endpointURL: server.endpointURL, region: options.region,
            logPath: server.logPath, processStartTicks: LocalAWSState.startTicks(of: server.processIdentifier))
        do {
            try state.write(to: stateDirectory)
        } catch {
            kill(server.processIdentifier, SIGKILL)
            throw error
        }
        return .started(state)
    }

    /// Stops the shared local AWS (SIGTERM, then SIGKILL after `grace`) and removes its state file.
    public static func stop(stateDirectory: URL, grace: Duration = .seconds(3)) async throws -> StopOutcome {
        let lock = try DirectoryLock(directory: stateDirectory)
        defer { lock.release() }
        guard let state = LocalAWSState.read(from: stateDirectory) else { return .notRunning }
        guard state.processIsAlive else {
            LocalAWSState.remove(from: stateDirectory)
            return .notRunning
        }
        let pid = state.processIdentifier
        kill(pid, SIGTERM)
        let deadline = ContinuousClock.now + grace
        while state.processIsAlive, ContinuousClock.now < deadline {
            reap(pid)
            try? await Task.sleep(for: .milliseconds(20))
        }
        if state.processIsAlive { kill(pid, SIGKILL) }
        let gone = ContinuousClock.now + .seconds(2)
        while state.processIsAlive, ContinuousClock.now < gone {
            reap(pid)
            try? await Task.sleep(for: .milliseconds(10))
        }
        LocalAWSState.remove(from: stateDirectory)
        return .stopped(state)
    }

    /// Collects the exit status when the server happens to be this process's own child (a zombie still answers
    /// `kill(pid, 0)`).
    private static func reap(_ pid: Int32) {
        var status: Int32 = 0
        _ = waitpid(pid, &status, WNOHANG)
    }
}

/// An exclusive `flock` on `local-aws.lock` in a directory, held until `release()`.
private final class DirectoryLock {
    private var descriptor: Int32

    init(directory: URL) throws {
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("local-aws.lock").path
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw AWSError(
                code: .localServerUnavailable,
                summary: "The lock file \(path) of the local AWS could not be opened (\(String(cString: strerror(errno))))",
                advice: "Check that the directory is writable, or set KINETICS_TUI_CACHE to a path in a writable one.")
        }
        while flock(descriptor, LOCK_EX) != 0 && errno == EINTR {}
    }

    func release() {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}
