import Foundation

/// The embedded local AWS: a `moto_server` on a free 127.0.0.1 port, for `--local` and for tests.
///
/// moto's server application runs under a small Python wrapper that binds port 0 (so the kernel picks a free port,
/// with no race), prints the port, and exits as soon as this process is gone: it watches its standard input, a
/// pipe whose other end only this process holds, and its parent pid. Both survive `kill -9` of the parent, which
/// `PR_SET_PDEATHSIG` alone would not do reliably here (it fires when the spawning *thread* exits, and Swift's
/// thread pool may retire that thread while the server should live on).
///
/// `stop()` sends SIGTERM, then SIGKILL after a grace period; dropping the last reference stops it too.
/// ``startDetached(_:)`` starts one that does not watch this process and runs on in a process group of its own
/// (ignoring SIGHUP), for `kinetics-tui local start`; `LocalAWSSession` finds it again through its state file.
public final class LocalAWSServer: Sendable {
    public struct Options: Sendable {
        /// Turns on moto's request authentication after this many unauthenticated calls (its
        /// `INITIAL_NO_AUTH_ACTION_COUNT`); `nil` leaves authentication off, as `--local` wants.
        public var initialNoAuthActionCount: Int?
        /// The Python interpreter with moto installed; `python3` on `PATH` when `nil`.
        public var python: String?
        public var region: String
        public var startTimeout: Duration
        /// Where moto's own output goes; a file in the temporary directory when `nil`.
        public var logPath: String?

        public init(
            initialNoAuthActionCount: Int? = nil, python: String? = nil, region: String = "us-east-1",
            startTimeout: Duration = .seconds(60), logPath: String? = nil
        ) {
            self.initialNoAuthActionCount = initialNoAuthActionCount
            self.python = python
            self.region = region
            self.startTimeout = startTimeout
            self.logPath = logPath
        }
    }

    /// Credentials moto accepts while authentication is off.
    public static let dummyCredentials = AWSCredentials(
        accessKeyId: "AKIAKINETICSLOCAL000", secretAccessKey: "kinetics-local-secret-key-not-a-secret", source: "the local AWS")

    public let port: Int
    public let region: String
    public let logPath: String
    private let process: Process
    private let stdinPipe: Pipe

    /// `http://127.0.0.1:<port>`.
    public var endpointURL: String { "http://127.0.0.1:\(port)" }
    public var processIdentifier: Int32 { process.processIdentifier }
    public var isRunning: Bool { process.isRunning }

