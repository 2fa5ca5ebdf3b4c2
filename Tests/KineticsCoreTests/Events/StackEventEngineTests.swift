import Foundation
import Testing
@testable import KineticsCore

@Suite("The event engine's state machine")
struct StackEventEngineTests {
    // MARK: - Reading back and deduplicating

    @Test("reads back only to where this operation began and emits its events oldest first")
    func scopesAndOrders() {
        var m = EventMaker(token: "old")
        var timeline = Timeline()
        timeline.events += [m.root(0, "UPDATE_IN_PROGRESS", "User Initiated"), m.root(5, "UPDATE_COMPLETE")]
        m.token = "tok-1"
        timeline.events += [
            m.root(100, "UPDATE_IN_PROGRESS", "User Initiated"),
            m.resource(101, "ApiFunction", "UPDATE_IN_PROGRESS"),
            m.resource(104, "ApiFunction", "UPDATE_COMPLETE"),
            m.root(105, "UPDATE_COMPLETE"),
        ]
        var harness = EngineHarness(.init(stackName: "shop-dev", scope: .clientRequestToken("tok-1", notBefore: nil)), start: m.at(110))
        harness.run { request, now in timeline.page(stack: request.stackName, token: request.nextToken, at: now) }

        #expect(harness.finished)
        #expect(harness.events.map(\.event.resourceStatus) == ["UPDATE_IN_PROGRESS", "UPDATE_IN_PROGRESS", "UPDATE_COMPLETE", "UPDATE_COMPLETE"])
        #expect(harness.events.allSatisfy { $0.event.clientRequestToken == "tok-1" })
        #expect(harness.events.first?.isRootStackEvent == true)
        #expect(harness.result?.outcome == .succeeded)
        #expect(harness.result?.duration == 5)
    }

    @Test("stops paging at the first event it already knows and never emits an event twice")
    func stopsAtKnownEvent() {
        var m = EventMaker()
        var timeline = Timeline()
        timeline.pageSize = 2
        timeline.events = [
            m.root(0, "CREATE_IN_PROGRESS", "User Initiated"),
            m.resource(1, "Table", "CREATE_IN_PROGRESS", type: "AWS::DynamoDB::Table"),
            m.resource(2, "Role", "CREATE_IN_PROGRESS", type: "AWS::IAM::Role"),
            m.resource(30, "Table", "CREATE_COMPLETE", type: "AWS::DynamoDB::Table"),
            m.resource(30, "Role", "CREATE_COMPLETE", type: "AWS::IAM::Role"),
            m.root(30, "CREATE_COMPLETE"),
        ]
        var harness = EngineHarness(.init(stackName: "shop-dev", scope: .clientRequestToken("tok-1", notBefore: nil)), start: m.at(3))
        harness.run { request, now in timeline.page(stack: request.stackName, token: request.nextToken, at: now) }

        let ids = harness.events.map(\.event.eventId)
        #expect(ids.count == 6)
        #expect(Set(ids).count == ids.count)
        #expect(harness.events.map(\.event.timestamp) == harness.events.map(\.event.timestamp).sorted())
        // Two pages in the first poll (three events, two a page); then the three events that arrive together
        // take two pages, and the page that holds a known event ends the poll: no third page is asked for.
        let pagedCalls = harness.requests.filter { $0.request.nextToken != nil }
        #expect(pagedCalls.count == 2)
        #expect(harness.requests.first?.at == m.at(3))
    }

    @Test("asks by the stack's ARN once the first event has named it")
    func switchesToArn() {
        var m = EventMaker()
        var timeline = Timeline()
        timeline.events = [m.root(0, "UPDATE_IN_PROGRESS", "User Initiated"), m.root(20, "UPDATE_COMPLETE")]
        var harness = EngineHarness(.init(stackName: "shop-dev", scope: .latestOperation), start: m.at(1))
        harness.run { request, now in timeline.page(stack: request.stackName, token: request.nextToken, at: now) }
        #expect(harness.requests.first?.request.stackName == "shop-dev")
        #expect(harness.requests.dropFirst().allSatisfy { $0.request.stackName == m.stackId })
    }

    // MARK: - Scope

