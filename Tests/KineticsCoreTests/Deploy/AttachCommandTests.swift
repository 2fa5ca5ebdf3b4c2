import Foundation
import Testing
@testable import KineticsCore

/// The real `kinetics-tui attach`: back to a deploy detached with Ctrl-C (its stack create held running by a
/// `SlowStackProxy` in front of moto), and the sessions it refuses, each with its message and exit status.
@Suite("kinetics-tui attach", .serialized)
struct AttachCommandTests {
    /// Deploys and detaches with SIGINT while the stack is being created; returns the detached session's id.
    static func detachedDeploy(_ run: DeployTailProcessTests.Run) async throws -> Int64 {
        let child = try run.start()
        #expect(try await run.waitForTail(child), "\(child.output.suffix(10))")
        kill(child.pid, SIGINT)
        let status = try await child.waitForExit(timeout: 60)
        #expect(status == 0, "\(child.output.suffix(10))")
        #expect(child.output.contains { $0.contains("kinetics-tui attach") }, "\(child.output.suffix(5))")
        let session = try #require(try run.sessions().first)
        #expect(session.outcome == .detached)
        return session.id
    }

    static func attach(_ run: DeployTailProcessTests.Run, _ arguments: [String], variables: [String]? = nil) throws -> ChildProcess {
        try ChildProcess("/usr/bin/env", (variables ?? run.variables) + [BuiltProducts.path("kinetics-tui"), "attach"] + arguments,
                         mergeStandardError: true)
    }

    @Test("attach without an id follows the newest detached deploy to its end, records it, and a second attach is refused")
    func followsDetached() async throws {
        let run = try await DeployTailProcessTests.Run("attach-follow")
        defer { run.proxy.stop() }
        let id = try await Self.detachedDeploy(run)

        let child = try Self.attach(run, ["--project", run.project, "--env", run.env])
        let line = try await child.waitForLine(timeout: 60) { $0.contains("re-attaching") }
        #expect(line == "[deploy] session \(id) of \(run.stackName) was detached; its operation still runs, re-attaching", "\(child.output)")
        // Following, not finished: the session is running again in this process.
        #expect(try run.sessions().first?.outcome == .running)
        run.proxy.release()
        let status = try await child.waitForExit(timeout: 120)
        #expect(status == 0, "\(child.output.suffix(20))")
        let output = child.output
        #expect(output.contains("[stack] \(run.stackName) CREATE_COMPLETE"), "\(output.suffix(20))")
        #expect(output.last?.hasPrefix("[deploy] succeeded: \(run.stackName) is CREATE_COMPLETE.") == true, "\(output.suffix(5))")

        let session = try #require(try run.sessions().first)
        #expect(session.id == id)
        #expect(session.outcome == .succeeded, "\(session.outcome) \(session.message ?? "")")
        #expect(session.finalStatus == "CREATE_COMPLETE")
        let detail = try #require(try LocalCache.open(path: run.cachePath).cache.session(id))
        #expect(!detail.functions.isEmpty)
        #expect(detail.functions.allSatisfy { $0.status == .deployed }, "\(detail.functions.map(\.status))")

        // Finished now: attaching again says so and exits 1; so does a session that never existed.
        let again = try Self.attach(run, [String(id)])
        #expect(try await again.waitForExit(timeout: 60) == 1)
        #expect(again.output.contains { $0.contains("Session \(id) (\(run.stackName)) already ended: succeeded, CREATE_COMPLETE") }, "\(again.output)")
        let none = try Self.attach(run, ["--project", run.project, "--env", run.env])
        #expect(try await none.waitForExit(timeout: 60) == 1)
        #expect(none.output.contains { $0.contains("No deploy of the project in") && $0.contains("detached or interrupted") }, "\(none.output)")
        let missing = try Self.attach(run, ["987654"])
        #expect(try await missing.waitForExit(timeout: 60) == 1)
        #expect(missing.output.contains { $0.contains("No deploy session 987654 in the cache") }, "\(missing.output)")
        for bad in [["0"], ["abc"], ["--json", "--plain"]] {
            let usage = try Self.attach(run, bad)
            #expect(try await usage.waitForExit(timeout: 60) == 2, "\(bad): \(usage.output)")
        }
    }

    @Test("attach to a detached deploy whose operation is over reads it back, records the final status, and prints JSON like deploy")
    func operationAlreadyOver() async throws {
        let run = try await DeployTailProcessTests.Run("attach-over")
        defer { run.proxy.stop() }
        let id = try await Self.detachedDeploy(run)
        run.proxy.release()
        let deadline = Date().addingTimeInterval(30)
        while try await run.stackStatus() != "CREATE_COMPLETE", Date() < deadline { try await Task.sleep(for: .milliseconds(100)) }

        let child = try Self.attach(run, [String(id), "--json"])
        let status = try await child.waitForExit(timeout: 120)
        #expect(status == 0, "\(child.output.suffix(20))")
        let lines = child.output.filter { $0.hasPrefix("{") }
        #expect(lines.first?.contains(#""event":"interruptedSession""#) == true, "\(lines.prefix(2))")
        #expect(lines.first?.contains(#""outcome":"detached""#) == true && lines.first?.contains(#""reattaching":false"#) == true)
        #expect(lines.contains { $0.contains(#""event":"stackEvents""#) })
        #expect(lines.contains { $0.contains(#""event":"operationFinished""#) && $0.contains("CREATE_COMPLETE") }, "\(lines.suffix(3))")
        let last = try #require(lines.last)
        #expect(last.contains(#""event":"finished""#) && last.contains(#""status":"succeeded""#) && last.contains(#""exitStatus":0"#), "\(last)")

        let session = try #require(try run.sessions().first)
        #expect(session.outcome == .succeeded, "\(session.outcome) \(session.message ?? "")")
        #expect(session.finalStatus == "CREATE_COMPLETE")
    }

