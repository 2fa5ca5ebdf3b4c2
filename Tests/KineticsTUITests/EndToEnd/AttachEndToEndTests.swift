import Foundation
import KineticsCore
import Testing

/// Re-attaching from History by the real binary in tmux, against a `moto_server` the test starts: a deploy session
/// left detached while CloudFormation created its stack, which then finished without anyone watching.
@Suite("End to end: re-attaching from History", .serialized, .enabled(if: TmuxConsole.tmuxAvailable, "tmux is not installed"))
struct AttachEndToEndTests {
    @Test("a on a detached session follows its operation on the Deploy screen and records the outcome it finds")
    func attachFromHistory() async throws {
        let scratch = try ConsoleEndToEndTests.scratch()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let moto = try await LocalAWSServer.start()
        let cachePath = scratch + "/cache.sqlite"
        let stack = StackIdentity(name: "shop-dev", region: "us-east-1", endpoint: moto.endpointURL)
        let id: Int64
        do {
            // The session detached from its operation, and the stack that operation created (moto finishes a create at
            // once; its events carry no ClientRequestToken, so they count from the session's start).
            let cache = try LocalCache.open(path: cachePath).cache
            defer { try? cache.close() }
            let session = try DeploySession.begin(SessionStart(
                projectPath: SessionStart.canonicalProjectPath(ConsoleEndToEndTests.shop), projectName: "shop", stack: stack, env: "dev"),
                cache: cache)
            try cache.recordChangeSet(session: session.id, id: "cs", size: 1, clientRequestToken: "token-e2e")
            try session.restore(.detached, message: "Detached: the operation on shop-dev goes on in CloudFormation.")
            id = session.id
            try await Task.sleep(for: .seconds(1))
            let cloudFormation = CloudFormationClient(client: AWSClient(configuration: moto.configuration()))
            do {
                _ = try await cloudFormation.createStack(.init(stackName: "shop-dev", template: .body(#"{"Resources":{"Jobs":{"Type":"AWS::SQS::Queue"}}}"#)))
            } catch let error as AWSError where error.serviceCode == "AlreadyExistsException" {
                // A first attempt that timed out on a busy machine created it.
            }
        }
        let console = try TmuxConsole(
            arguments: ["--project", ConsoleEndToEndTests.shop],
            environment: DeployEndToEndTests.awsEnvironment(moto).merging(["KINETICS_TUI_CACHE": cachePath]) { _, new in new },
            width: 120, height: 34)
        defer { console.stop() }
        do {
            try await console.waitFor("OrdersCreate")
            try console.send("3")
            let history = try await console.waitFor("detached a")
            #expect(history.contains("a re-attach"), "\(history)")
            try console.send("a")
            let deploy = try await console.waitFor("the re-attached operation's end", timeout: .seconds(60)) {
                $0.contains("Re-attached to session \(id)") && $0.contains("Deployed")
            }
            // Read back from its events (the fallback to the stack's status would show none).
            #expect(deploy.contains("CREATE_COMPLETE") && !deploy.contains("Waiting for the first stack event"), "\(deploy)")
            try console.send("3")
            try await console.waitFor("the session succeeded in History") { $0.contains("succeeded") && !$0.contains("detached a") }
            try console.send("q")
        } catch {
            await moto.stop()
            throw error
        }
        await moto.stop()
        let session = try #require(try LocalCache.open(path: cachePath).cache.session(id, eventLimit: 0))
        #expect(session.summary.outcome == .succeeded, "\(session.summary.outcome) \(session.summary.message ?? "")")
        #expect(session.summary.finalStatus == "CREATE_COMPLETE")
    }
}
