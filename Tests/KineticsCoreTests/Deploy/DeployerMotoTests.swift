import Foundation
import Testing
@testable import KineticsCore

/// The deployer against a real moto_server (signature checking on) with small hand-written templates.
@Suite("Deploying hand-written templates to moto", .serialized)
struct DeployerMotoTests {
    struct Harness {
        let moto: AuthenticatedMoto
        let transport = CountingHTTPTransport()
        let directory: TemporaryDirectory
        let cache: LocalCache
        let stackName: String

        init(_ label: String) async throws {
            moto = try await AuthenticatedMoto.get()
            directory = try TemporaryDirectory("deployer")
            cache = try LocalCache.open(path: directory.file("cache.sqlite")).cache
            stackName = "kt-\(label)-\(UUID().uuidString.prefix(6).lowercased())"
        }

        var client: AWSClient { moto.client(transport: transport) }

        var identity: StackIdentity { StackIdentity(name: stackName, region: moto.server.region, endpoint: moto.server.endpointURL) }

        var deployer: Deployer {
            Deployer(client: client, cache: cache, policy: PollPolicy(activeInterval: 0.1, quietMaxInterval: 0.3),
                     changeSetPollInterval: .milliseconds(50))
        }

        /// Runs a deploy in a session of its own, as the pipeline does, and returns its outcome and events.
        func deploy(
            _ body: String, functions: [SessionFunction] = [], secrets: [String: String] = [:], skip: Bool = true,
            control: DeployControl = DeployControl(autoConfirm: true)
        ) async throws -> (outcome: DeployOutcome, events: [DeployEvent], session: Int64) {
            let session = try DeploySession.begin(
                SessionStart(projectPath: directory.path, projectName: "kt", stack: identity, env: "dev"), cache: cache)
            let events = Locked([DeployEvent]())
            let request = Deployer.Request(
                stack: identity, template: DeployTemplate(stackName: stackName, body: body), secrets: secrets, functions: functions,
                skipWhenUnchanged: skip)
            let outcome = try await deployer.deploy(request, session: session.id, control: control) { event in
                events.withLock { $0.append(event) }
            }
            try session.finish(outcome)
            return (outcome, events.withLock { $0 }, session.id)
        }

        func destroy() async throws -> DeployOutcome {
            let session = try DeploySession.begin(
                SessionStart(projectPath: directory.path, projectName: "kt", stack: identity, env: "dev", kind: .destroy), cache: cache)
            let outcome = try await deployer.destroy(stackName: stackName, session: session.id, control: DeployControl(autoConfirm: true)) { _ in }
            try session.finish(outcome)
            return outcome
        }
    }

