import Foundation
import Testing
@testable import KineticsCore

/// examples/shop end to end: discovery, a real cargo build, the bootstrap bucket, uploads, the generated template,
/// the change set and its tail, all against a moto_server that checks signatures.
@Suite("Deploying examples/shop to moto", .serialized)
struct DeployPipelineMotoTests {
    final class Run: Sendable {
        let events = Locked([DeployEvent]())

        var all: [DeployEvent] { events.withLock { $0 } }

        var built: [String] {
            all.compactMap { if case .artifact(.packaged(let a, _)) = $0 { a.functionName } else { nil } }.sorted()
        }

        var uploaded: [String] {
            all.compactMap { if case .upload(.uploaded(let a, _)) = $0 { a.functionName } else { nil } }.sorted()
        }

        var diff: ChangeSetDiff? {
            all.lazy.compactMap { if case .changeSetReady(let d) = $0 { d } else { nil } }.first
        }
    }

    static let sqs = AWSService(signingName: "sqs", endpointPrefix: "sqs", environmentId: "SQS", displayName: "SQS")
    static let dynamo = AWSService(signingName: "dynamodb", endpointPrefix: "dynamodb", environmentId: "DYNAMODB", displayName: "DynamoDB")

    static func deploy(
        _ project: String, pipeline: DeployPipeline, env: String, control: DeployControl = DeployControl(autoConfirm: true)
    ) async throws -> (DeployOutcome, Run) {
        let run = Run()
        let request = DeployPipeline.Request(projectDirectory: project, environmentName: env, builder: .cargo, publicEndpoints: false)
        let outcome = try await pipeline.execute(request, control: control) { event in run.events.withLock { $0.append(event) } }
        return (outcome, run)
    }

