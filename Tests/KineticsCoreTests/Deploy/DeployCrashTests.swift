import Foundation
import Testing
import GRDB
@testable import KineticsCore

/// The real `kinetics-tui deploy` killed with SIGKILL in the middle of a deploy, then run again.
@Suite("kill -9 of kinetics-tui deploy", .serialized)
struct DeployCrashTests {
    /// Reads the file with GRDB directly and read-only.
    static func inspect(_ path: String) throws -> (integrity: [String], outcomes: [String], functions: Int) {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { db in
            (try String.fetchAll(db, sql: "PRAGMA integrity_check"), try String.fetchAll(db, sql: "SELECT outcome FROM sessions"),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM session_functions") ?? 0)
        }
    }

    @Test("the cache stays sound, the session is marked interrupted, and the next run picks it up and deploys")
    func killedMidDeploy() async throws {
        let moto = try await AuthenticatedMoto.get()
        let project = try BuildFixtures.copy(BuildFixtures.shopSource, named: "shop", label: "deploy-crash")
        let directory = try TemporaryDirectory("deploy-crash-cache")
        let cachePath = directory.file("cache.sqlite")
        let env = "k\(UUID().uuidString.prefix(6).lowercased())"
        let variables = [
            "AWS_ACCESS_KEY_ID=\(moto.credentials.accessKeyId)", "AWS_SECRET_ACCESS_KEY=\(moto.credentials.secretAccessKey)",
            "AWS_REGION=\(moto.server.region)", "AWS_ENDPOINT_URL=\(moto.server.endpointURL)", "KINETICS_TUI_CACHE=\(cachePath)",
            "AWS_PROFILE=", "AWS_CONFIG_FILE=/dev/null", "AWS_SHARED_CREDENTIALS_FILE=/dev/null",
        ]
        let binary = BuiltProducts.path("kinetics-tui")
        let arguments = ["deploy", "--project", project, "--env", env, "--yes", "--json", "--builder", "cargo"]

        // Killed while cargo builds: the session is written, nothing is finished.
        let child = try ChildProcess("/usr/bin/env", variables + [binary] + arguments)
        let building = try await child.waitForLine(timeout: 60) { $0.contains(#""event":"cargoStarted""#) }
        #expect(building != nil, "no cargoStarted line: \(child.output.suffix(5))")
        child.killHard()

        // Looked at without LocalCache (which would mark the session itself): sound, and still `running`.
        let raw = try Self.inspect(cachePath)
        #expect(raw.integrity == ["ok"])
        #expect(raw.outcomes == ["running"])
        #expect(raw.functions == 5)

        // The next run finds the interrupted session (its stack operation never started) and deploys.
        let command = (variables + [binary] + arguments).map { "'\($0)'" }.joined(separator: " ")
        let rerun = try await BuildFixtures.shell("env \(command)")
        #expect(rerun.status == 0, "\(rerun.output.suffix(2000))")
        let lines = rerun.output.split(separator: "\n")
        #expect(lines.contains { $0.contains(#""event":"interruptedSession""#) && $0.contains(#""reattaching":false"#) })
        #expect(lines.last?.contains(#""event":"finished""#) == true)
        #expect(lines.last?.contains(#""status":"succeeded""#) == true, "\(lines.last ?? "")")

        let after = try LocalCache.open(path: cachePath, verification: .quick).cache
        #expect(try after.integrityCheck().isEmpty)
        let sessions = try after.listSessions(SessionFilter(stackName: "shop-\(env)"))
        #expect(sessions.map(\.outcome) == [.succeeded, .interrupted])
    }

    @Test("Ctrl-C while building stops cargo, executes nothing and records the session as cancelled")
    func interruptedWhileBuilding() async throws {
        let moto = try await AuthenticatedMoto.get()
        let project = try BuildFixtures.copy(BuildFixtures.shopSource, named: "shop", label: "deploy-sigint")
        let directory = try TemporaryDirectory("deploy-sigint-cache")
        let cachePath = directory.file("cache.sqlite")
        let env = "i\(UUID().uuidString.prefix(6).lowercased())"
        let child = try ChildProcess("/usr/bin/env", [
            "AWS_ACCESS_KEY_ID=\(moto.credentials.accessKeyId)", "AWS_SECRET_ACCESS_KEY=\(moto.credentials.secretAccessKey)",
            "AWS_REGION=\(moto.server.region)", "AWS_ENDPOINT_URL=\(moto.server.endpointURL)", "KINETICS_TUI_CACHE=\(cachePath)",
            "AWS_PROFILE=", "AWS_CONFIG_FILE=/dev/null", "AWS_SHARED_CREDENTIALS_FILE=/dev/null",
            BuiltProducts.path("kinetics-tui"), "deploy", "--project", project, "--env", env, "--yes", "--json", "--builder", "cargo",
        ])
        #expect(try await child.waitForLine(timeout: 60) { $0.contains(#""event":"cargoStarted""#) } != nil)
        kill(child.pid, SIGINT)
        let deadline = Date().addingTimeInterval(30)
        while child.isRunning && Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!child.isRunning)
        let cache = try LocalCache.open(path: cachePath).cache
        let session = try #require(try cache.listSessions().first)
        #expect(session.outcome == .cancelled, "\(session.outcome) \(session.message ?? "")")
        #expect(try await CloudFormationClient(client: moto.client()).describeStack(name: "shop-\(env)") == nil)
    }
}
