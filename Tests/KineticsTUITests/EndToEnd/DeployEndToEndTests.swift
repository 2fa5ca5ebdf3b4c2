import Foundation
import KineticsCore
import Testing

/// Deploys of `examples/shop` with keystrokes, by the real binary in tmux, against a `moto_server` the test starts:
/// real cargo, the real artifact bucket, CloudFormation change sets and the cache file.
@Suite("End to end: deploying from the console", .serialized, .enabled(if: TmuxConsole.tmuxAvailable, "tmux is not installed"))
struct DeployEndToEndTests {
    /// The first build of examples/shop (release, cold target directory) takes a while on a busy machine.
    static let buildTimeout = Duration.seconds(600)

    struct Setup {
        var moto: LocalAWSServer
        var console: TmuxConsole
        var cache: String
        var scratch: String

        func stop() async {
            console.stop()
            await moto.stop()
            try? FileManager.default.removeItem(atPath: scratch)
        }
    }

    static func start(width: Int = 120, height: Int = 34) async throws -> Setup {
        let scratch = try ConsoleEndToEndTests.scratch()
        let moto = try await LocalAWSServer.start()
        let cache = scratch + "/cache.sqlite"
        do {
            let console = try TmuxConsole(
                arguments: ["--project", ConsoleEndToEndTests.shop],
                environment: Self.awsEnvironment(moto).merging(["KINETICS_TUI_CACHE": cache]) { _, new in new },
                width: width, height: height)
            return Setup(moto: moto, console: console, cache: cache, scratch: scratch)
        } catch {
            await moto.stop()
            throw error
        }
    }

    static func awsEnvironment(_ moto: LocalAWSServer) -> [String: String] {
        [
            "AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL": moto.endpointURL,
            "AWS_ACCESS_KEY_ID": "AKIAKINETICSE2E00000", "AWS_SECRET_ACCESS_KEY": "e2e-secret-key-never-shown",
            "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
        ]
    }

    /// `d`, then waits for the change set (after the build and the upload).
    static func deployToChangeSet(_ console: TmuxConsole) async throws -> String {
        try await console.waitFor("the project and the identity") { $0.contains("OrdersCreate") && $0.contains("123456789012") }
        try console.send("d")
        return try await console.waitFor("Execute on shop-dev?", timeout: buildTimeout)
    }

