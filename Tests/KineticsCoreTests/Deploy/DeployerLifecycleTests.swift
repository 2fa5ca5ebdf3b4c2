import Foundation
import Testing
@testable import KineticsCore

/// The deployer against a CloudFormation with state (`ScriptedCloudFormation`): re-creating a stack left in
/// `ROLLBACK_COMPLETE`, cancelling a create or an update while it runs, detaching and re-attaching later.
@Suite("Deployer through a stack's whole life")
struct DeployerLifecycleTests {
    struct Harness {
        let cloudFormation: ScriptedCloudFormation
        let clock = VirtualClock(start: Date(timeIntervalSince1970: 1_767_000_000))
        let directory: TemporaryDirectory
        let cache: LocalCache
        let stack = StackIdentity(name: "shop-dev", region: "us-east-1")
        let events = Locked([DeployEvent]())

        init(status: String? = nil, history: [ScriptedCloudFormation.Step] = [], holding: Bool = false) throws {
            cloudFormation = ScriptedCloudFormation(stackName: "shop-dev", status: status, history: history, holding: holding, clock: clock)
            directory = try TemporaryDirectory("deploy-lifecycle")
            cache = try LocalCache.open(path: directory.file("cache.sqlite")).cache
        }

        var deployer: Deployer {
            let client = AWSClient(
                configuration: AWSConfiguration(
                    credentials: AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "unused"), region: "us-east-1", profile: "test",
                    endpoint: AWSEndpoint(url: "http://127.0.0.1:9")),
                transport: cloudFormation)
            return Deployer(client: client, cache: cache, events: cloudFormation, stacks: cloudFormation, clock: clock,
                            changeSetPollInterval: .milliseconds(1))
        }

        static let functions = [
            SessionFunction(name: "Api", role: "endpoint", status: .uploaded, artifactSha256: String(repeating: "a", count: 64)),
        ]