    static let scopeCases: [(OperationScope, String?, TimeInterval, String, String?, StackEventEngine.ScopeDecision)] = [
        (.clientRequestToken("t", notBefore: nil), "t", 10, "AWS::Lambda::Function", nil, .include),
        (.clientRequestToken("t", notBefore: nil), "t", 10, "AWS::CloudFormation::Stack", "User Initiated", .includeAndStop),
        (.clientRequestToken("t", notBefore: nil), "other", 10, "AWS::Lambda::Function", nil, .excludeAndStop),
        (.clientRequestToken("t", notBefore: nil), nil, 10, "AWS::Lambda::Function", nil, .excludeAndStop),
        (.clientRequestToken("t", notBefore: Date(timeIntervalSince1970: 5)), nil, 10, "AWS::Lambda::Function", nil, .include),
        (.clientRequestToken("t", notBefore: Date(timeIntervalSince1970: 50)), nil, 10, "AWS::Lambda::Function", nil, .excludeAndStop),
        (.since(Date(timeIntervalSince1970: 5)), "x", 10, "AWS::Lambda::Function", nil, .include),
        (.since(Date(timeIntervalSince1970: 10)), "x", 10, "AWS::Lambda::Function", nil, .include),
        (.since(Date(timeIntervalSince1970: 11)), "x", 10, "AWS::Lambda::Function", nil, .excludeAndStop),
        (.latestOperation, nil, 10, "AWS::Lambda::Function", "User Initiated", .include),
        (.latestOperation, nil, 10, "AWS::CloudFormation::Stack", "User Initiated", .includeAndStop),
        (.latestOperation, nil, 10, "AWS::CloudFormation::Stack", "Stack update cancelled", .include),
    ]

    @Test("decides per event whether it belongs to the operation", arguments: scopeCases.indices)
    func scopeDecision(index: Int) {
        let (scope, token, time, type, reason, expected) = Self.scopeCases[index]
        let isStack = type == "AWS::CloudFormation::Stack"
        let event = StackEvent(
            eventId: "e", stackId: "arn:s", stackName: "shop-dev", logicalResourceId: isStack ? "shop-dev" : "Fn",
            physicalResourceId: isStack ? "arn:s" : nil, resourceType: type, timestamp: Date(timeIntervalSince1970: time),
            resourceStatus: isStack ? "UPDATE_IN_PROGRESS" : "UPDATE_COMPLETE", resourceStatusReason: reason,
            clientRequestToken: token
        )
        #expect(StackEventEngine.decide(scope, event: event) == expected)
    }

    @Test("scopes an endpoint that sets no ClientRequestToken by the change set's creation time")
    func tokenlessEndpoint() {
        var m = EventMaker(token: nil)
        var timeline = Timeline()
        timeline.events = [
            m.root(0, "CREATE_IN_PROGRESS", "User Initiated"), m.root(4, "CREATE_COMPLETE"),
            m.root(100, "UPDATE_IN_PROGRESS", "User Initiated"), m.resource(101, "Fn", "UPDATE_IN_PROGRESS"),
            m.resource(102, "Fn", "UPDATE_COMPLETE"), m.root(103, "UPDATE_COMPLETE"),
        ]
        let scope = OperationScope.clientRequestToken("kinetics-tui-x", notBefore: m.at(99))
        var harness = EngineHarness(.init(stackName: "shop-dev", scope: scope, changeSetSize: 1), start: m.at(104))
        harness.run { request, now in timeline.page(stack: request.stackName, token: request.nextToken, at: now) }
        #expect(harness.events.count == 4)
        #expect(harness.result?.finalStatus == "UPDATE_COMPLETE")
        #expect(harness.result?.progress == StackProgress(completed: 1, total: 1))
    }

    @Test("waits for the operation's first event, polling every second, and gives up after the timeout")
    func waitsForOperation() {
        var m = EventMaker(token: "old")
        var timeline = Timeline()
        timeline.events = [m.root(0, "UPDATE_IN_PROGRESS", "User Initiated"), m.root(3, "UPDATE_COMPLETE")]
        var policy = PollPolicy()
        policy.operationStartTimeout = 30
        var harness = EngineHarness(
            .init(stackName: "shop-dev", scope: .clientRequestToken("new", notBefore: nil), policy: policy), start: m.at(10)
        )
        harness.run { request, now in timeline.page(stack: request.stackName, token: request.nextToken, at: now) }
        #expect(harness.events.isEmpty)
        #expect(harness.error?.code == .operationNotStarted)
        #expect(harness.sleeps.allSatisfy { abs($0 - 1) < 0.001 })
        #expect(harness.requests.count >= 25)
    }

