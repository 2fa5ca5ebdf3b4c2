import Foundation
import KineticsCore
import Testing

@testable import KineticsTUI

/// The real effect handler on a real SQLite cache file and the real discovery of examples/shop.
@MainActor
@Suite("The console's effects: discovery, the cache's history and last deploys")
struct ConsoleEffectHandlerTests {
    /// Collects what the handler sends.
    final class Collector: Sendable {
        let actions = Locked<[Action]>([])
        var sink: ActionSink { ActionSink { action in self.actions.withLock { $0.append(action) } } }

        func first<T: Sendable>(_ pick: @escaping @Sendable (Action) -> T?) async -> T? {
            let deadline = ContinuousClock.now + .seconds(20)
            while ContinuousClock.now < deadline {
                if let found = actions.withLock({ $0.lazy.compactMap(pick).first }) { return found }
                try? await Task.sleep(for: .milliseconds(10))
            }
            return nil
        }
    }

    /// An endpoint nothing listens on: STS fails fast, and it names the stacks' endpoint in the cache.
    static let endpoint = "http://127.0.0.1:9"

    func handler(cache: String) -> ConsoleEffectHandler {
        ConsoleEffectHandler(settings: .init(
            directory: ConsoleEndToEndTests.shop, env: "dev",
            environment: ["AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL": Self.endpoint, "AWS_ACCESS_KEY_ID": "AKIAKINETICSTEST0000",
                          "AWS_SECRET_ACCESS_KEY": "x", "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
                          "AWS_MAX_ATTEMPTS": "1"],
            cachePath: cache, target: .configured(AWSConfiguration.Overrides()), loader: ConsoleCommand.projectLoader))
    }