    @Test("deploy, change one function, redeploy unchanged, destroy")
    func endToEnd() async throws {
        let moto = try await AuthenticatedMoto.get()
        let project = try BuildFixtures.copy(BuildFixtures.shopSource, named: "shop", label: "deploy-shop")
        let directory = try TemporaryDirectory("deploy-cache")
        let cache = try LocalCache.open(path: directory.file("cache.sqlite")).cache
        let transport = CountingHTTPTransport()
        let client = moto.client(transport: transport)
        let pipeline = DeployPipeline(client: client, cache: cache, policy: PollPolicy(activeInterval: 0.2, quietMaxInterval: 0.5))
        let env = "e\(UUID().uuidString.prefix(6).lowercased())"
        let stackName = "shop-\(env)"

        // First deploy: everything is built, uploaded and created.
        let (first, firstRun) = try await Self.deploy(project, pipeline: pipeline, env: env)
        #expect(first.status == .succeeded, "\(first.message)")
        #expect(first.finalStatus == "CREATE_COMPLETE")
        #expect(firstRun.built == ["OrdersCreate", "OrdersProcess", "ProductsGet", "ProductsList", "ReportsDaily"])
        let diff = try #require(firstRun.diff)
        #expect(diff.changeSetType == "CREATE")
        #expect(diff.entries.contains { $0.logicalResourceId == "ProductsGetFunction" && $0.action == .add })

        // What the stack made exists in the services themselves.
        // (moto's Lambda REST API refuses our signatures for GET paths, so functions are checked through the
        // stack's resources and their code objects in S3.)
        let resources = try await CloudFormationClient(client: client).describeStackResources(stackName: stackName)
        let lambdas = resources.filter { $0.resourceType == "AWS::Lambda::Function" }
        #expect(lambdas.count == 5)
        #expect(lambdas.allSatisfy { $0.status == "CREATE_COMPLETE" && $0.physicalResourceId?.isEmpty == false })
        let bucket = try #require(firstRun.all.lazy.compactMap { if case .upload(.bucketReady(let b, _, _)) = $0 { b.name } else { nil } }.first)
        for artifact in firstRun.all.compactMap({ if case .artifact(.packaged(let a, _)) = $0 { a } else { nil } }) {
            #expect(try await S3Client(client: client).headObject(bucket: bucket, key: artifact.s3Key)?.size == artifact.size)
        }
        let tables = try await client.json(Self.dynamo, targetPrefix: "DynamoDB_20120810", action: "ListTables", body: Data("{}".utf8), idempotent: true)
        let tableList = String(decoding: tables, as: UTF8.self)
        #expect(tableList.contains("orders") && tableList.contains("products"), "\(tableList)")
        let queues = try await client.query(Self.sqs, version: "2012-11-05", action: "ListQueues", parameters: [], idempotent: true)
        #expect(queues.children("QueueUrl").contains { $0.text.contains("OrdersProcess") }, "no queue for OrdersProcess")
        let firstSession = try #require(first.sessionId)
        let session = try #require(try cache.session(firstSession))
        #expect(session.summary.outcome == .succeeded)
        #expect(session.functions.count == 5)
        #expect(session.functions.allSatisfy { $0.status == .deployed && $0.artifactSha256 != nil })
        #expect(session.plan?.templateSha256 != nil)

        // One function changes: only it is built and uploaded, and the stack is updated.
        // (A code change, not a comment: an equal binary would give an equal zip, rightly deployed as unchanged.)
        let entry = "\(project)/src/bin/ReportsDaily.rs"
        let source = try String(contentsOfFile: entry, encoding: .utf8)
        try source.replacingOccurrences(of: "fn main() {\n", with: "fn main() {\n    eprintln!(\"ReportsDaily v2\");\n")
            .write(toFile: entry, atomically: true, encoding: .utf8)
        let (second, secondRun) = try await Self.deploy(project, pipeline: pipeline, env: env)
        #expect(second.status == .succeeded, "\(second.message)")
        #expect(second.finalStatus == "UPDATE_COMPLETE")
        #expect(secondRun.built == ["ReportsDaily"])
        #expect(secondRun.uploaded == ["ReportsDaily"])
        #expect(secondRun.diff?.entries.map(\.logicalResourceId) == ["ReportsDailyFunction"])

        // Nothing changed: one DescribeStacks, no CloudFormation write, no upload.
        transport.reset()
        let (third, thirdRun) = try await Self.deploy(project, pipeline: pipeline, env: env)
        #expect(third.status == .skipped, "\(third.message)")
        #expect(transport.operations == ["CloudFormation:DescribeStacks"])
        #expect(transport.cloudFormationWrites.isEmpty)
        #expect(thirdRun.built.isEmpty)
        #expect(third.exitStatus == 0)

        // While another process holds the stack's lock, no deploy starts.
        do {
            let held = try DeployLock.acquire(pipeline.identity(of: stackName), directory: cache.lockDirectory)
            let refused = await #expect(throws: DeployError.self) {
                _ = try await Self.deploy(project, pipeline: pipeline, env: env)
            }
            #expect(refused?.code == .locked)
            #expect(refused?.message.contains("pid") == true, "\(refused?.message ?? "")")
            withExtendedLifetime(held) {}
        }

        // Destroy.
        var destroyed: DeployOutcome?
        for try await event in pipeline.destroy(stackName: stackName, projectPath: project, projectName: "shop", env: env, control: DeployControl(autoConfirm: true)) {
            if case .finished(let outcome) = event { destroyed = outcome }
        }
        #expect(destroyed?.status == .succeeded, "\(destroyed?.message ?? "")")
        #expect(destroyed?.finalStatus == "DELETE_COMPLETE")
        #expect(try await CloudFormationClient(client: client).describeStack(name: stackName) == nil)
    }

    @Test("a project with errors is a configuration error, before any session or AWS call")
    func badProject() async throws {
        let moto = try await AuthenticatedMoto.get()
        let empty = try TemporaryDirectory("deploy-empty")
        let directory = try TemporaryDirectory("deploy-cache")
        let cache = try LocalCache.open(path: directory.file("cache.sqlite")).cache
        let transport = CountingHTTPTransport()
        let pipeline = DeployPipeline(client: moto.client(transport: transport), cache: cache)
        let error = await #expect(throws: DeployError.self) {
            _ = try await pipeline.execute(DeployPipeline.Request(projectDirectory: empty.path), control: DeployControl(autoConfirm: true)) { _ in }
        }
        #expect(error?.isUsageError == true)
        #expect(error?.message.contains("Cargo.toml") == true, "\(error?.message ?? "")")
        #expect(transport.operations.isEmpty)
        #expect(try cache.countSessions() == 0)
    }
}