    // MARK: - Nested stacks

    @Test("follows a nested stack named by its parent, including the child's own events from before the parent named it")
    func followsNested() {
        var root = EventMaker()
        let childArn = "arn:aws:cloudformation:eu-west-1:123456789012:stack/shop-dev-Data-1ABC/11111111-2222-3333-4444-555555555555"
        var child = EventMaker(stackName: "shop-dev-Data-1ABC", stackId: childArn)
        var timeline = Timeline()
        timeline.events = [
            root.root(0, "CREATE_IN_PROGRESS", "User Initiated"),
            root.resource(1, "Data", "CREATE_IN_PROGRESS", type: "AWS::CloudFormation::Stack"),
            child.root(1.5, "CREATE_IN_PROGRESS", "User Initiated"),
            root.resource(2, "Data", "CREATE_IN_PROGRESS", type: "AWS::CloudFormation::Stack", physical: childArn, reason: "Resource creation Initiated"),
            child.resource(3, "Table", "CREATE_IN_PROGRESS", type: "AWS::DynamoDB::Table"),
            child.resource(9, "Table", "CREATE_COMPLETE", type: "AWS::DynamoDB::Table"),
            child.root(10, "CREATE_COMPLETE"),
            root.resource(11, "Data", "CREATE_COMPLETE", type: "AWS::CloudFormation::Stack", physical: childArn),
            root.root(12, "CREATE_COMPLETE"),
        ]
        var harness = EngineHarness(.init(stackName: "shop-dev", scope: .clientRequestToken("tok-1", notBefore: nil), changeSetSize: 1), start: root.at(2.5))
        harness.run { request, now in timeline.page(stack: request.stackName, token: request.nextToken, at: now) }

        #expect(harness.updates.contains(.nestedStackFollowed(stackPath: ["Data"], stackId: childArn)))
        #expect(harness.events.count == 9)
        let childEvents = harness.events.filter { $0.event.stackId == childArn }
        #expect(childEvents.count == 4)
        #expect(childEvents.allSatisfy { $0.stackPath == ["Data"] && !$0.isRootStackEvent })
        #expect(harness.events.map(\.event.timestamp) == harness.events.map(\.event.timestamp).sorted())
        #expect(harness.engine.resources.map(\.id).contains(childArn + "|Table"))
        #expect(harness.result?.progress == StackProgress(completed: 1, total: 1))
        // Once the child reached a terminal status it is no longer read.
        let lastChildCall = harness.requests.lastIndex { $0.request.stackName == childArn }
        let childTerminalSeen = harness.requests.firstIndex { $0.at >= root.at(10) } ?? 0
        #expect((lastChildCall ?? 0) <= childTerminalSeen + 1)
    }

    @Test("drops a nested stack that no longer exists and keeps tailing the root")
    func missingNested() {
        var root = EventMaker()
        let ghost = "arn:aws:cloudformation:eu-west-1:123456789012:stack/ghost/0000"
        var timeline = Timeline()
        timeline.events = [
            root.root(0, "UPDATE_IN_PROGRESS", "User Initiated"),
            root.resource(1, "Ghost", "UPDATE_IN_PROGRESS", type: "AWS::CloudFormation::Stack", physical: ghost),
            root.resource(5, "Ghost", "UPDATE_COMPLETE", type: "AWS::CloudFormation::Stack", physical: ghost),
            root.root(6, "UPDATE_COMPLETE"),
        ]
        var harness = EngineHarness(.init(stackName: "shop-dev", scope: .latestOperation), start: root.at(2))
        harness.run { request, now in timeline.page(stack: request.stackName, token: request.nextToken, at: now) }
        #expect(harness.result?.outcome == .succeeded)
        #expect(harness.requests.filter { $0.request.stackName == ghost }.count == 1)
    }

    @Test("a root stack that does not exist is an error naming it")
    func missingRoot() {
        var harness = EngineHarness(.init(stackName: "nope", scope: .latestOperation), start: Date(timeIntervalSince1970: 0))
        harness.run { request, _ in .failure(.stackNotFound, "Stack [\(request.stackName)] does not exist") }
        #expect(harness.error?.code == .stackNotFound)
        #expect(harness.error?.description.contains("Stack nope does not exist") == true)
    }