        /// A deploy in a session of its own, recorded as the pipeline records it; `react` sees each event first.
        func deploy(control: DeployControl, react: @escaping @Sendable (DeployEvent) -> Void = { _ in }) async throws -> (DeployOutcome, Int64) {
            let session = try DeploySession.begin(SessionStart(projectPath: directory.path, projectName: "shop", stack: stack, env: "dev"), cache: cache)
            for function in Self.functions { try cache.recordFunction(function, session: session.id) }
            let request = Deployer.Request(
                stack: stack, template: DeployTemplate(stackName: stack.name, body: #"{"Resources":{}}"#), functions: Self.functions)
            let outcome = try await deployer.deploy(request, session: session.id, control: control) { [events] event in
                events.withLock { $0.append(event) }
                react(event)
            }
            try session.finish(outcome)
            return (outcome, session.id)
        }

        var seen: [DeployEvent] { events.withLock { $0 } }

        /// The resource statuses the deploy showed, in order, as `logicalId status`.
        var shownStatuses: [String] {
            seen.flatMap { event -> [String] in
                guard case .stackEvent(.events(let list)) = event else { return [] }
                return list.map { "\($0.event.logicalResourceId) \($0.event.resourceStatus)" }
            }
        }
    }

    static func isFirstCreateEvent(_ event: DeployEvent, _ status: String) -> Bool {
        guard case .stackEvent(.events(let list)) = event else { return false }
        return list.contains { $0.event.resourceStatus == status }
    }

    @Test("a stack in ROLLBACK_COMPLETE is explained, deleted and tailed to DELETE_COMPLETE, then created again to CREATE_COMPLETE")
    func rollbackCompleteIsRecreated() async throws {
        let failedCreate: [ScriptedCloudFormation.Step] = [
            .init(logicalId: "shop-dev", type: "AWS::CloudFormation::Stack", status: "CREATE_IN_PROGRESS", reason: "User Initiated"),
            .init(logicalId: "JobsQueue", type: "AWS::SQS::Queue", status: "CREATE_FAILED", reason: "Queue name already exists"),
            .init(logicalId: "shop-dev", type: "AWS::CloudFormation::Stack", status: "ROLLBACK_IN_PROGRESS", reason: "The following resource(s) failed to create: [JobsQueue]."),
            .init(logicalId: "JobsQueue", type: "AWS::SQS::Queue", status: "DELETE_COMPLETE"),
            .init(logicalId: "shop-dev", type: "AWS::CloudFormation::Stack", status: "ROLLBACK_COMPLETE"),
        ]
        let h = try Harness(status: "ROLLBACK_COMPLETE", history: failedCreate)
        let oldStackId = try #require(h.cloudFormation.stackId)
        let (outcome, session) = try await h.deploy(control: DeployControl(autoConfirm: true))

        #expect(outcome.status == .succeeded, "\(outcome.message)")
        #expect(outcome.finalStatus == "CREATE_COMPLETE")
        #expect(outcome.exitStatus == 0)
        #expect(h.cloudFormation.status == "CREATE_COMPLETE")
        #expect(h.cloudFormation.stackId != oldStackId)
        // Delete first (and only once it is gone) create: the change set is a CREATE one.
        let actions = h.cloudFormation.actions
        let delete = try #require(actions.firstIndex(of: "DeleteStack"))
        let create = try #require(actions.firstIndex(of: "CreateChangeSet"))
        #expect(delete < create)
        #expect(!actions.contains("CancelUpdateStack"))
        #expect(h.seen.contains { if case .changeSetCreating(_, "CREATE") = $0 { true } else { false } })

        // Explained, asked, then the delete and the create shown in that order; the failed first create's events
        // (another operation) are not taken for this one's.
        let seen = h.seen
        let explainedAt = seen.firstIndex { event -> Bool in
            guard case .stackNeedsRecreation(let status, let reason) = event else { return false }
            return status == "ROLLBACK_COMPLETE" && reason.contains("first create failed")
        }
        let askedAt = seen.firstIndex { event -> Bool in
            guard case .awaitingConfirmation(.recreateStack(_, let status)) = event else { return false }
            return status == "ROLLBACK_COMPLETE"
        }
        let explained = try #require(explainedAt)
        let asked = try #require(askedAt)
        #expect(explained < asked)
        let shown = h.shownStatuses
        let deleted = try #require(shown.firstIndex(of: "shop-dev DELETE_COMPLETE"))
        let created = try #require(shown.firstIndex(of: "shop-dev CREATE_COMPLETE"))
        #expect(deleted < created)
        #expect(!shown.contains("JobsQueue CREATE_FAILED"))
        #expect(!shown.contains("shop-dev ROLLBACK_COMPLETE"))
        #expect(outcome.rootCause == nil)

        let detail = try #require(try h.cache.session(session))
        #expect(detail.summary.outcome == .succeeded)
        #expect(detail.summary.finalStatus == "CREATE_COMPLETE")
        let recorded = detail.events.map { "\($0.event.logicalResourceId) \($0.event.resourceStatus)" }
        #expect(recorded.contains("shop-dev DELETE_COMPLETE"))
        #expect(recorded.contains("shop-dev CREATE_COMPLETE"))
        #expect(!recorded.contains("JobsQueue CREATE_FAILED"))
        #expect(detail.functions.map(\.status) == [.deployed])
    }

    @Test("cancel while a first create runs deletes the stack (not CancelUpdateStack), tails the delete and ends cancelled")
    func cancelWhileCreating() async throws {
        let h = try Harness(holding: true)
        let control = DeployControl(autoConfirm: true)
        let (outcome, session) = try await h.deploy(control: control) { event in
            if Self.isFirstCreateEvent(event, "CREATE_IN_PROGRESS") { control.cancel() }
        }
        #expect(outcome.status == .cancelled, "\(outcome.message)")
        #expect(outcome.exitStatus == 1)
        #expect(outcome.finalStatus == "DELETE_COMPLETE")
        #expect(outcome.message.contains("DELETE_COMPLETE"))
        let actions = h.cloudFormation.actions
        #expect(actions.contains("DeleteStack"))
        #expect(!actions.contains("CancelUpdateStack"))
        #expect(h.seen.contains { if case .cancelling("DeleteStack") = $0 { true } else { false } })
        #expect(h.shownStatuses.contains("shop-dev DELETE_COMPLETE"))
        #expect(h.cloudFormation.status == nil)

        let detail = try #require(try h.cache.session(session))
        #expect(detail.summary.outcome == .cancelled)
        #expect(detail.summary.finalStatus == "DELETE_COMPLETE")
        #expect(detail.events.contains { $0.event.resourceStatus == "DELETE_COMPLETE" && $0.event.isStackEvent })
        #expect(!detail.functions.contains { $0.status == .deployed })
        #expect(!DeployLock.isHeld(h.stack, directory: h.cache.lockDirectory))
    }

    @Test("cancel during an update sends CancelUpdateStack, follows the rollback to UPDATE_ROLLBACK_COMPLETE and ends cancelled")
    func cancelDuringUpdate() async throws {
        let created: [ScriptedCloudFormation.Step] = [
            .init(logicalId: "shop-dev", type: "AWS::CloudFormation::Stack", status: "CREATE_IN_PROGRESS", reason: "User Initiated"),
            .init(logicalId: "shop-dev", type: "AWS::CloudFormation::Stack", status: "CREATE_COMPLETE"),
        ]
        let h = try Harness(status: "CREATE_COMPLETE", history: created, holding: true)
        let control = DeployControl(autoConfirm: true)
        let (outcome, session) = try await h.deploy(control: control) { event in
            if Self.isFirstCreateEvent(event, "UPDATE_IN_PROGRESS") { control.cancel() }
        }
        #expect(outcome.status == .cancelled, "\(outcome.message)")
        #expect(outcome.finalStatus == "UPDATE_ROLLBACK_COMPLETE")
        #expect(outcome.rootCause == nil)
        let actions = h.cloudFormation.actions
        #expect(actions.contains("CancelUpdateStack"))
        #expect(!actions.contains("DeleteStack"))
        #expect(h.seen.contains { if case .changeSetCreating(_, "UPDATE") = $0 { true } else { false } })
        #expect(h.seen.contains { if case .cancelling("CancelUpdateStack") = $0 { true } else { false } })
        #expect(h.cloudFormation.status == "UPDATE_ROLLBACK_COMPLETE")

        let detail = try #require(try h.cache.session(session))
        #expect(detail.summary.outcome == .cancelled)
        #expect(detail.summary.finalStatus == "UPDATE_ROLLBACK_COMPLETE")
        #expect(!detail.functions.contains { $0.status == .deployed })
    }

    @Test("detach during the tail ends detached with the lock released; a later re-attach tails the operation to its end")
    func detachThenReattach() async throws {
        let h = try Harness(holding: true)
        let control = DeployControl(autoConfirm: true)
        let (outcome, session) = try await h.deploy(control: control) { event in
            if Self.isFirstCreateEvent(event, "CREATE_IN_PROGRESS") { control.detach() }
        }
        #expect(outcome.status == .detached)
        #expect(outcome.exitStatus == 0)
        #expect(outcome.message.contains("events shop-dev --follow"))
        #expect(!h.cloudFormation.actions.contains("DeleteStack"))
        #expect(!h.cloudFormation.actions.contains("CancelUpdateStack"))
        #expect(h.cloudFormation.status == "CREATE_IN_PROGRESS")
        let detached = try #require(try h.cache.session(session))
        #expect(detached.summary.outcome == .detached)
        #expect(!detached.functions.contains { $0.status == .deployed })
        #expect(!DeployLock.isHeld(h.stack, directory: h.cache.lockDirectory))
        let before = detached.events.count

        // Later: the session is picked up again, the operation goes on meanwhile and ends.
        let again = try #require(try h.cache.reattachableSession(session))
        #expect(again.clientRequestToken != nil)
        let resumed = try DeploySession.resume(again, cache: h.cache)
        let found = Locked(false)
        let cloudFormation = h.cloudFormation
        let reattached = try await h.deployer.reattach(again, control: DeployControl()) { event in
            if case .interruptedSessionFound(_, reattaching: true) = event {
                found.withLock { $0 = true }
                cloudFormation.release()
            }
        }
        let result = try #require(reattached)
        withExtendedLifetime(resumed) {}
        #expect(found.withLock { $0 })
        #expect(result.finalStatus == "CREATE_COMPLETE")
        let finished = try #require(try h.cache.session(session))
        #expect(finished.summary.outcome == .succeeded)
        #expect(finished.summary.finalStatus == "CREATE_COMPLETE")
        #expect(finished.summary.message?.contains("Re-attached") == true)
        #expect(finished.events.count > before)
        #expect(Set(finished.events.map(\.event.eventId)).count == finished.events.count)
        #expect(finished.functions.map(\.status) == [.deployed])
        // Finished sessions are not offered again.
        #expect(try h.cache.reattachableSession(session) == nil)
    }
}
