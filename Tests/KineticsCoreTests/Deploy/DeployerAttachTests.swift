import Foundation
import Testing
@testable import KineticsCore

/// `Deployer.attach` on moto for operations that are over: one whose events cannot be told apart (moto puts no
/// ClientRequestToken on events, and they are older than the session), and stacks that are gone.
@Suite("Deployer.attach: operations already over", .serialized)
struct DeployerAttachTests {
    static func session(_ cache: LocalCache, stack: StackIdentity, kind: StackOperationKind = .deploy) throws -> InterruptedSession {
        let session = try DeploySession.begin(
            SessionStart(projectPath: "/tmp/attach-project", projectName: "shop", stack: stack, env: "dev", kind: kind), cache: cache)
        try cache.recordChangeSet(session: session.id, id: nil, size: 1, clientRequestToken: "token-\(session.id)")
        try session.restore(.detached, message: "detached")
        return try #require(try cache.reattachableSession(session.id))
    }

    @Test("events that cannot be told apart: after readBackLimit the stack's status is the result, with its outputs")
    func statusWhenEventsCannotBeFound() async throws {
        let moto = try await AuthenticatedMoto.get()
        let directory = try TemporaryDirectory("attach-readback")
        let cache = try LocalCache.open(path: directory.file("cache.sqlite")).cache
        let name = "attach-over-\(UUID().uuidString.prefix(6).lowercased())"
        let cloudFormation = CloudFormationClient(client: moto.client())
        do {
            _ = try await cloudFormation.createStack(.init(
                stackName: name,
                template: .body(#"{"Resources":{"Jobs":{"Type":"AWS::SQS::Queue"}},"Outputs":{"Queue":{"Value":{"Ref":"Jobs"}}}}"#)))
        } catch let error as AWSError where error.serviceCode == "AlreadyExistsException" {
            // A first attempt that timed out on a busy machine created it.
        }
        // The session starts after the stack's events: none of them is in its scope.
        try await Task.sleep(for: .seconds(1.5))
        let endpoint = moto.client().configuration.endpoint(for: .cloudFormation)
        let session = try Self.session(cache, stack: StackIdentity(name: name, region: moto.server.region, endpoint: endpoint.url))
        var deployer = Deployer(client: moto.client(), cache: cache)
        deployer.readBackLimit = .seconds(1)
        let events = Locked<[DeployEvent]>([])
        let started = ContinuousClock.now
        let outcome = try await deployer.attach(session, control: DeployControl()) { event in events.withLock { $0.append(event) } }
        // It ends: the tail alone would wait for ever for an event in scope.
        #expect(ContinuousClock.now - started < .seconds(180))
        #expect(outcome.status == .succeeded, "\(outcome.message)")
        #expect(outcome.finalStatus == "CREATE_COMPLETE")
        #expect(outcome.outputs.map(\.key) == ["Queue"])
        let seen = events.withLock { $0 }
        #expect(seen.contains { if case .interruptedSessionFound(_, reattaching: false) = $0 { true } else { false } })
        #expect(seen.contains { if case .stackEvent(.operationFinished(let r)) = $0 { r.finalStatus == "CREATE_COMPLETE" } else { false } })
        try await cloudFormation.deleteStack(name: name)
    }

    @Test("a stack that no longer exists: a deploy's session failed, a destroy's succeeded")
    func stackGone() async throws {
        let moto = try await AuthenticatedMoto.get()
        let directory = try TemporaryDirectory("attach-gone")
        let cache = try LocalCache.open(path: directory.file("cache.sqlite")).cache
        let endpoint = moto.client().configuration.endpoint(for: .cloudFormation).url
        let deployer = Deployer(client: moto.client(), cache: cache)
        let stack = StackIdentity(name: "never-\(UUID().uuidString.prefix(6).lowercased())", region: moto.server.region, endpoint: endpoint)
        let deploy = try await deployer.attach(try Self.session(cache, stack: stack), control: DeployControl()) { _ in }
        #expect(deploy.status == .failed)
        #expect(deploy.message.contains("no longer exists"))
        let destroy = try await deployer.attach(try Self.session(cache, stack: stack, kind: .destroy), control: DeployControl()) { _ in }
        #expect(destroy.status == .succeeded)
        #expect(destroy.message == "\(stack.name) is deleted.")
    }
}
