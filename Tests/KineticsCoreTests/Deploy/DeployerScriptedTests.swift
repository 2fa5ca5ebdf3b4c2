import Foundation
import Testing
@testable import KineticsCore

/// The deployer's tail against recorded CloudFormation operations (moto never emits `*_FAILED` events).
@Suite("Deployer against scripted stack events")
struct DeployerScriptedTests {
    /// Says the stack is still updating at first (the operation the dead process left), then what the fixture says.
    final class StillRunning: StackStatusSource {
        let base: ScriptedStackSource
        let first = Locked(true)

        init(_ base: ScriptedStackSource) { self.base = base }

        func describeStack(stackName: String) async throws -> StackSummary? {
            let isFirst = first.withLock { value -> Bool in
                let was = value
                value = false
                return was
            }
            if isFirst {
                return StackSummary(stackId: stackName, stackName: stackName, status: "UPDATE_IN_PROGRESS")
            }
            return try await base.describeStack(stackName: stackName)
        }
    }

    /// A session of the fixture's operation whose process died: recorded, its lock released, found at the next open.
    static func interruptedSession(_ fixture: EventFixture, cachePath: String) throws -> (LocalCache, InterruptedSession) {
        let stack = StackIdentity(name: fixture.stackName, region: "us-east-1")
        do {
            let cache = try LocalCache.open(path: cachePath).cache
            let session = try DeploySession.begin(SessionStart(projectPath: "/tmp", projectName: "shop", stack: stack, env: "dev"), cache: cache)
            try cache.recordChangeSet(session: session.id, id: "cs-1", size: fixture.changeSetSize ?? 0, clientRequestToken: fixture.clientRequestToken)
            try cache.close()
        }
        let opening = try LocalCache.open(path: cachePath)
        return (opening.cache, try #require(opening.interruptedSessions.first))
    }

    @Test("re-attaching to an interrupted update follows it to its rollback, pins the root cause and records it all")
    func reattachToFailingUpdate() async throws {
        let fixture = try EventFixture.load("update-failure-rollback")
        let directory = try TemporaryDirectory("deploy-scripted")
        let (cache, interrupted) = try Self.interruptedSession(fixture, cachePath: directory.file("cache.sqlite"))
        let clock = VirtualClock(start: fixture.start)
        let source = ScriptedStackSource(fixture: fixture, clock: clock)
        let client = AWSClient(configuration: AWSConfiguration(
            credentials: AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "unused"), region: "us-east-1", profile: "test",
            endpoint: AWSEndpoint(url: "http://127.0.0.1:9")))
        let deployer = Deployer(client: client, cache: cache, events: source, stacks: StillRunning(source), clock: clock)
        let events = Locked([DeployEvent]())
        let session = try DeploySession.resume(interrupted, cache: cache)
        let result = try #require(try await deployer.reattach(interrupted, control: DeployControl()) { event in events.withLock { $0.append(event) } })
        withExtendedLifetime(session) {}

        #expect(result.finalStatus == "UPDATE_ROLLBACK_COMPLETE")
        #expect(result.rolledBack)
        let cause = try #require(result.rootCause)
        #expect(cause.logicalResourceId == "JobsQueue")
        #expect(cause.status == "CREATE_FAILED")
        #expect(!cause.reason.contains("Resource update cancelled"))
        let seen = events.withLock { $0 }
        #expect(seen.contains { if case .interruptedSessionFound(_, reattaching: true) = $0 { true } else { false } })
        #expect(seen.contains { if case .stackEvent(.rootCause(let c)) = $0 { c.logicalResourceId == "JobsQueue" } else { false } })

        let detail = try #require(try cache.session(interrupted.id))
        #expect(detail.summary.outcome == .rolledBack)
        #expect(detail.summary.finalStatus == "UPDATE_ROLLBACK_COMPLETE")
        #expect(detail.summary.rootCause?.logicalResourceId == "JobsQueue")
        #expect(detail.events.contains { $0.event.logicalResourceId == "JobsQueue" && $0.event.resourceStatus == "CREATE_FAILED" })
        #expect(detail.summary.message?.contains("Re-attached") == true)
    }