    @Test("d builds, uploads and shows the change set; resize mid-deploy; y deploys; the events fill; history has the new session")
    func deploy() async throws {
        let setup = try await Self.start()
        let console = setup.console
        do {
            let changeSet = try await Self.deployToChangeSet(console)
            #expect(changeSet.contains("5/5 functions"))
            #expect(changeSet.contains("+ Add") && changeSet.contains("OrdersCreateFunction") && changeSet.contains("Lambda::Function"))
            #expect(changeSet.contains("y execute") && changeSet.contains("n discard"))
            #expect(!changeSet.contains("e2e-secret-key-never-shown"))

            // Ctrl-C before CloudFormation works: cancel deploy or keep watching; keep watching.
            try console.send("C-c")
            let modal = try await console.waitFor("the interrupt dialog") { $0.contains("Keep watching") }
            #expect(modal.contains("Cancel deploy"))
            try console.send("k")
            try await console.waitFor("the dialog closed") { !$0.contains("Keep watching") && $0.contains("Execute on shop-dev?") }

            // Resize while the deploy waits, then confirm.
            try console.resize(width: 100, height: 30)
            try await console.waitFor("the change set at 100 columns") { screen in
                screen.contains("Execute on shop-dev?") && screen.split(separator: "\n").allSatisfy { $0.count <= 100 }
            }
            try console.send("y")
            let done = try await console.waitFor("the deploy to succeed", timeout: .seconds(180)) { $0.contains("Deployed ·") }
            #expect(done.contains("CREATE_IN_PROGRESS") && done.contains("CREATE_COMPLETE"))
            #expect(done.contains("shop-dev is CREATE_COMPLETE"))
            #expect(!done.contains("Events 0"))

            try console.send("3")
            let history = try await console.waitFor("the new session") { $0.contains("Sessions 1") && $0.contains("succeeded") }
            #expect(history.contains("shop-dev") && history.contains("CREATE_COMPLETE"))
            try console.send("Enter")
            let session = try await console.waitFor("the session's events") { $0.contains("User Initiated") }
            #expect(session.contains("OrdersCreate"))
            try console.send("Escape")

            // The project pane now knows the deploy.
            try console.send("1")
            try await console.waitFor("the last deploy in the detail pane") { $0.contains("Deployed  ") && !$0.contains("not yet to dev") }

            // A second d: nothing changed since the deploy.
            try console.send("d")
            try await console.waitFor("no changes", timeout: .seconds(120)) { $0.contains("Nothing changed since session 1") }

            // D asks first; n keeps the stack, then D and y delete it.
            try console.send("D")
            let ask = try await console.waitFor("the destroy question") { $0.contains("and every resource in it?") }
            #expect(ask.contains("shop-dev"))
            try console.send("n")
            try await console.waitFor("the question closed") { !$0.contains("and every resource in it?") }
            try console.send("D")
            try await console.waitFor("the destroy question again") { $0.contains("and every resource in it?") }
            try console.send("y")
            let destroyed = try await console.waitFor("the stack deleted", timeout: .seconds(120)) { $0.contains("shop-dev is deleted.") }
            #expect(destroyed.contains("Destroy"))
            try console.send("3")
            try await console.waitFor("the destroy in history") { $0.contains("Sessions 3") && $0.contains("destroyed") }

            try await ConsoleEndToEndTests.quitAndCheckRestored(console)
        } catch {
            await setup.stop()
            throw error
        }
        await setup.stop()
    }

    @Test("a deploy whose artifact bucket vanished before the change set ran fails, with the reason pinned on top and in history")
    func failingDeploy() async throws {
        let setup = try await Self.start()
        let console = setup.console
        do {
            _ = try await Self.deployToChangeSet(console)
            // Remove the artifact bucket behind the console's back, as someone cleaning up the account would.
            let env = Self.awsEnvironment(setup.moto)
            let buckets = try Self.aws(env, ["s3api", "list-buckets", "--query", "Buckets[].Name", "--output", "text"])
            let bucket = try #require(buckets.split(whereSeparator: \.isWhitespace).map(String.init).first { $0.contains("artifactbucket") })
            _ = try Self.aws(env, ["s3", "rb", "s3://\(bucket)", "--force"])

            try console.send("y")
            let failed = try await console.waitFor("the deploy to fail", timeout: .seconds(120)) { $0.contains("Deploy failed") }
            #expect(failed.contains("NoSuchBucket") || failed.contains("does not exist"), "no reason in:\n\(failed)")
            #expect(failed.contains("could not execute the change set"))
            // Pinned above the event table.
            let lines = failed.split(separator: "\n").map(String.init)
            let pinned = try #require(lines.firstIndex { $0.contains("Deploy failed") })
            let events = try #require(lines.firstIndex { $0.contains("Events ") })
            #expect(pinned < events)

            try console.send("3")
            let history = try await console.waitFor("the failed session") { $0.contains("Sessions 1") && $0.contains("failed") }
            #expect(history.contains("shop-dev"))
            try console.send("Enter")
            let session = try await console.waitFor("the failed session's reason") { $0.contains("Why it ended") }
            #expect(session.contains("could not execute the change set"))
            try await ConsoleEndToEndTests.quitAndCheckRestored(console)
        } catch {
            await setup.stop()
            throw error
        }
        await setup.stop()
    }

    static func aws(_ environment: [String: String], _ arguments: [String]) throws -> String {
        let result = try ProcessRun.run("env", environment.map { "\($0.key)=\($0.value)" } + ["aws"] + arguments)
        guard result.status == 0 else { throw TmuxConsole.TmuxError(message: "aws \(arguments.joined(separator: " ")): \(result.error)") }
        return result.output
    }
}
