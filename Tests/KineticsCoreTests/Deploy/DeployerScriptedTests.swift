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
}
