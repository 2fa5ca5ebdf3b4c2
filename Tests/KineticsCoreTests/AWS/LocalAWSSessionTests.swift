import Foundation
import Testing
@testable import KineticsCore

@Suite("--local reuses the server `kinetics-tui local start` keeps running, or embeds one of its own", .serialized)
struct LocalAWSSessionTests {
    /// A real S3 round trip through a session's configuration.
    static func roundTrip(_ configuration: AWSConfiguration, bucket: String) async throws -> String {
        let s3 = S3Client(client: AWSClient(configuration: configuration))
        try await s3.createBucket(bucket)
        try await s3.putObject(bucket: bucket, key: "hello.txt", body: .data(Data("hello \(bucket)".utf8)))
        return String(decoding: try await s3.getObject(bucket: bucket, key: "hello.txt").data, as: UTF8.self)
    }

    static func port(_ endpoint: String) -> Int { URLComponents(string: endpoint)?.port ?? 0 }

    static func refuses(_ endpoint: String) async -> Bool {
        if case .failure = await LocalAWSServer.probe(port: port(endpoint), timeout: .seconds(1)) { return true }
        return false
    }

    @Test("with nothing shared it embeds a server with dummy credentials that close() stops")
    func embedded() async throws {
        let state = try TemporaryDirectory("kt-local-state")
        let session = try await LocalAWSSession.open(stateDirectory: URL(fileURLWithPath: state.path))
        #expect(!session.isShared)
        #expect(session.endpointURL.hasPrefix("http://127.0.0.1:"))
        #expect(session.configuration.credentials.accessKeyId == LocalAWSServer.dummyCredentials.accessKeyId)
        #expect(session.configuration.endpoint(for: .s3).url == session.endpointURL)
        #expect(session.configuration.endpoint(for: .cloudFormation).url == session.endpointURL)
        #expect(try await Self.roundTrip(session.configuration, bucket: "kt-embedded") == "hello kt-embedded")
        await session.close()
        #expect(await Self.refuses(session.endpointURL))
    }

    @Test("a started shared server is reused by every session, outlives close(), and is gone after stop")
    func shared() async throws {
        let state = try TemporaryDirectory("kt-local-state")
        let directory = URL(fileURLWithPath: state.path)
        guard case .started(let started) = try await LocalAWSDaemon.start(stateDirectory: directory) else {
            Issue.record("a fresh state directory had a server already")
            return
        }
        var stopped = false
        defer { if !stopped { kill(started.processIdentifier, SIGKILL) } }
        #expect(FileManager.default.fileExists(atPath: state.file("local-aws.json")))
        #expect(started.processStartTicks != nil)

        guard case .alreadyRunning(let again) = try await LocalAWSDaemon.start(stateDirectory: directory) else {
            Issue.record("a second start started a second server")
            return
        }
        #expect(again == started)
        #expect(await LocalAWSDaemon.status(stateDirectory: directory) == .running(started))

        let first = try await LocalAWSSession.open(stateDirectory: directory)
        #expect(first.isShared)
        #expect(first.endpointURL == started.endpointURL)
        #expect(try await Self.roundTrip(first.configuration, bucket: "kt-shared") == "hello kt-shared")
        await first.close()
        #expect(!(await Self.refuses(started.endpointURL)))

        // What the first session stored is still there for the next one.
        let second = try await LocalAWSSession.open(stateDirectory: directory)
        #expect(second.isShared)
        let s3 = S3Client(client: AWSClient(configuration: second.configuration))
        #expect(try await s3.headObject(bucket: "kt-shared", key: "hello.txt")?.size == Int64("hello kt-shared".utf8.count))
        await second.close()

        #expect(try await LocalAWSDaemon.stop(stateDirectory: directory) == .stopped(started))
        stopped = true
        #expect(kill(started.processIdentifier, 0) != 0)
        #expect(!FileManager.default.fileExists(atPath: state.file("local-aws.json")))
        #expect(try await LocalAWSDaemon.stop(stateDirectory: directory) == .notRunning)
        #expect(await LocalAWSDaemon.status(stateDirectory: directory) == .notRunning)
    }