    /// A detached session written straight into a cache, of a stack at `endpoint`, with or without a started operation.
    static func recordedSession(cachePath: String, project: String, env: String, endpoint: String, started: Bool) throws -> Int64 {
        let cache = try LocalCache.open(path: cachePath).cache
        let stack = StackIdentity(name: "shop-\(env)", region: "us-east-1", endpoint: endpoint)
        let session = try DeploySession.begin(
            SessionStart(projectPath: SessionStart.canonicalProjectPath(project), projectName: "shop", stack: stack, env: env), cache: cache)
        if started { try cache.recordChangeSet(session: session.id, id: "cs", size: 3, clientRequestToken: "token-\(env)") }
        try session.restore(started ? .detached : .interrupted, message: "recorded by the test")
        return session.id
    }

    @Test("attach refuses a session of another endpoint (2), one whose endpoint does not answer (1), and one never started (1)")
    func refusals() async throws {
        let moto = try await AuthenticatedMoto.get()
        let directory = try TemporaryDirectory("attach-refuse")
        let cachePath = directory.file("cache.sqlite")
        let env = "r\(UUID().uuidString.prefix(6).lowercased())"
        // Nothing listens on a port just bound and closed again.
        let dead = try LoopbackListener.closedPort()
        let deadURL = "http://127.0.0.1:\(dead)"
        let detached = try Self.recordedSession(cachePath: cachePath, project: directory.path, env: env, endpoint: deadURL, started: true)
        let neverStarted = try Self.recordedSession(cachePath: cachePath, project: directory.path, env: env, endpoint: deadURL, started: false)
        func variables(_ endpoint: String) -> [String] {
            [
                "AWS_ACCESS_KEY_ID=\(moto.credentials.accessKeyId)", "AWS_SECRET_ACCESS_KEY=\(moto.credentials.secretAccessKey)",
                "AWS_REGION=us-east-1", "AWS_ENDPOINT_URL=\(endpoint)", "KINETICS_TUI_CACHE=\(cachePath)",
                "AWS_PROFILE=", "AWS_CONFIG_FILE=/dev/null", "AWS_SHARED_CREDENTIALS_FILE=/dev/null",
            ]
        }
        func attach(_ arguments: [String], endpoint: String) async throws -> (status: Int32, output: String) {
            let command = (variables(endpoint) + [BuiltProducts.path("kinetics-tui"), "attach"] + arguments).map { "'\($0)'" }.joined(separator: " ")
            return try await BuildFixtures.shell("env \(command) </dev/null")
        }

        let elsewhere = try await attach([String(detached)], endpoint: moto.server.endpointURL)
        #expect(elsewhere.status == 2, "\(elsewhere.output)")
        #expect(elsewhere.output.contains("Session \(detached) is of shop-\(env) in us-east-1 at \(deadURL), but this run talks to us-east-1 at \(moto.server.endpointURL)"),
                "\(elsewhere.output)")

        // --local here starts an embedded local AWS of its own: not the endpoint of that deploy either.
        let local = try await attach([String(detached), "--local"], endpoint: deadURL)
        #expect(local.status == 2, "\(local.output)")
        #expect(local.output.contains("Session \(detached) is of shop-\(env) in us-east-1 at \(deadURL)"), "\(local.output)")
        #expect(local.output.contains("only the shared local AWS of `kinetics-tui local start` outlives a command"), "\(local.output)")

        // Without an id the newest session with a started operation is taken: the detached one, not the newer one.
        let unreachable = try await attach(["--project", directory.path, "--env", env], endpoint: deadURL)
        #expect(unreachable.status == 1, "\(unreachable.output)")
        #expect(unreachable.output.contains("CloudFormation at \(deadURL) does not answer"), "\(unreachable.output)")
        #expect(unreachable.output.contains("session \(detached) stays detached"), "\(unreachable.output)")

        let never = try await attach([String(neverStarted)], endpoint: deadURL)
        #expect(never.status == 1, "\(never.output)")
        #expect(never.output.contains("stopped before its stack operation started"), "\(never.output)")

        // Both left as they were.
        let sessions = try LocalCache.open(path: cachePath).cache.listSessions()
        #expect(Set(sessions.map(\.outcome)) == [.detached, .interrupted])
    }
}