    @Test("an interrupted session whose operation is over is not re-attached")
    func noReattachWhenOver() async throws {
        let fixture = try EventFixture.load("update-failure-rollback")
        let directory = try TemporaryDirectory("deploy-scripted")
        let (cache, interrupted) = try Self.interruptedSession(fixture, cachePath: directory.file("cache.sqlite"))
        let clock = VirtualClock(start: fixture.start)
        let source = ScriptedStackSource(fixture: fixture, clock: clock)
        let client = AWSClient(configuration: AWSConfiguration(
            credentials: AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "unused"), region: "us-east-1", profile: "test",
            endpoint: AWSEndpoint(url: "http://127.0.0.1:9")))
        let deployer = Deployer(client: client, cache: cache, events: source, stacks: source, clock: clock)
        let result = try await deployer.reattach(interrupted, control: DeployControl()) { _ in }
        #expect(result == nil)
        #expect(source.calls.isEmpty)
        #expect(try cache.session(interrupted.id)?.summary.outcome == .interrupted)
    }

    // MARK: - A whole deploy against a scripted CloudFormation

    static func xml(_ action: String, _ result: String) -> FakeHTTPTransport.Answer {
        .response(HTTPResponse(
            status: 200, headers: HTTPHeaders([("Content-Type", "text/xml")]),
            body: Data("<\(action)Response><\(action)Result>\(result)</\(action)Result></\(action)Response>".utf8)))
    }

    /// CloudFormation's answers up to ExecuteChangeSet for an update of the fixture's stack, then `extra`.
    static func answers(_ fixture: EventFixture, extra: [FakeHTTPTransport.Answer] = []) -> [FakeHTTPTransport.Answer] {
        let stackId = fixture.stacks[0].StackId
        let changes = ["ApiFunction": "AWS::Lambda::Function", "JobsQueue": "AWS::SQS::Queue", "ApiFunctionRole": "AWS::IAM::Role"]
            .sorted { $0.key < $1.key }
            .map { "<member><Type>Resource</Type><ResourceChange><Action>\($0.key == "JobsQueue" ? "Add" : "Modify")</Action><LogicalResourceId>\($0.key)</LogicalResourceId><ResourceType>\($0.value)</ResourceType><Replacement>False</Replacement></ResourceChange></member>" }
            .joined()
        return [
            xml("DescribeStacks", "<Stacks><member><StackId>\(stackId)</StackId><StackName>\(fixture.stackName)</StackName><StackStatus>UPDATE_COMPLETE</StackStatus></member></Stacks>"),
            xml("ValidateTemplate", ""),
            xml("CreateChangeSet", "<Id>arn:aws:cloudformation:us-east-1:123456789012:changeSet/c1/1</Id><StackId>\(stackId)</StackId>"),
            xml("DescribeChangeSet", "<ChangeSetId>arn:cs/1</ChangeSetId><ChangeSetName>c1</ChangeSetName><Status>CREATE_COMPLETE</Status><Changes>\(changes)</Changes>"),
            xml("ExecuteChangeSet", ""),
        ] + extra
    }

    static func deployer(_ fixture: EventFixture, transport: FakeHTTPTransport, cache: LocalCache?) -> (Deployer, ScriptedStackSource) {
        let clock = VirtualClock(start: fixture.start)
        let source = ScriptedStackSource(fixture: fixture, clock: clock)
        let client = AWSClient(
            configuration: AWSConfiguration(
                credentials: AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "unused"), region: "us-east-1", profile: "test",
                endpoint: AWSEndpoint(url: "http://127.0.0.1:9")),
            transport: transport)
        var deployer = Deployer(client: client, cache: cache, events: source, stacks: source, clock: clock, changeSetPollInterval: .milliseconds(1))
        let token = fixture.clientRequestToken ?? ""
        deployer.newToken = { token }
        return (deployer, source)
    }

    @Test("an update whose new queue fails rolls back: the outcome is rolled_back with the queue's failure as root cause")
    func failedUpdateRollsBack() async throws {
        let fixture = try EventFixture.load("update-failure-rollback")
        let transport = FakeHTTPTransport(Self.answers(fixture))
        let (deployer, _) = Self.deployer(fixture, transport: transport, cache: nil)
        let request = Deployer.Request(stack: StackIdentity(name: fixture.stackName, region: "us-east-1"),
                                       template: DeployTemplate(stackName: fixture.stackName, body: "{}"))
        let events = Locked([DeployEvent]())
        let outcome = try await deployer.deploy(request, session: nil, control: DeployControl(autoConfirm: true)) { e in events.withLock { $0.append(e) } }
        #expect(outcome.status == .rolledBack)
        #expect(outcome.exitStatus == 1)
        #expect(outcome.finalStatus == "UPDATE_ROLLBACK_COMPLETE")
        #expect(outcome.rootCause?.logicalResourceId == "JobsQueue")
        #expect(outcome.message.contains("Root cause: JobsQueue CREATE_FAILED"))
        let progress = events.withLock { $0 }.compactMap { if case .stackEvent(.progress(let p)) = $0 { p } else { nil } }
        #expect(progress.last?.total == 3)
        let execute = try #require(transport.requests.first { String(decoding: $0.bodyData, as: UTF8.self).contains("Action=ExecuteChangeSet") })
        #expect(String(decoding: execute.bodyData, as: UTF8.self).contains("ClientRequestToken=\(fixture.clientRequestToken ?? "")"))
    }

    @Test("cancel during the tail sends CancelUpdateStack, follows the rollback and ends cancelled")
    func cancelDuringTail() async throws {
        let fixture = try EventFixture.load("update-failure-rollback")
        let transport = FakeHTTPTransport(Self.answers(fixture, extra: [Self.xml("CancelUpdateStack", "")]))
        let (deployer, _) = Self.deployer(fixture, transport: transport, cache: nil)
        let request = Deployer.Request(stack: StackIdentity(name: fixture.stackName, region: "us-east-1"),
                                       template: DeployTemplate(stackName: fixture.stackName, body: "{}"))
        let control = DeployControl(autoConfirm: true)
        let events = Locked([DeployEvent]())
        let outcome = try await deployer.deploy(request, session: nil, control: control) { event in
            events.withLock { $0.append(event) }
            if case .executing = event { control.cancel() }
        }
        #expect(outcome.status == .cancelled)
        #expect(outcome.finalStatus == "UPDATE_ROLLBACK_COMPLETE")
        #expect(events.withLock { $0 }.contains { if case .cancelling("CancelUpdateStack") = $0 { true } else { false } })
        #expect(transport.requests.contains { String(decoding: $0.bodyData, as: UTF8.self).contains("Action=CancelUpdateStack") })
    }

    @Test("detach during the tail leaves the operation alone and ends detached, with exit status 0")
    func detachDuringTail() async throws {
        let fixture = try EventFixture.load("update-failure-rollback")
        let transport = FakeHTTPTransport(Self.answers(fixture))
        let (deployer, _) = Self.deployer(fixture, transport: transport, cache: nil)
        let request = Deployer.Request(stack: StackIdentity(name: fixture.stackName, region: "us-east-1"),
                                       template: DeployTemplate(stackName: fixture.stackName, body: "{}"))
        let control = DeployControl(autoConfirm: true)
        let outcome = try await deployer.deploy(request, session: nil, control: control) { event in
            if case .executing = event { control.detach() }
        }
        #expect(outcome.status == .detached)
        #expect(outcome.exitStatus == 0)
        #expect(outcome.message.contains("events \(fixture.stackName) --follow"))
        #expect(transport.requests.count == 5)
    }

    @Test("an update change set refused with \"No updates are to be performed\" (moto's answer to an unchanged template) is no changes")
    func refusedAsNoUpdates() async throws {
        let fixture = try EventFixture.load("update-failure-rollback")
        let stackId = fixture.stacks[0].StackId
        let transport = FakeHTTPTransport([
            Self.xml("DescribeStacks", "<Stacks><member><StackId>\(stackId)</StackId><StackName>\(fixture.stackName)</StackName><StackStatus>UPDATE_COMPLETE</StackStatus></member></Stacks>"),
            Self.xml("ValidateTemplate", ""),
            FakeHTTPTransport.xmlError(status: 400, code: "ValidationError", message: "No updates are to be performed."),
        ])
        let directory = try TemporaryDirectory("deploy-scripted")
        let cache = try LocalCache.open(path: directory.file("cache.sqlite")).cache
        let (deployer, _) = Self.deployer(fixture, transport: transport, cache: cache)
        let stack = StackIdentity(name: fixture.stackName, region: "us-east-1")
        let session = try DeploySession.begin(SessionStart(projectPath: directory.path, projectName: "shop", stack: stack, env: "dev"), cache: cache)
        let function = SessionFunction(name: "Api", status: .uploaded, artifactSha256: String(repeating: "d", count: 64))
        try cache.recordFunction(function, session: session.id)
        let request = Deployer.Request(stack: stack, template: DeployTemplate(stackName: fixture.stackName, body: "{}"), functions: [function])
        let outcome = try await deployer.deploy(request, session: session.id, control: DeployControl(autoConfirm: true)) { _ in }
        try session.finish(outcome)
        #expect(outcome.status == .noChanges, "\(outcome.message)")
        #expect(outcome.exitStatus == 0)
        #expect(transport.requests.count == 3)
        let detail = try #require(try cache.session(session.id))
        #expect(detail.summary.outcome == .noChanges)
        #expect(detail.functions.map(\.status) == [.deployed])
    }

    @Test("a stack left in ROLLBACK_COMPLETE is explained and, when the re-create is declined, left alone")
    func rollbackCompleteDeclined() async throws {
        let fixture = try EventFixture.load("update-failure-rollback")
        let stackId = fixture.stacks[0].StackId
        let transport = FakeHTTPTransport([
            Self.xml("DescribeStacks", "<Stacks><member><StackId>\(stackId)</StackId><StackName>\(fixture.stackName)</StackName><StackStatus>ROLLBACK_COMPLETE</StackStatus></member></Stacks>"),
        ])
        let (deployer, _) = Self.deployer(fixture, transport: transport, cache: nil)
        let request = Deployer.Request(stack: StackIdentity(name: fixture.stackName, region: "us-east-1"),
                                       template: DeployTemplate(stackName: fixture.stackName, body: "{}"))
        let control = DeployControl()
        control.decline()
        let events = Locked([DeployEvent]())
        let outcome = try await deployer.deploy(request, session: nil, control: control) { e in events.withLock { $0.append(e) } }
        #expect(outcome.status == .declined)
        #expect(outcome.message.contains("ROLLBACK_COMPLETE"))
        let seen = events.withLock { $0 }
        #expect(seen.contains { if case .stackNeedsRecreation(let status, let reason) = $0 { status == "ROLLBACK_COMPLETE" && reason.contains("first create failed") } else { false } })
        #expect(seen.contains { if case .awaitingConfirmation(.recreateStack) = $0 { true } else { false } })
        #expect(transport.requests.count == 1)
    }
}

extension HTTPRequest {
    var bodyData: Data { if case .data(let data) = body { data } else { Data() } }
}