    @Test("two starts at once start one server: the other finds it running")
    func concurrentStarts() async throws {
        let state = try TemporaryDirectory("kt-local-state")
        let directory = URL(fileURLWithPath: state.path)
        let outcomes = try await withThrowingTaskGroup(of: LocalAWSDaemon.StartOutcome.self) { group in
            for _ in 0..<2 { group.addTask { try await LocalAWSDaemon.start(stateDirectory: directory) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let states = outcomes.map { outcome -> LocalAWSState in
            switch outcome {
            case .started(let s), .alreadyRunning(let s): s
            }
        }
        defer { for s in Set(states.map(\.processIdentifier)) { kill(s, SIGKILL) } }
        #expect(outcomes.filter { if case .started = $0 { true } else { false } }.count == 1)
        #expect(Set(states).count == 1)
        #expect(try await LocalAWSDaemon.stop(stateDirectory: directory) == .stopped(states[0]))
    }

    @Test("a state file left by a server that is gone is stale: removed, and the session embeds its own")
    func stale() async throws {
        let state = try TemporaryDirectory("kt-local-state")
        let directory = URL(fileURLWithPath: state.path)
        // A process that existed and is gone: its pid is not running any more.
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/true")
        try gone.run()
        gone.waitUntilExit()
        let dead = LocalAWSState(
            processIdentifier: gone.processIdentifier, port: 9, endpointURL: "http://127.0.0.1:9", region: "us-east-1",
            logPath: "/nonexistent.log")
        try dead.write(to: directory)
        guard case .stale(let found, let reason) = await LocalAWSDaemon.status(stateDirectory: directory) else {
            Issue.record("a dead server was not reported stale")
            return
        }
        #expect(found == dead)
        #expect(reason.contains("\(gone.processIdentifier)"))
        #expect(!FileManager.default.fileExists(atPath: state.file("local-aws.json")))

        try dead.write(to: directory)
        let session = try await LocalAWSSession.open(stateDirectory: directory)
        #expect(!session.isShared)
        #expect(session.endpointURL != dead.endpointURL)
        await session.close()
    }

    @Test("a live process that is not a local AWS is not trusted: the session embeds its own")
    func notAnswering() async throws {
        let state = try TemporaryDirectory("kt-local-state")
        let directory = URL(fileURLWithPath: state.path)
        let imposter = LocalAWSState(
            processIdentifier: getpid(), port: 9, endpointURL: "http://127.0.0.1:9", region: "us-east-1", logPath: "/nonexistent.log",
            processStartTicks: LocalAWSState.startTicks(of: getpid()))
        try imposter.write(to: directory)
        guard case .stale(_, let reason) = await LocalAWSDaemon.status(stateDirectory: directory, probeTimeout: .seconds(1)) else {
            Issue.record("a port nobody answers on was reported running")
            return
        }
        #expect(reason.contains("does not answer"))
        let session = try await LocalAWSSession.open(stateDirectory: directory)
        #expect(!session.isShared)
        await session.close()
    }

    @Test("a recycled pid (same number, other start time) is not mistaken for the server")
    func recycledPid() {
        let recycled = LocalAWSState(
            processIdentifier: getpid(), port: 9, endpointURL: "http://127.0.0.1:9", region: "us-east-1", logPath: "/x.log",
            processStartTicks: (LocalAWSState.startTicks(of: getpid()) ?? 0) + 1)
        #expect(!recycled.processIsAlive)
        #expect(LocalAWSState.startTicks(of: getpid()) != nil)
    }

    // MARK: - The real binary

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func local(_ arguments: [String], cacheDirectory: String, path: String? = nil) async throws -> Output {
        let binary = BuiltProducts.path("kinetics-tui")
        try #require(FileManager.default.isExecutableFile(atPath: binary), "build first: swift build --build-tests")
        return try await Blocking.run { try localBlocking(binary, arguments, cacheDirectory: cacheDirectory, path: path) }
    }

    private static func localBlocking(_ binary: String, _ arguments: [String], cacheDirectory: String, path: String?) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["local"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["KINETICS_TUI_CACHE"] = (cacheDirectory as NSString).appendingPathComponent("cache.sqlite")
        if let path { environment["PATH"] = path }
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test("kinetics-tui local start, status, start again, stop, stop again, status: each says what it found")
    func cli() async throws {
        let dir = try TemporaryDirectory("kt-local-cli")
        let before = try await Self.local(["status"], cacheDirectory: dir.path)
        #expect(before.status == 1)
        #expect(before.stdout.contains("not running; start it with `kinetics-tui local start`"))

        let start = try await Self.local(["start"], cacheDirectory: dir.path)
        let state = LocalAWSState.read(from: URL(fileURLWithPath: dir.path))
        defer { if let state, state.processIsAlive { kill(state.processIdentifier, SIGKILL) } }
        #expect(start.status == 0, "\(start.stderr)")
        let running = try #require(state)
        #expect(start.stdout.contains("running on \(running.endpointURL)"))
        #expect(start.stdout.contains("kinetics-tui local stop"))
        // The server outlived the command that started it.
        #expect(running.processIsAlive)
        #expect(!(await Self.refuses(running.endpointURL)))

        let status = try await Self.local(["status"], cacheDirectory: dir.path)
        #expect(status.status == 0)
        #expect(status.stdout.contains("is running on \(running.endpointURL) (pid \(running.processIdentifier)"))
        let again = try await Self.local(["start"], cacheDirectory: dir.path)
        #expect(again.status == 0)
        #expect(again.stdout.contains("already running on \(running.endpointURL)"))

        let stop = try await Self.local(["stop"], cacheDirectory: dir.path)
        #expect(stop.status == 0)
        #expect(stop.stdout.contains("Stopped the local AWS on \(running.endpointURL)"))
        #expect(!running.processIsAlive)
        let stopAgain = try await Self.local(["stop"], cacheDirectory: dir.path)
        #expect(stopAgain.status == 0)
        #expect(stopAgain.stdout.contains("not running; nothing to stop"))
        #expect(try await Self.local(["status"], cacheDirectory: dir.path).status == 1)
    }

    @Test("kinetics-tui local start without moto installed says how to install it")
    func cliWithoutMoto() async throws {
        let dir = try TemporaryDirectory("kt-local-nomoto")
        let realPython = try #require(LocalAWSServer.findExecutable("python3", path: ProcessInfo.processInfo.environment["PATH"]))
        let bin = dir.file("bin")
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        let shim = (bin as NSString).appendingPathComponent("python3")
        try "#!/bin/sh\nexec \(realPython) -S \"$@\"\n".write(toFile: shim, atomically: true, encoding: .utf8)
        chmod(shim, 0o755)
        let output = try await Self.local(["start"], cacheDirectory: dir.path, path: bin + ":/usr/bin:/bin")
        #expect(output.status == 1)
        #expect(output.stderr.contains("moto_server is not installed"))
        #expect(output.stderr.contains("pip install 'moto[server]'"))
        #expect(LocalAWSState.read(from: URL(fileURLWithPath: dir.path)) == nil)
    }
}