    // MARK: - Resources, progress, rollback

    @Test("keeps per-resource status, DetailedStatus and elapsed time from IN_PROGRESS to COMPLETE")
    func resourceState() throws {
        var m = EventMaker()
        var timeline = Timeline()
        timeline.events = [
            m.root(0, "CREATE_IN_PROGRESS", "User Initiated"),
            m.resource(2, "Table", "CREATE_IN_PROGRESS", type: "AWS::DynamoDB::Table"),
            m.resource(3, "Table", "CREATE_IN_PROGRESS", type: "AWS::DynamoDB::Table", physical: "shop-dev-orders", reason: "Resource creation Initiated"),
            m.resource(6, "Table", "CREATE_IN_PROGRESS", type: "AWS::DynamoDB::Table", physical: "shop-dev-orders", detailed: "CONFIGURATION_COMPLETE"),
            m.resource(14.5, "Table", "CREATE_COMPLETE", type: "AWS::DynamoDB::Table", physical: "shop-dev-orders"),
            m.resource(15, "Fn", "CREATE_IN_PROGRESS"),
            m.root(30, "CREATE_COMPLETE"),
        ]
        var harness = EngineHarness(.init(stackName: "shop-dev", scope: .latestOperation), start: m.at(20))
        harness.run(until: { $0.requests.count >= 1 && !$0.events.isEmpty }) { request, now in
            timeline.page(stack: request.stackName, token: request.nextToken, at: now)
        }
        let resources = harness.engine.resources
        let table = try #require(resources.first { $0.logicalResourceId == "Table" })
        #expect(table.phase == .complete)
        #expect(table.physicalResourceId == "shop-dev-orders")
        #expect(table.detailedStatus == "CONFIGURATION_COMPLETE")
        #expect(table.elapsed(at: m.at(99)) == 12.5)
        #expect(table.displayReason == nil)
        let fn = resources.first { $0.logicalResourceId == "Fn" }
        #expect(fn?.phase == .inProgress)
        #expect(fn?.elapsed(at: m.at(21)) == 6)
    }

    @Test("counts progress once per resource, moves it back on rollback, and recognises the rollback")
    func progressAndRollback() throws {
        var m = EventMaker()
        var timeline = Timeline()
        timeline.events = [
            m.root(0, "UPDATE_IN_PROGRESS", "User Initiated"),
            m.resource(1, "Role", "UPDATE_IN_PROGRESS", type: "AWS::IAM::Role"),
            m.resource(2, "Role", "UPDATE_COMPLETE", type: "AWS::IAM::Role"),
            m.resource(2.5, "Role", "UPDATE_COMPLETE", type: "AWS::IAM::Role"),
            m.resource(3, "Queue", "CREATE_IN_PROGRESS", type: "AWS::SQS::Queue"),
            m.resource(4, "Queue", "CREATE_FAILED", type: "AWS::SQS::Queue", reason: "Invalid VisibilityTimeout"),
            m.root(5, "UPDATE_ROLLBACK_IN_PROGRESS", "The following resource(s) failed to create: [Queue]. "),
            m.resource(6, "Role", "UPDATE_IN_PROGRESS", type: "AWS::IAM::Role"),
            m.resource(7, "Role", "UPDATE_COMPLETE", type: "AWS::IAM::Role"),
            m.root(8, "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS"),
            m.resource(9, "Queue", "DELETE_COMPLETE", type: "AWS::SQS::Queue"),
            m.root(10, "UPDATE_ROLLBACK_COMPLETE"),
        ]
        var harness = EngineHarness(.init(stackName: "shop-dev", scope: .latestOperation, changeSetSize: 2), start: m.at(0.5))
        harness.latency = 0
        harness.run { request, now in timeline.page(stack: request.stackName, token: request.nextToken, at: now) }

        let progress = harness.updates.compactMap { update -> Int? in
            if case .progress(let p) = update { return p.completed }
            return nil
        }
        #expect(progress.max() == 1)
        #expect(progress.last == 0)
        #expect(harness.updates.contains(.rollbackStarted(reason: "The following resource(s) failed to create: [Queue]. ", at: m.at(5))))
        let result = try #require(harness.result)
        #expect(result.outcome == .rolledBack)
        #expect(result.succeeded == false)
        #expect(result.rolledBack == true)
        #expect(result.rootCause?.logicalResourceId == "Queue")
        #expect(result.rootCause?.reason == "Invalid VisibilityTimeout")
    }

