import Foundation
import Testing
@testable import KineticsCore

/// The real `kinetics-tui deploy` stopped while it tails a stack operation that is still running: killed with -9
/// (the next run re-attaches), or interrupted with Ctrl-C / SIGTERM (it detaches or cancels). moto finishes stack
/// operations at once, so a `SlowStackProxy` in front of it keeps the first create running until released.
@Suite("kinetics-tui deploy stopped during the tail", .serialized)
struct DeployTailProcessTests {
    struct Run {
        let moto: AuthenticatedMoto
        let proxy: SlowStackProxy
        let project: String
        let cachePath: String
        let env: String
        let directory: TemporaryDirectory

        init(_ label: String) async throws {
            moto = try await AuthenticatedMoto.get()
            project = try BuildFixtures.copy(BuildFixtures.shopSource, named: "shop", label: label)
            directory = try TemporaryDirectory(label)
            cachePath = directory.file("cache.sqlite")
            env = "t\(UUID().uuidString.prefix(6).lowercased())"
            proxy = try SlowStackProxy(target: moto.server.endpointURL, stackName: "shop-\(env)")
        }

        var stackName: String { "shop-\(env)" }

        var variables: [String] {
            [
                "AWS_ACCESS_KEY_ID=\(moto.credentials.accessKeyId)", "AWS_SECRET_ACCESS_KEY=\(moto.credentials.secretAccessKey)",
                "AWS_REGION=\(moto.server.region)", "AWS_ENDPOINT_URL=\(proxy.endpointURL)", "KINETICS_TUI_CACHE=\(cachePath)",
                "AWS_PROFILE=", "AWS_CONFIG_FILE=/dev/null", "AWS_SHARED_CREDENTIALS_FILE=/dev/null",
            ]
        }

        func start(_ extra: [String] = []) throws -> ChildProcess {
            try ChildProcess("/usr/bin/env", variables + [BuiltProducts.path("kinetics-tui"), "deploy", "--project", project, "--env", env,
                                                          "--yes", "--plain", "--builder", "cargo"] + extra, mergeStandardError: true)
        }

        /// Waits until the deploy shows its stack being created (the tail runs), and a few held polls after it.
        func waitForTail(_ child: ChildProcess) async throws -> Bool {
            let line = try await child.waitForLine(timeout: 240) { $0.contains("CREATE_IN_PROGRESS") && $0.contains(stackName) }
            guard line != nil else { return false }
            let deadline = Date().addingTimeInterval(20)
            while proxy.heldAnswers < 2 && Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
            return proxy.heldAnswers >= 2
        }

        func history() async throws -> (status: Int32, output: String) {
            let command = (variables + [BuiltProducts.path("kinetics-tui"), "history"]).map { "'\($0)'" }.joined(separator: " ")
            return try await BuildFixtures.shell("env \(command) </dev/null")
        }

        func sessions() throws -> [SessionSummary] {
            try LocalCache.open(path: cachePath).cache.listSessions(SessionFilter(stackName: stackName))
        }

        func stackStatus() async throws -> String? {
            try await CloudFormationClient(client: moto.client()).describeStack(name: stackName)?.status
        }
    }

    @Test("kill -9 during the tail leaves the session running; the next run re-attaches, records the end, and skips the redeploy")
    func killedDuringTail() async throws {
        let run = try await Run("deploy-tail-kill")
        defer { run.proxy.stop() }
        let first = try run.start()
        #expect(try await run.waitForTail(first), "\(first.output.suffix(10))")
        first.killHard()

        let raw = try DeployCrashTests.inspect(run.cachePath)
        #expect(raw.integrity == ["ok"])
        #expect(raw.outcomes == ["running"])

        // The stack operation still "runs" when the next deploy starts: it re-attaches, then the operation ends.
        let second = try run.start()
        let reattaching = try await second.waitForLine(timeout: 120) { $0.contains("re-attaching") }
        #expect(reattaching != nil, "\(second.output.suffix(20))")
        run.proxy.release()
        let status = try await second.waitForExit(timeout: 240)
        #expect(status == 0, "\(second.output.suffix(20))")
        let output = second.output
        // The re-attached session was finished, its functions counted as deployed: this run has nothing to do.
        #expect(output.contains { $0.contains("Nothing changed since session") }, "\(output.suffix(20))")

        let sessions = try run.sessions()
        #expect(sessions.count == 2)
        let reattached = try #require(sessions.last)
        #expect(reattached.outcome == .succeeded, "\(reattached.outcome) \(reattached.message ?? "")")
        #expect(reattached.finalStatus == "CREATE_COMPLETE")
        #expect(reattached.message?.contains("Re-attached") == true)
        #expect(sessions.first?.outcome == .noChanges)
        #expect(try await run.stackStatus() == "CREATE_COMPLETE")
    }

    @Test("Ctrl-C during the tail detaches by default: says so, exits 0, the session is detached and history shows it")
    func interruptDetaches() async throws {
        let run = try await Run("deploy-tail-int")
        defer { run.proxy.stop() }
        let child = try run.start()
        #expect(try await run.waitForTail(child), "\(child.output.suffix(10))")
        kill(child.pid, SIGINT)
        let status = try await child.waitForExit(timeout: 60)
        #expect(status == 0, "\(child.output.suffix(10))")
        let output = child.output
        #expect(output.contains { $0.contains("detaching; the stack operation goes on in CloudFormation") }, "\(output.suffix(10))")
        #expect(output.contains { $0.contains("events \(run.stackName) --follow") }, "\(output.suffix(10))")

        let session = try #require(try run.sessions().first)
        #expect(session.outcome == .detached)
        let history = try await run.history()
        #expect(history.status == 0)
        #expect(history.output.contains(run.stackName) && history.output.contains("detached"), "\(history.output)")
        // The operation went on without the process.
        run.proxy.release()
        #expect(try await run.stackStatus() == "CREATE_COMPLETE")
    }

    @Test("SIGTERM during the tail with --on-interrupt cancel deletes the stack being created: says so, exits 1, session cancelled")
    func terminateCancels() async throws {
        let run = try await Run("deploy-tail-term")
        defer { run.proxy.stop() }
        let child = try run.start(["--on-interrupt", "cancel"])
        #expect(try await run.waitForTail(child), "\(child.output.suffix(10))")
        kill(child.pid, SIGTERM)
        let status = try await child.waitForExit(timeout: 60)
        #expect(status == 1, "\(child.output.suffix(10))")
        let output = child.output
        #expect(output.contains { $0.contains("cancelling the stack operation") }, "\(output.suffix(10))")
        #expect(output.contains { $0.contains("DeleteStack") }, "\(output.suffix(10))")
        #expect(output.contains { $0.contains("DELETE_COMPLETE") }, "\(output.suffix(10))")

        let session = try #require(try run.sessions().first)
        #expect(session.outcome == .cancelled, "\(session.outcome) \(session.message ?? "")")
        #expect(session.finalStatus == "DELETE_COMPLETE")
        let history = try await run.history()
        #expect(history.status == 0)
        #expect(history.output.contains(run.stackName) && history.output.contains("cancelled"), "\(history.output)")
        #expect(try await run.stackStatus() == nil)
    }
}
