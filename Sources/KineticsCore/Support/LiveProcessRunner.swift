import CSpawn
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs real programs with `posix_spawn`, each in its own process group, and streams their output lines.
///
/// Standard input is `/dev/null`. One thread per process polls both pipes and reaps the child, so a blocked
/// read never holds a thread of Swift's cooperative pool.
public struct LiveProcessRunner: ProcessRunner {
    /// The environment every process starts from, before a spec's changes.
    public var baseEnvironment: [String: String]
    /// How long a stopped process may take to exit after SIGTERM before it gets SIGKILL.
    public var killGracePeriod: Double

    public init(
        baseEnvironment: [String: String] = ProcessInfo.processInfo.environment,
        killGracePeriod: Double = 5
    ) {
        self.baseEnvironment = baseEnvironment
        self.killGracePeriod = killGracePeriod
    }

    public func run(_ spec: ProcessSpec) -> AsyncThrowingStream<ProcessOutput, any Error> {
        var environment = baseEnvironment
        for (key, value) in spec.environment {
            environment[key] = value
        }
        let grace = killGracePeriod
        return AsyncThrowingStream { continuation in
            let child: SpawnedChild
            do {
                child = try SpawnedChild.spawn(spec, environment: environment)
            } catch {
                continuation.finish(throwing: error)
                return
            }
            continuation.yield(.started(pid: child.pid))
            continuation.onTermination = { termination in
                if case .cancelled = termination { child.stop(grace: grace) }
            }
            let thread = Thread {
                child.pump(into: continuation)
            }
            thread.name = "kinetics-process-\(child.pid)"
            thread.start()
        }
    }

    /// Resolves `name` the way a shell does: as a path when it has a slash, else through `PATH`.
    public static func resolve(_ name: String, path: String?) -> String? {
        if name.contains("/") {
            return access(name, X_OK) == 0 ? name : nil
        }
        for dir in (path ?? "/usr/bin:/bin").split(separator: ":") where !dir.isEmpty {
            let candidate = "\(dir)/\(name)"
            var info = stat()
            if stat(candidate, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, access(candidate, X_OK) == 0 {
                return candidate
            }
        }
        return nil
    }
}

/// A started child process: its pid, the read ends of its pipes, and whether it has been reaped.
private final class SpawnedChild: @unchecked Sendable {
    let pid: pid_t
    private let stdoutFD: Int32
    private let stderrFD: Int32
    private let lock = NSLock()
    private var reaped = false

    private init(pid: pid_t, stdoutFD: Int32, stderrFD: Int32) {
        self.pid = pid
        self.stdoutFD = stdoutFD
        self.stderrFD = stderrFD
    }

    static func spawn(_ spec: ProcessSpec, environment: [String: String]) throws -> SpawnedChild {
        guard let path = LiveProcessRunner.resolve(spec.executable, path: environment["PATH"]) else {
            throw ProcessRunnerError(code: .notFound, executable: spec.executable, reason: "not found")
        }
        var outPipe: [Int32] = [-1, -1]
        var errPipe: [Int32] = [-1, -1]
        guard pipe2(&outPipe, O_CLOEXEC) == 0 else { throw spawnError(spec, errno) }
        guard pipe2(&errPipe, O_CLOEXEC) == 0 else {
            close(outPipe[0]); close(outPipe[1])
            throw spawnError(spec, errno)
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        if let dir = spec.workingDirectory {
            posix_spawn_file_actions_addchdir_np(&actions, dir)
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var defaultSignals = sigset_t()
        sigemptyset(&defaultSignals)
        for signal in [SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGCHLD] {
            sigaddset(&defaultSignals, signal)
        }
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &defaultSignals)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes,
            Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
        )

        let argv = ([path] + spec.arguments).map { strdup($0) } + [nil]
        let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }

        var pid: pid_t = 0
        let result = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        close(outPipe[1])
        close(errPipe[1])
        guard result == 0 else {
            close(outPipe[0]); close(errPipe[0])
            throw spawnError(spec, result)
        }
        return SpawnedChild(pid: pid, stdoutFD: outPipe[0], stderrFD: errPipe[0])
    }

    private static func spawnError(_ spec: ProcessSpec, _ code: Int32) -> ProcessRunnerError {
        ProcessRunnerError(code: .spawnFailed, executable: spec.executable, reason: String(cString: strerror(code)))
    }

    /// Reads both pipes until they close, yielding whole lines, then reaps the child and finishes the stream.
    func pump(into continuation: AsyncThrowingStream<ProcessOutput, any Error>.Continuation) {
        var fds = [
            pollfd(fd: stdoutFD, events: Int16(POLLIN), revents: 0),
            pollfd(fd: stderrFD, events: Int16(POLLIN), revents: 0),
        ]
        var pending: [[UInt8]] = [[], []]
        var open = [true, true]
        let bufferSize = 64 * 1024
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: bufferSize)
        defer { buffer.deallocate() }

        func emit(_ index: Int, _ bytes: ArraySlice<UInt8>) {
            var line = bytes
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            let text = String(decoding: line, as: UTF8.self)
            continuation.yield(index == 0 ? .stdout(text) : .stderr(text))
        }

        while open[0] || open[1] {
            for i in 0..<2 { fds[i].fd = open[i] ? (i == 0 ? stdoutFD : stderrFD) : -1 }
            let ready = poll(&fds, 2, -1)
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            for i in 0..<2 where open[i] && fds[i].revents != 0 {
                let count = read(fds[i].fd, buffer, bufferSize)
                if count < 0 && (errno == EINTR || errno == EAGAIN) { continue }
                if count <= 0 {
                    open[i] = false
                    if !pending[i].isEmpty { emit(i, pending[i][...]) }
                    pending[i] = []
                    continue
                }
                pending[i].append(contentsOf: UnsafeBufferPointer(start: buffer, count: count))
                var start = 0
                let bytes = pending[i]
                while let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) {
                    emit(i, bytes[start..<newline])
                    start = newline + 1
                }
                if start > 0 { pending[i].removeFirst(start) }
            }
        }
        close(stdoutFD)
        close(stderrFD)

        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        lock.withLock { reaped = true }
        continuation.yield(.terminated(Self.termination(status)))
        continuation.finish()
    }

    /// SIGTERM to the whole process group now, SIGKILL after `grace` seconds if the child is still not reaped.
    func stop(grace: Double) {
        let alive = lock.withLock { !reaped }
        guard alive else { return }
        kill(-pid, SIGTERM)
        DispatchQueue.global().asyncAfter(deadline: .now() + grace) { [self] in
            let stillAlive = lock.withLock { !reaped }
            if stillAlive { kill(-pid, SIGKILL) }
        }
    }

    private static func termination(_ status: Int32) -> ProcessTermination {
        let signal = status & 0x7F
        if signal == 0 { return .exited((status >> 8) & 0xFF) }
        return .signaled(signal)
    }
}