    @Test("snaps progress to the total when the operation succeeds")
    func progressOnSuccess() {
        var m = EventMaker()
        var timeline = Timeline()
        timeline.events = [m.root(0, "UPDATE_IN_PROGRESS", "User Initiated"), m.resource(1, "Fn", "UPDATE_COMPLETE"), m.root(2, "UPDATE_COMPLETE")]
        var harness = EngineHarness(.init(stackName: "shop-dev", scope: .latestOperation, changeSetSize: 3), start: m.at(3))
        harness.run { request, now in timeline.page(stack: request.stackName, token: request.nextToken, at: now) }
        #expect(harness.result?.progress == StackProgress(completed: 3, total: 3))
    }

    // MARK: - Root cause

    @Test("treats cancellations and failure summaries as noise", arguments: [
        ("Resource creation cancelled", true),
        ("Resource update cancelled", true),
        ("resource deletion cancelled", true),
        ("The following resource(s) failed to create: [JobsQueue]. ", true),
        ("The following resource(s) failed to update: [ApiFunction]. ", true),
        ("", true),
        ("Resource handler returned message: \"Table already exists\" (HandlerErrorCode: AlreadyExists)", false),
        ("Embedded stack arn:x was not successfully created: The following resource(s) failed to create: [T]. ", false),
        ("User arn:aws:iam::123456789012:user/ci is not authorized to perform iam:CreateRole; request cancelled", false),
    ])
    func noise(reason: String, isNoise: Bool) {
        #expect(RootCause.isNoise(reason) == isNoise)
    }

    @Test("a stack-level failure stands in until the resource failure behind it is seen, which replaces it even when read later")
    func stackLevelReplaced() {
        var root = EventMaker()
        let childArn = "arn:aws:cloudformation:eu-west-1:123456789012:stack/shop-dev-Data-1ABC/99"
        var child = EventMaker(stackName: "shop-dev-Data-1ABC", stackId: childArn)
        var timeline = Timeline()
        timeline.events = [
            root.root(0, "CREATE_IN_PROGRESS", "User Initiated"),
            root.resource(0.2, "Data", "CREATE_IN_PROGRESS", type: "AWS::CloudFormation::Stack", physical: childArn),
            child.root(0.3, "CREATE_IN_PROGRESS", "User Initiated"),
            child.resource(0.4, "Table", "CREATE_FAILED", type: "AWS::DynamoDB::Table", reason: "Table already exists"),
            child.root(0.5, "ROLLBACK_IN_PROGRESS", "The following resource(s) failed to create: [Table]. Rollback requested by user."),
            root.resource(0.6, "Data", "CREATE_FAILED", type: "AWS::CloudFormation::Stack", physical: childArn,
                          reason: "Embedded stack \(childArn) was not successfully created: The following resource(s) failed to create: [Table]. "),
            root.root(0.7, "ROLLBACK_IN_PROGRESS", "The following resource(s) failed to create: [Data]. Rollback requested by user."),
            child.root(0.8, "ROLLBACK_COMPLETE"),
            root.resource(0.9, "Data", "DELETE_COMPLETE", type: "AWS::CloudFormation::Stack", physical: childArn),
            root.root(5, "ROLLBACK_COMPLETE"),
        ]
        var harness = EngineHarness(.init(stackName: "shop-dev", scope: .latestOperation), start: root.at(1))
        harness.run { request, now in timeline.page(stack: request.stackName, token: request.nextToken, at: now) }
        let causes = harness.updates.compactMap { update -> RootCause? in
            if case .rootCause(let cause) = update { return cause }
            return nil
        }
        #expect(causes.last?.logicalResourceId == "Table")
        #expect(causes.last?.stackPath == ["Data"])
        #expect(causes.last?.isStackLevel == false)
        #expect(harness.result?.rootCause?.reason == "Table already exists")
        #expect(harness.result?.outcome == .rolledBack)
    }