    static func template(_ resources: [String: String]) -> String {
        let body = resources.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ",")
        return #"{"AWSTemplateFormatVersion":"2010-09-09","Resources":{"# + body + "}}"
    }

    static let queue = #"{"Type":"AWS::SQS::Queue","Properties":{"VisibilityTimeout":30}}"#
    static func table(_ name: String) -> String {
        #"{"Type":"AWS::DynamoDB::Table","Properties":{"TableName":""# + name
            + #"","BillingMode":"PAY_PER_REQUEST","AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],"KeySchema":[{"AttributeName":"id","KeyType":"HASH"}]}}"#
    }

    static func diff(_ events: [DeployEvent]) -> ChangeSetDiff? {
        events.lazy.compactMap { if case .changeSetReady(let d) = $0 { return d } else { return nil } }.first
    }

    static func secretsEvent(_ events: [DeployEvent]) -> (written: [String], unchanged: [String])? {
        events.lazy.compactMap { event -> ([String], [String])? in
            if case .secretsStored(let written, let unchanged) = event { return (written, unchanged) }
            return nil
        }.first
    }

    @Test("secrets go to SSM as SecureStrings, are written again only when their value changed, and no value reaches the cache or the events")
    func secrets() async throws {
        let h = try await Harness("secrets")
        let database = "/kinetics/\(h.stackName)/DATABASE_URL"
        let token = "/kinetics/\(h.stackName)/API_TOKEN"
        let values = [database: "postgres://app:s3cr3t-\(UUID().uuidString)@db/prod", token: "tok-\(UUID().uuidString)"]
        let body = Self.template(["Jobs": Self.queue])

        let first = try await h.deploy(body, secrets: values)
        #expect(first.outcome.status == .succeeded, "\(first.outcome.message)")
        let stored = try #require(Self.secretsEvent(first.events))
        #expect(stored.written == [token, database].sorted() && stored.unchanged.isEmpty)
        let ssm = SSMClient(client: h.client)
        for (name, value) in values {
            let parameter = try await ssm.getParameter(name: name)
            #expect(parameter.type == "SecureString" && parameter.value == value && parameter.version == 1)
        }

        // The same values again: read, not written (no new versions), also when the deploy itself is skipped.
        h.transport.reset()
        let second = try await h.deploy(body, secrets: values)
        #expect(second.outcome.status == .skipped, "\(second.outcome.message)")
        #expect(Self.secretsEvent(second.events).map { $0.written.isEmpty && $0.unchanged == [token, database].sorted() } == true)
        #expect(!h.transport.operations.contains("JSON:PutParameter"))
        #expect(h.transport.operations.filter { $0 == "JSON:GetParameter" }.count == 2)

        // One value changed: only that one is written, and the stack is not touched.
        var changed = values
        changed[token] = "tok-rotated-\(UUID().uuidString)"
        h.transport.reset()
        let third = try await h.deploy(body, secrets: changed)
        #expect(Self.secretsEvent(third.events).map { $0.written == [token] && $0.unchanged == [database] } == true)
        #expect(h.transport.operations.filter { $0 == "JSON:PutParameter" }.count == 1)
        #expect(try await ssm.getParameter(name: token).version == 2)
        #expect(try await ssm.getParameter(name: database).version == 1)

        // No value in the cache file, in the events' plain or JSON lines, or in the outcome.
        let cacheBytes = ["cache.sqlite", "cache.sqlite-wal"].reduce(into: Data()) { bytes, name in
            bytes += (try? Data(contentsOf: URL(fileURLWithPath: h.directory.file(name)))) ?? Data()
        }
        #expect(cacheBytes.count > 4096)
        let lines = (first.events + second.events + third.events).flatMap { event in
            DeployEventFormatter(.plain).lines(for: event) + DeployEventFormatter(.json).lines(for: event)
        }.joined(separator: "\n")
        for value in Array(changed.values) + Array(values.values) {
            #expect(cacheBytes.range(of: Data(value.utf8)) == nil)
            #expect(!lines.contains(value))
            #expect(!"\(first.outcome) \(third.outcome)".contains(value))
        }
        #expect(lines.contains(token))
    }

    @Test("a new stack is created through a CREATE change set; its queue and table exist; everything is recorded")
    func createAndUpdate() async throws {
        let h = try await Harness("create")
        let tableName = "\(h.stackName)-orders"
        let first = try await h.deploy(Self.template(["Jobs": Self.queue, "Orders": Self.table(tableName)]))
        #expect(first.outcome.status == .succeeded, "\(first.outcome.message)")
        #expect(first.outcome.finalStatus == "CREATE_COMPLETE")
        let diff = try #require(Self.diff(first.events))
        #expect(diff.changeSetType == "CREATE")
        #expect(diff.counts.add == 2)
        #expect(Set(diff.entries.map(\.logicalResourceId)) == ["Jobs", "Orders"])
        #expect(h.transport.operations.contains("CloudFormation:ExecuteChangeSet"))

        // Cross-check with the services themselves.
        let sqs = AWSService(signingName: "sqs", endpointPrefix: "sqs", environmentId: "SQS", displayName: "SQS")
        let queues = try await h.client.query(sqs, version: "2012-11-05", action: "ListQueues", parameters: [], idempotent: true)
        let resources = try await CloudFormationClient(client: h.client).describeStackResources(stackName: h.stackName)
        let queueURL = try #require(resources.first { $0.logicalResourceId == "Jobs" }?.physicalResourceId)
        let queueName = try #require(queueURL.split(separator: "/").last.map(String.init))
        #expect(queues.children("QueueUrl").map(\.text).contains { $0.hasSuffix("/" + queueName) })
        let dynamo = AWSService(signingName: "dynamodb", endpointPrefix: "dynamodb", environmentId: "DYNAMODB", displayName: "DynamoDB")
        let described = try await h.client.json(
            dynamo, targetPrefix: "DynamoDB_20120810", action: "DescribeTable",
            body: Data(#"{"TableName":""#.utf8) + Data(tableName.utf8) + Data(#""}"#.utf8), idempotent: true)
        #expect(String(decoding: described, as: UTF8.self).contains("\"TableStatus\""))

        // The cache has the session, its change set, token and events.
        let detail = try #require(try h.cache.session(first.session))
        #expect(detail.summary.outcome == .succeeded)
        #expect(detail.summary.finalStatus == "CREATE_COMPLETE")
        #expect(detail.summary.changeSetSize == 2)
        #expect(detail.summary.clientRequestToken?.hasPrefix("kinetics-") == true)
        // moto reports only the stack's own events for a change set's execution.
        #expect(detail.events.contains { $0.isRootStackEvent && $0.event.resourceStatus == "CREATE_COMPLETE" })
        #expect(detail.plan?.changes.count == 2)

        // An update adds one queue: only it is in the diff.
        let second = try await h.deploy(Self.template(["Jobs": Self.queue, "Orders": Self.table(tableName), "Retries": Self.queue]))
        #expect(second.outcome.status == .succeeded, "\(second.outcome.message)")
        #expect(second.outcome.finalStatus == "UPDATE_COMPLETE")
        let update = try #require(Self.diff(second.events))
        #expect(update.changeSetType == "UPDATE")
        #expect(update.entries.map(\.logicalResourceId) == ["Retries"])
        #expect(update.entries.first?.action == .add)

        let gone = try await h.destroy()
        #expect(gone.status == .succeeded, "\(gone.message)")
        #expect(gone.finalStatus == "DELETE_COMPLETE")
        #expect(try await CloudFormationClient(client: h.client).describeStack(name: h.stackName) == nil)
    }

    @Test("a redeploy of the same template and artifacts makes one DescribeStacks call and no CloudFormation write")
    func skipWhenUnchanged() async throws {
        let h = try await Harness("skip")
        let functions = [SessionFunction(name: "Api", status: .uploaded, artifactSha256: String(repeating: "a", count: 64))]
        let body = Self.template(["Jobs": Self.queue])
        let first = try await h.deploy(body, functions: functions)
        #expect(first.outcome.status == .succeeded, "\(first.outcome.message)")

        h.transport.reset()
        let again = try await h.deploy(body, functions: functions)
        #expect(again.outcome.status == .skipped, "\(again.outcome.message)")
        #expect(h.transport.operations == ["CloudFormation:DescribeStacks"])
        #expect(h.transport.cloudFormationWrites.isEmpty)
        #expect(try h.cache.session(again.session)?.summary.outcome == .noChanges)

        // A changed artifact is deployed again (the template is the same, so the change set is empty here).
        h.transport.reset()
        var changed = functions
        changed[0].artifactSha256 = String(repeating: "b", count: 64)
        let third = try await h.deploy(body, functions: changed)
        #expect(third.outcome.status == .noChanges, "\(third.outcome.message)")
        #expect(h.transport.operations.contains("CloudFormation:CreateChangeSet"))
        #expect(!h.transport.operations.contains("CloudFormation:ExecuteChangeSet"))
        _ = try await h.destroy()
    }

    @Test("a template CloudFormation rejects is a failed deploy with CloudFormation's message")
    func invalidTemplate() async throws {
        let h = try await Harness("invalid")
        let result = try await h.deploy(#"{"Resources":{"Jobs":{"Type":"AWS::SQS::Queue","Properties":{"QueueName":{"Ref":"Missing"}}}}}"#)
        #expect(result.outcome.status == .failed)
        #expect(result.outcome.message.contains("not valid"))
        #expect(result.outcome.message.contains("Missing"), "\(result.outcome.message)")
        #expect(!h.transport.operations.contains("CloudFormation:CreateChangeSet"))
        #expect(result.outcome.exitStatus == 1)
        #expect(!result.outcome.message.isEmpty)
        #expect(result.outcome.message.contains(h.stackName))
        #expect(try h.cache.session(result.session)?.summary.outcome == .failed)
    }

    @Test("a Lambda function whose code bucket does not exist fails at ExecuteChangeSet with moto's message")
    func missingCodeBucket() async throws {
        let h = try await Harness("nobucket")
        let role = #"{"Type":"AWS::IAM::Role","Properties":{"AssumeRolePolicyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}}}"#
        let function = #"{"Type":"AWS::Lambda::Function","Properties":{"Runtime":"provided.al2023","Handler":"bootstrap","Role":{"Fn::GetAtt":["Role","Arn"]},"Code":{"S3Bucket":"kt-no-such-bucket-anywhere","S3Key":"artifacts/Api/x.zip"}}}"#
        let uploaded = SessionFunction(name: "Api", role: "endpoint", status: .uploaded, artifactSha256: String(repeating: "c", count: 64))
        let result = try await h.deploy(Self.template(["Role": role, "Api": function]), functions: [uploaded])
        #expect(result.outcome.status == .failed)
        #expect(result.outcome.message.contains("NoSuchBucket") || result.outcome.message.lowercased().contains("bucket"), "\(result.outcome.message)")
        #expect(result.outcome.exitStatus == 1)
        // The function never went out: the session keeps it as uploaded, not deployed, and nothing counts as deployed.
        let detail = try #require(try h.cache.session(result.session))
        #expect(detail.summary.outcome == .failed)
        #expect(!detail.functions.contains { $0.status == .deployed }, "\(detail.functions.map(\.status))")
        #expect(try DeployFingerprint.lastDeployed(of: h.identity, in: h.cache) == nil)
    }

    @Test("a stack reported in ROLLBACK_COMPLETE is deleted in moto, tailed to DELETE_COMPLETE and created again to CREATE_COMPLETE")
    func rollbackCompleteRecreated() async throws {
        let h = try await Harness("rollback")
        // moto never ends a create in ROLLBACK_COMPLETE: a real stack is made, and a proxy in front of moto reports
        // it so until it is deleted; the delete, the new change set and both tails are moto's own.
        let first = try await h.deploy(Self.template(["Jobs": Self.queue]), skip: false)
        #expect(first.outcome.status == .succeeded, "\(first.outcome.message)")
        let oldId = try #require(try await CloudFormationClient(client: h.client).describeStack(name: h.stackName)?.stackId)
        let proxy = try SlowStackProxy(target: h.moto.server.endpointURL, stackName: h.stackName, holding: false, rolledBackUntilDeleted: true)
        defer { proxy.stop() }
        let configuration = AWSConfiguration(
            credentials: h.moto.credentials, region: h.moto.server.region, profile: "local", endpoint: AWSEndpoint(url: proxy.endpointURL))
        let deployer = Deployer(client: AWSClient(configuration: configuration, transport: h.transport), cache: h.cache,
                                policy: PollPolicy(activeInterval: 0.1, quietMaxInterval: 0.3), changeSetPollInterval: .milliseconds(50))
        let session = try DeploySession.begin(SessionStart(projectPath: h.directory.path, projectName: "kt", stack: h.identity, env: "dev"), cache: h.cache)
        let events = Locked([DeployEvent]())
        let request = Deployer.Request(stack: h.identity, template: DeployTemplate(stackName: h.stackName, body: Self.template(["Jobs": Self.queue, "Table": Self.table("\(h.stackName)-t")])))
        let outcome = try await deployer.deploy(request, session: session.id, control: DeployControl(autoConfirm: true)) { e in events.withLock { $0.append(e) } }
        try session.finish(outcome)

        #expect(proxy.heldAnswers >= 1)
        #expect(outcome.status == .succeeded, "\(outcome.message)")
        #expect(outcome.finalStatus == "CREATE_COMPLETE")
        let seen = events.withLock { $0 }
        #expect(seen.contains { if case .stackNeedsRecreation("ROLLBACK_COMPLETE", _) = $0 { true } else { false } })
        #expect(seen.contains { if case .changeSetCreating(_, "CREATE") = $0 { true } else { false } })
        let operations = h.transport.operations
        let delete = try #require(operations.firstIndex(of: "CloudFormation:DeleteStack"))
        let create = try #require(operations.lastIndex(of: "CloudFormation:CreateChangeSet"))
        #expect(delete < create)
        let stack = try #require(try await CloudFormationClient(client: h.client).describeStack(name: h.stackName))
        #expect(stack.status == "CREATE_COMPLETE")
        #expect(stack.stackId != oldId)
        let detail = try #require(try h.cache.session(session.id))
        #expect(detail.summary.outcome == .succeeded)
        #expect(detail.events.contains { $0.event.isStackEvent && $0.event.resourceStatus == "DELETE_COMPLETE" })
        #expect(detail.events.contains { $0.event.isStackEvent && $0.event.resourceStatus == "CREATE_COMPLETE" && $0.event.stackId == stack.stackId })
        _ = try await h.destroy()
    }

    @Test("declining the change set executes nothing and leaves the stack as it was")
    func declined() async throws {
        let h = try await Harness("decline")
        let control = DeployControl()
        // An answer given before the question is kept for it.
        control.decline()
        let result = try await h.deploy(Self.template(["Jobs": Self.queue]), control: control)
        #expect(result.outcome.status == .declined)
        #expect(result.events.contains { if case .awaitingConfirmation = $0 { true } else { false } })
        #expect(!h.transport.operations.contains("CloudFormation:ExecuteChangeSet"))
    }

    @Test("destroying a stack that does not exist says so and deletes nothing")
    func destroyMissing() async throws {
        let h = try await Harness("missing")
        let outcome = try await h.destroy()
        #expect(outcome.status == .noChanges)
        #expect(outcome.message.contains("no stack named"))
        #expect(!h.transport.operations.contains("CloudFormation:DeleteStack"))
    }
}