    @Test("loadProject: discovery, region and endpoint, each function's last deploy with its URL; STS failing is a notice")
    func loadProject() async throws {
        let dir = try ConsoleEndToEndTests.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let written = try ShopHistory.write(to: dir + "/cache.sqlite", endpoint: Self.endpoint)
        let handler = handler(cache: written.path)
        let collector = Collector()
        handler.perform(.loadProject, sink: collector.sink)

        let project = await collector.first { if case .projectLoaded(let r) = $0 { r } else { nil } }
        #expect(project?.projects.first?.functions.count == 5)
        let endpoint = await collector.first { if case .endpointResolved(let e) = $0 { e } else { nil } }
        #expect(endpoint == .custom(Self.endpoint))
        let deployed = try #require(await collector.first { if case .deployedFunctionsLoaded(let d) = $0 { d } else { nil } })
        let byName = Dictionary(deployed.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        // The newest successful deploy per function: OrdersCreate from session 3, the others still from session 1's
        // artifacts (session 3 skipped them with the same hash); the rolled-back session counts for nothing.
        #expect(byName["OrdersCreate"]?.artifactHash == ShopHistory.sha("OrdersCreate3"))
        #expect(byName["ProductsGet"]?.artifactHash == ShopHistory.sha("ProductsGet1"))
        #expect(byName["OrdersCreate"]?.url == "https://d111111abcdef8.cloudfront.net/orders")
        #expect(byName["ReportsDaily"]?.url == nil)
        let notice = await collector.first { if case .failed(let m) = $0 { m } else { nil } }
        #expect(notice?.contains("AWS identity is unknown") == true)
        await handler.shutdown()
    }

    @Test("history: sessions of this project newest first, stacks with their last status, a session and a comparison")
    func history() async throws {
        let dir = try ConsoleEndToEndTests.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let written = try ShopHistory.write(to: dir + "/cache.sqlite", endpoint: Self.endpoint)
        let handler = handler(cache: written.path)
        let collector = Collector()
        handler.perform(.loadProject, sink: collector.sink)
        handler.perform(.loadHistory, sink: collector.sink)
        let (sessions, stacks) = try #require(await collector.first { if case .historyLoaded(let s, let t) = $0 { (s, t) } else { nil } })
        #expect(sessions.map(\.id) == written.sessions.reversed().map(String.init))
        #expect(sessions.map(\.outcome) == [.succeeded, .rolledBack, .succeeded])
        #expect(sessions.first?.gitCommit == "c0ffee1")
        #expect(stacks == [StackRow(name: "shop-dev", env: "dev", region: "us-east-1 (127.0.0.1:9)", status: "UPDATE_COMPLETE",
                                    lastOutcome: .succeeded, updatedAt: stacks.first?.updatedAt)])
        #expect(sessions.allSatisfy { $0.reattach == nil })

        handler.perform(.openSession(id: String(written.sessions[1])), sink: collector.sink)
        let detail = try #require(await collector.first { if case .sessionLoaded(let d) = $0 { d } else { nil } })
        #expect(detail.rootCause?.logicalId == "OrdersTable" && detail.rootCause?.status == "UPDATE_FAILED")
        #expect(detail.events.count == 5 && detail.session.functionsChanged == 1)
        #expect(detail.changeSet == [ChangeRow(action: .modify, logicalId: "OrdersTable", resourceType: "AWS::DynamoDB::Table", replacement: .yes)])

        handler.perform(.openSession(id: "999"), sink: collector.sink)
        let missing = await collector.first { if case .failed(let m) = $0, m.contains("999") { m } else { nil } }
        #expect(missing != nil)

        handler.perform(.compareSessions(String(written.sessions[0]), String(written.sessions[2])), sink: collector.sink)
        let (a, b) = try #require(await collector.first { if case .comparisonLoaded(let a, let b) = $0 { (a, b) } else { nil } })
        #expect(SessionComparison(a, b).functionsRemoved.isEmpty)
        #expect(a.templateResources["OrdersQueue"] == "AWS::SQS::Queue")
        await handler.shutdown()
    }

    @Test("History: a stack no operation reported a status for says so in words; a detached session can be re-attached, and attaching to a dead endpoint ends failed, the session left detached")
    func detachedAndNeverDeployed() async throws {
        let dir = try ConsoleEndToEndTests.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let written = try ShopHistory.write(to: dir + "/cache.sqlite", endpoint: Self.endpoint)
        let project = SessionStart.canonicalProjectPath(TmuxConsole.repository + "/examples/shop")
        var ids: [Int64] = []
        do {
            let cache = try LocalCache.open(path: written.path).cache
            defer { try? cache.close() }
            // A build that failed on a new environment: CloudFormation never heard of shop-test.
            let failed = try DeploySession.begin(SessionStart(
                projectPath: project, projectName: "shop", stack: StackIdentity(name: "shop-test", region: "us-east-1", endpoint: Self.endpoint),
                env: "test"), cache: cache)
            try failed.fail("cargo failed")
            // A deploy of shop-dev detached while CloudFormation ran it.
            let detached = try DeploySession.begin(SessionStart(projectPath: project, projectName: "shop", stack: written.stack, env: "dev"), cache: cache)
            try cache.recordChangeSet(session: detached.id, id: "cs", size: 2, clientRequestToken: "token-1")
            try detached.restore(.detached, message: "Detached.")
            ids = [failed.id, detached.id]
        }
        let handler = handler(cache: written.path)
        let collector = Collector()
        handler.perform(.loadProject, sink: collector.sink)
        handler.perform(.loadHistory, sink: collector.sink)
        let (sessions, stacks) = try #require(await collector.first { if case .historyLoaded(let s, let t) = $0 { (s, t) } else { nil } })
        #expect(sessions.first?.id == String(ids[1]) && sessions.first?.outcome == .detached && sessions.first?.reattach == .deploy)
        #expect(sessions.first { $0.id == String(ids[0]) }?.reattach == nil)
        let test = try #require(stacks.first { $0.name == "shop-test" })
        #expect(test.status == nil && test.lastOutcome == .failed)
        #expect(test.statusText == "never deployed (failed)")

        handler.perform(.attachSession(id: String(ids[1]), kind: .deploy), sink: collector.sink)
        let result = try #require(await collector.first { if case .deploy(.finished(let r)) = $0 { r } else { nil } })
        #expect(result.outcome == .failed)
        #expect(result.message?.contains("does not answer") == true, "\(result.message ?? "")")
        await handler.shutdown()
        let after = try #require(try LocalCache.open(path: written.path).cache.session(ids[1], eventLimit: 0))
        #expect(after.summary.outcome == .detached)
    }

    @Test("a session's function rows say deployed only for functions its record says went out with the stack")
    func functionRowsOfASession() {
        let uploaded = CacheRecords.functionRow(SessionFunction(name: "Api", status: .uploaded, artifactSha256: "ab"))
        let deployed = CacheRecords.functionRow(SessionFunction(name: "Api", status: .deployed, artifactSha256: "ab"))
        #expect(uploaded.stage == .done && !uploaded.deployed)
        #expect(deployed.stage == .done && deployed.deployed)
        #expect(CacheRecords.functionRow(SessionFunction(name: "Api", status: .failed, error: "boom")).stage == .failed("boom"))
    }

    @Test("a function's URL output: its Function URL, else BaseURL and its path, else by description; never a queue's or a non-URL")
    func functionURL() {
        let outputs = [
            StackOutput(key: "OrdersCreateFunctionUrl", value: "https://a.example/"),
            StackOutput(key: "ProductsGetUrl", value: "not a url"),
            StackOutput(key: "OrdersProcessQueueUrl", value: "https://sqs.us-east-1.amazonaws.com/1/orders"),
            StackOutput(key: "Report", value: "https://reports.example/daily", description: "Latest report of ReportsDaily"),
        ]
        #expect(CacheRecords.functionURL("OrdersCreate", outputs: outputs) == "https://a.example/")
        #expect(CacheRecords.functionURL("ProductsGet", outputs: outputs) == nil)
        #expect(CacheRecords.functionURL("OrdersProcess", outputs: outputs) == nil)
        #expect(CacheRecords.functionURL("ReportsDaily", outputs: outputs) == "https://reports.example/daily")
        #expect(CacheRecords.functionURL("Orders", outputs: outputs) == nil)
        let api = outputs + [StackOutput(key: "BaseURL", value: "https://abc.execute-api.us-east-1.amazonaws.com/")]
        #expect(CacheRecords.functionURL("ProductsGet", outputs: api, path: "/products/{id}")
            == "https://abc.execute-api.us-east-1.amazonaws.com/products/{id}")
        #expect(CacheRecords.functionURL("OrdersCreate", outputs: api, path: "/orders") == "https://a.example/")
    }
}