    @Test("a resource CloudFormation could not delete during cleanup is no root cause: the update still succeeded")
    func cleanupDeleteFailed() {
        var m = EventMaker()
        var timeline = Timeline()
        timeline.events = [
            m.root(0, "UPDATE_IN_PROGRESS", "User Initiated"),
            m.resource(1, "Bucket", "UPDATE_COMPLETE", type: "AWS::S3::Bucket"),
            m.root(2, "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS"),
            m.resource(3, "Bucket", "DELETE_FAILED", type: "AWS::S3::Bucket", reason: "The bucket you tried to delete is not empty"),
            m.root(4, "UPDATE_COMPLETE"),
        ]
        var harness = EngineHarness(.init(stackName: "shop-dev", scope: .latestOperation), start: m.at(5))
        harness.run { request, now in timeline.page(stack: request.stackName, token: request.nextToken, at: now) }
        #expect(harness.result?.succeeded == true)
        #expect(harness.result?.rootCause == nil)
        #expect(!harness.updates.contains { if case .rootCause = $0 { true } else { false } })
    }

    // MARK: - Final status

    @Test("maps terminal statuses to outcomes", arguments: [
        ("CREATE_COMPLETE", StackOperationOutcome.succeeded), ("UPDATE_COMPLETE", .succeeded), ("IMPORT_COMPLETE", .succeeded),
        ("ROLLBACK_COMPLETE", .rolledBack), ("UPDATE_ROLLBACK_COMPLETE", .rolledBack), ("IMPORT_ROLLBACK_COMPLETE", .rolledBack),
        ("DELETE_COMPLETE", .deleted), ("CREATE_FAILED", .failed), ("UPDATE_FAILED", .failed), ("ROLLBACK_FAILED", .failed),
        ("UPDATE_ROLLBACK_FAILED", .failed), ("DELETE_FAILED", .failed), ("SOMETHING_NEW", .failed),
    ])
    func outcomes(status: String, outcome: StackOperationOutcome) {
        #expect(StackOperationOutcome(finalStatus: status) == outcome)
        #expect(StackOperationKind.deploy.isSuccess(outcome) == (outcome == .succeeded))
        #expect(StackOperationKind.destroy.isSuccess(outcome) == (outcome == .deleted))
    }

    @Test("knows which statuses end an operation", arguments: [
        ("CREATE_IN_PROGRESS", false), ("REVIEW_IN_PROGRESS", false), ("UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", false),
        ("UPDATE_ROLLBACK_IN_PROGRESS", false), ("CREATE_COMPLETE", true), ("UPDATE_ROLLBACK_FAILED", true), ("", false),
    ])
    func terminal(status: String, terminal: Bool) {
        #expect(StackStatus.isTerminal(status) == terminal)
    }

    // MARK: - Follow mode

    @Test("following, a new operation after the first one ends starts fresh state and is reported again")
    func followsNextOperation() {
        var m = EventMaker(token: nil)
        var timeline = Timeline()
        timeline.events = [
            m.root(0, "UPDATE_IN_PROGRESS", "User Initiated"), m.resource(1, "Fn", "UPDATE_FAILED", reason: "boom"),
            m.root(2, "UPDATE_ROLLBACK_IN_PROGRESS"), m.root(3, "UPDATE_ROLLBACK_COMPLETE"),
            m.root(200, "UPDATE_IN_PROGRESS", "User Initiated"), m.resource(201, "Fn", "UPDATE_COMPLETE"), m.root(202, "UPDATE_COMPLETE"),
        ]
        var harness = EngineHarness(.init(stackName: "shop-dev", scope: .latestOperation, kind: .watch, follow: true), start: m.at(10))
        harness.run(until: { $0.now > m.at(400) }) { request, now in
            timeline.page(stack: request.stackName, token: request.nextToken, at: now)
        }
        let results = harness.updates.compactMap { update -> StackOperationResult? in
            if case .operationFinished(let r) = update { return r }
            return nil
        }
        #expect(results.map(\.outcome) == [.rolledBack, .succeeded])
        #expect(results.last?.rootCause == nil)
        #expect(results.first?.rootCause?.reason == "boom")
        #expect(harness.describes == 2)
        #expect(!harness.finished)
        // While idle the interval grows to the idle ceiling.
        let idleSleeps = harness.sleeps.filter { $0 > 5.001 }
        #expect(idleSleeps.contains { abs($0 - 15) < 0.001 })
    }
}