    private init(port: Int, region: String, logPath: String, process: Process, stdinPipe: Pipe) {
        self.port = port
        self.region = region
        self.logPath = logPath
        self.process = process
        self.stdinPipe = stdinPipe
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// A configuration that sends every service to this server.
    public func configuration(credentials: AWSCredentials = LocalAWSServer.dummyCredentials) -> AWSConfiguration {
        AWSConfiguration(credentials: credentials, region: region, profile: "local", endpoint: AWSEndpoint(url: endpointURL))
    }

    // MARK: - Start and stop

    /// Starts moto, waits until it answers HTTP, and returns it.
    public static func start(_ options: Options = Options()) async throws -> LocalAWSServer {
        let launched = try await launch(options, detached: false)
        let server = LocalAWSServer(
            port: launched.port, region: options.region, logPath: launched.logPath, process: launched.process,
            stdinPipe: launched.stdin ?? Pipe())
        try await server.waitUntilAnswering(timeout: options.startTimeout)
        return server
    }

    /// A moto started by ``startDetached(_:)``: it runs on after this process exits, until it is sent SIGTERM.
    public struct Detached: Sendable, Hashable {
        public var processIdentifier: Int32
        public var port: Int
        public var logPath: String

        /// `http://127.0.0.1:<port>`.
        public var endpointURL: String { "http://127.0.0.1:\(port)" }
    }

    /// Starts moto in a process group of its own that outlives this process (for `kinetics-tui local start`), and
    /// waits until it answers HTTP.
    public static func startDetached(_ options: Options = Options()) async throws -> Detached {
        let launched = try await launch(options, detached: true)
        let detached = Detached(processIdentifier: launched.process.processIdentifier, port: launched.port, logPath: launched.logPath)
        do {
            try await waitUntilAnswering(
                port: launched.port, timeout: options.startTimeout, logPath: launched.logPath,
                exitStatus: { launched.process.isRunning ? nil : launched.process.terminationStatus })
        } catch {
            kill(detached.processIdentifier, SIGKILL)
            throw error
        }
        return detached
    }

    /// Spawns the wrapper and reads the port it reports.
    private static func launch(
        _ options: Options, detached: Bool
    ) async throws -> (process: Process, port: Int, logPath: String, stdin: Pipe?) {
        let environment = ProcessInfo.processInfo.environment
        guard let python = options.python ?? findExecutable("python3", path: environment["PATH"]) else {
            throw unavailable("python3 is not on PATH")
        }
        let logPath = options.logPath ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("kinetics-moto-\(getpid())-\(UUID().uuidString.prefix(8)).log").path
        guard FileManager.default.createFile(atPath: logPath, contents: nil), let log = FileHandle(forWritingAtPath: logPath) else {
            throw unavailable("its log file \(logPath) could not be created")
        }
        defer { try? log.close() }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", wrapper]
        var env = environment
        env["PYTHONUNBUFFERED"] = "1"
        env["INITIAL_NO_AUTH_ACTION_COUNT"] = options.initialNoAuthActionCount.map(String.init)
        env["MOTO_PORT"] = nil
        env["KINETICS_MOTO_DETACHED"] = detached ? "1" : nil
        process.environment = env
        let input: Pipe? = detached ? nil : Pipe()
        let output = Pipe()
        if let input { process.standardInput = input } else { process.standardInput = FileHandle.nullDevice }
        process.standardOutput = output
        process.standardError = log
        do {
            try process.run()
        } catch {
            throw unavailable("\(python) could not be started (\(error.localizedDescription))")
        }

        let firstLine = await readLine(output.fileHandleForReading, process: process, timeout: options.startTimeout)
        try? output.fileHandleForReading.close()
        guard let firstLine, let port = Int(firstLine), port > 0 else {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            let said = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            if process.terminationStatus == 3 || said.contains("moto-missing") {
                throw AWSError(
                    code: .localServerUnavailable, summary: "moto_server is not installed for \(python)",
                    advice: "Run scripts/setup.sh, or pip install 'moto[server]'.")
            }
            let tail = TextSanitizer.sanitize(String(said.suffix(300)))
            throw unavailable("it did not report its port within \(options.startTimeout) (\(tail.isEmpty ? "no output" : tail); log: \(logPath))")
        }
        return (process, port, logPath, input)
    }

    /// How ``stop(grace:)`` ended moto.
    public enum StopOutcome: Sendable, Equatable {
        /// It had already exited.
        case alreadyStopped
        /// It exited on SIGTERM within the grace period.
        case terminated
        /// It was still running after the grace period and was killed.
        case killed
    }

    /// Stops moto: SIGTERM, then SIGKILL when it has not exited after `grace`.
    @discardableResult
    public func stop(grace: Duration = .seconds(3)) async -> StopOutcome {
        guard process.isRunning else { return .alreadyStopped }
        process.terminate()
        let deadline = ContinuousClock.now + grace
        while process.isRunning, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        var outcome = StopOutcome.terminated
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            outcome = .killed
        }
        let reaped = ContinuousClock.now + .seconds(2)
        while process.isRunning, ContinuousClock.now < reaped {
            try? await Task.sleep(for: .milliseconds(10))
        }
        try? stdinPipe.fileHandleForWriting.close()
        return outcome
    }

    private func waitUntilAnswering(timeout: Duration) async throws {
        do {
            try await Self.waitUntilAnswering(
                port: port, timeout: timeout, logPath: logPath,
                exitStatus: { [process] in process.isRunning ? nil : process.terminationStatus })
        } catch {
            await stop()
            throw error
        }
    }

    /// Polls until moto on `port` answers HTTP; fails early when `exitStatus` says it exited.
    private static func waitUntilAnswering(
        port: Int, timeout: Duration, logPath: String, exitStatus: () -> Int32?
    ) async throws {
        let deadline = ContinuousClock.now + timeout
        var lastProblem = "no answer"
        while ContinuousClock.now < deadline {
            if let status = exitStatus() {
                throw unavailable("it exited with status \(status) (log: \(logPath))")
            }
            switch await probe(port: port, timeout: .seconds(2)) {
            case .success: return
            case .failure(let problem): lastProblem = problem.description
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw unavailable("it did not answer on port \(port) within \(timeout) (\(lastProblem); log: \(logPath))")
    }

    /// Why a probe found no moto answering.
    public struct ProbeFailure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Whether something answers moto's own API on `127.0.0.1:port` within `timeout`.
    public static func probe(port: Int, timeout: Duration) async -> Result<Void, ProbeFailure> {
        let request = HTTPRequest(method: "GET", scheme: "http", host: "127.0.0.1", port: port, encodedPath: "/moto-api/config")
        do {
            let response = try await CurlTransport.shared.send(
                request, options: HTTPTransferOptions(connectTimeout: timeout, stallTimeout: timeout, totalTimeout: timeout))
            return response.isSuccess ? .success(()) : .failure(ProbeFailure(description: "HTTP \(response.status) from /moto-api/config"))
        } catch let error as HTTPTransportError {
            return .failure(ProbeFailure(description: error.description))
        } catch {
            return .failure(ProbeFailure(description: "\(error)"))
        }
    }

    // MARK: - Helpers

    private static func unavailable(_ why: String) -> AWSError {
        AWSError(code: .localServerUnavailable, summary: "The local AWS (moto_server) could not be started: \(why)",
                 advice: "Run scripts/setup.sh, or pip install 'moto[server]', and try again.")
    }

    static func findExecutable(_ name: String, path: String?) -> String? {
        for directory in (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Reads the first line of `handle` on a thread of its own; `nil` at end of file or after `timeout`.
    private static func readLine(_ handle: FileHandle, process: Process, timeout: Duration) async -> String? {
        let result = Locked<(done: Bool, continuation: CheckedContinuation<String?, Never>?)>((false, nil))
        @Sendable func finish(_ line: String?) {
            let continuation = result.withLock { state -> CheckedContinuation<String?, Never>? in
                guard !state.done else { return nil }
                state.done = true
                defer { state.continuation = nil }
                return state.continuation
            }
            continuation?.resume(returning: line)
        }
        return await withCheckedContinuation { continuation in
            result.withLock { $0.continuation = continuation }
            let reader = Thread {
                var buffer = Data()
                while true {
                    let chunk = handle.availableData
                    if chunk.isEmpty { break }
                    buffer.append(chunk)
                    if let newline = buffer.firstIndex(of: 0x0A) {
                        finish(String(decoding: buffer[..<newline], as: UTF8.self).trimmingCharacters(in: .whitespaces))
                        return
                    }
                }
                finish(nil)
            }
            reader.start()
            Task {
                try? await Task.sleep(for: timeout)
                finish(nil)
            }
        }
    }

    /// Runs moto's server application on 127.0.0.1, port 0, and exits with its parent.
    private static let wrapper = #"""
import os, signal, sys, threading, time, logging
# The spawning thread's blocked signals are inherited (a console blocks SIGTERM and SIGINT in its threads to
# receive them in one place): unblock them all, or SIGTERM would wait for the kill after the grace period.
signal.pthread_sigmask(signal.SIG_SETMASK, [])
signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
detached = os.environ.pop("KINETICS_MOTO_DETACHED", "") == "1"
if detached:
    try:
        os.setsid()
    except OSError:
        pass
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
try:
    from werkzeug.serving import make_server
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
except Exception as error:
    sys.stderr.write("moto-missing: %s\n" % error)
    sys.exit(3)
parent = os.getppid()
def watch_stdin():
    try:
        while os.read(0, 65536):
            pass
    except OSError:
        pass
    os._exit(0)
def watch_parent():
    while os.getppid() == parent:
        time.sleep(0.25)
    os._exit(0)
if not detached:
    threading.Thread(target=watch_stdin, daemon=True).start()
    threading.Thread(target=watch_parent, daemon=True).start()
logging.getLogger("werkzeug").setLevel(logging.ERROR)
app = DomainDispatcherApplication(create_backend_app)
server = make_server("127.0.0.1", 0, app, threaded=True)
port = server.server_address[1]
os.environ["MOTO_PORT"] = str(port)
sys.stdout.write("%d\n" % port)
sys.stdout.flush()
os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
server.serve_forever()
"""#
}
