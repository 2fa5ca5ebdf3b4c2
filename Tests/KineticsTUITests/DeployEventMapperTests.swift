import Foundation
import KineticsCore
import Testing

@testable import KineticsTUI

/// The pipeline's events as the deploy screen sees them: a scripted stream through the mapper into ``AppUpdate``.
@Suite("DeployEvent → the deploy screen")
struct DeployEventMapperTests {
    static let now = Date(timeIntervalSince1970: 1_764_600_000)
    static let stack = StackIdentity(name: "shop-dev", region: "us-east-1")
    static let arn = "arn:aws:cloudformation:us-east-1:123456789012:stack/shop-dev/1"

    static func artifact(_ name: String, size: Int64 = 2_000_000) -> PackagedArtifact {
        PackagedArtifact(functionName: name, zipPath: "/tmp/\(name).zip", size: size, sha256: String(repeating: "ab", count: 32), bootstrapSize: size * 2)
    }

    static func event(_ logical: String, _ status: String, _ seconds: Double, reason: String? = nil) -> TrackedStackEvent {
        TrackedStackEvent(
            event: StackEvent(eventId: "\(logical)-\(status)", stackId: arn, stackName: "shop-dev", logicalResourceId: logical,
                              physicalResourceId: nil, resourceType: logical == "shop-dev" ? "AWS::CloudFormation::Stack" : "AWS::DynamoDB::Table",
                              timestamp: now.addingTimeInterval(seconds), resourceStatus: status, resourceStatusReason: reason, clientRequestToken: "t"),
            stackPath: [], isRootStackEvent: logical == "shop-dev")
    }

    /// Maps every event and applies the updates to a console on the Deploy screen.
    static func play(_ events: [DeployEvent], kind: DeployKind = .deploy) -> (Script, [DeployUpdate]) {
        var script = Script.project()
        script.press(kind == .deploy ? .char("d") : .char("D"))
        if kind == .destroy { script.press(.char("y")) }
        var mapper = DeployEventMapper(kind: kind)
        var all: [DeployUpdate] = []
        for event in events {
            let updates = mapper.map(event, now: now)
            all += updates
            for update in updates { script.send(.deploy(update)) }
        }
        return (script, all)
    }

    @Test("build, package and upload move each function's row: unchanged, building n%, uploading bytes at a rate, done")
    func functionStages() {
        let (script, updates) = Self.play([
            .sessionStarted(DeploySessionInfo(sessionId: 1, stack: Self.stack, env: "dev", kind: .deploy)),
            .discovered(projectName: "shop", functions: ["OrdersCreate", "ProductsGet"]),
            .artifact(.functionUnchanged(Self.artifact("ProductsGet"), inputHash: "h")),
            .artifact(.functionQueued("OrdersCreate", reason: .inputsChanged, inputHash: "h2")),
            .artifact(.cargoStarted(command: "cargo build", functions: ["OrdersCreate"], plannedUnits: 10)),
            .artifact(.unitCompiled(UnitProgress(crate: "shop", target: "shop", fresh: false, compiled: 5, planned: 10))),
        ])
        #expect(updates.first == .started(stackName: "shop-dev", kind: .deploy, functions: ["OrdersCreate", "ProductsGet"], at: Self.now))
        let rows = Dictionary(script.state.deploy.functions.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(rows["ProductsGet"]?.stage == .skippedUnchanged)
        #expect(rows["ProductsGet"]?.artifactHash == String(repeating: "ab", count: 32))
        #expect(rows["OrdersCreate"]?.stage == .building(fraction: 0.5))

        var mapper = DeployEventMapper(kind: .deploy)
        _ = mapper.map(.artifact(.packaged(Self.artifact("OrdersCreate"), seconds: 0.2)), now: Self.now)
        let sending = mapper.map(.upload(.bytesSent(UploadProgress(
            function: "OrdersCreate", bytesSent: 500_000, totalBytes: 2_000_000, bytesPerSecond: 1_000_000, partsDone: 1, partsTotal: 4))), now: Self.now)
        #expect(sending == [.function(FunctionProgressRow(
            name: "OrdersCreate", stage: .uploading(sent: 500_000, total: 2_000_000, bytesPerSecond: 1_000_000),
            artifactHash: String(repeating: "ab", count: 32), artifactBytes: 2_000_000))])
        // The same progress twice is one update.
        #expect(mapper.map(.artifact(.unitCompiled(UnitProgress(crate: "a", target: "a", fresh: true, compiled: 1, planned: nil))), now: Self.now).isEmpty)
        let uploaded = mapper.map(.upload(.uploaded(Self.artifact("OrdersCreate"), UploadResult(
            bucket: "b", key: "k", etag: "e", seconds: 1, bytesPerSecond: 2e6, bytesSent: 2_000_000, uploadId: nil, partsSent: 1, partsReused: 0))), now: Self.now)
        #expect(uploaded.count == 1)
        if case .function(let row) = uploaded.first { #expect(row.stage == .done) }
    }

    @Test("the change set waits for y; executing, events and progress fill the table; outputs come with the result")
    func changeSetAndEvents() throws {
        let diff = ChangeSetDiff(stackName: "shop-dev", changeSetId: "cs", changeSetName: "kinetics-1", changeSetType: "UPDATE", entries: [
            .init(action: .modify, logicalResourceId: "OrdersTable", resourceType: "AWS::DynamoDB::Table", replacement: .always),
            .init(action: .add, logicalResourceId: "Nested", resourceType: "AWS::CloudFormation::Stack", nested: [
                ChangeSetDiff(stackName: "n", changeSetId: "n", changeSetName: "n", changeSetType: "UPDATE", entries: [
                    .init(action: .remove, logicalResourceId: "OldQueue", resourceType: "AWS::SQS::Queue"),
                ]),
            ]),
        ])
        var (script, _) = Self.play([
            .sessionStarted(DeploySessionInfo(sessionId: 1, stack: Self.stack, env: "dev", kind: .deploy)),
            .discovered(projectName: "shop", functions: []),
            .changeSetReady(diff),
            .awaitingConfirmation(.changeSet(diff)),
        ])
        #expect(script.state.deploy.phase == .awaitingConfirmation)
        #expect(script.state.deploy.changeSet == [
            ChangeRow(action: .modify, logicalId: "OrdersTable", resourceType: "AWS::DynamoDB::Table", replacement: .yes),
            ChangeRow(action: .add, logicalId: "Nested", resourceType: "AWS::CloudFormation::Stack"),
            ChangeRow(action: .remove, logicalId: "Nested/OldQueue", resourceType: "AWS::SQS::Queue"),
        ])
        #expect(script.press(.char("y")) == [.executeChangeSet])

        var mapper = DeployEventMapper(kind: .deploy)
        let events = [Self.event("shop-dev", "UPDATE_IN_PROGRESS", 0), Self.event("OrdersTable", "UPDATE_COMPLETE", 5)]
        for update in mapper.map(.executing(changeSetId: "cs", clientRequestToken: "t", changeCount: 2), now: Self.now)
            + mapper.map(.stackEvent(.events(events)), now: Self.now)
            + mapper.map(.stackEvent(.progress(StackProgress(completed: 2, total: 2))), now: Self.now)
            + mapper.map(.outputs([StackOutput(key: "OrdersCreateUrl", value: "https://x.example/orders")]), now: Self.now)
            + mapper.map(.finished(DeployOutcome(status: .succeeded, stackName: "shop-dev", message: "shop-dev is UPDATE_COMPLETE.")), now: Self.now) {
            script.send(.deploy(update))
        }
        #expect(script.state.deploy.events.count == 2)
        #expect(script.state.deploy.resourcesDone == 2)
        #expect(script.state.deploy.phase == .succeeded)
        #expect(script.state.deploy.outputs == [OutputRow(key: "OrdersCreateUrl", value: "https://x.example/orders")])
        let screen = RootView.render(script.state, context: RenderContext()).text()
        #expect(screen.contains("Outputs") && screen.contains("https://x.example/orders"))
    }

    @Test("a scripted *_FAILED event: the root cause is pinned above the events, once, and the deploy ends failed")
    func rootCause() {
        let failure = Self.event("OrdersTable", "UPDATE_FAILED", 4, reason: "Table orders already exists\u{1B}[2J")
        let cause = RootCause(
            logicalResourceId: "OrdersTable", resourceType: "AWS::DynamoDB::Table", stackName: "shop-dev", stackId: Self.arn,
            status: "UPDATE_FAILED", reason: failure.event.resourceStatusReason ?? "", timestamp: failure.event.timestamp, eventId: failure.event.eventId)
        let (script, updates) = Self.play([
            .sessionStarted(DeploySessionInfo(sessionId: 1, stack: Self.stack, env: "dev", kind: .deploy)),
            .discovered(projectName: "shop", functions: []),
            .executing(changeSetId: "cs", clientRequestToken: "t", changeCount: 1),
            .stackEvent(.events([Self.event("shop-dev", "UPDATE_IN_PROGRESS", 0), failure])),
            .stackEvent(.rootCause(cause)),
            .stackEvent(.events([Self.event("shop-dev", "UPDATE_ROLLBACK_COMPLETE", 30)])),
            .finished(DeployOutcome(status: .rolledBack, stackName: "shop-dev", message: "shop-dev rolled back.", rootCause: cause)),
        ])
        #expect(updates.filter { if case .rootCause = $0 { true } else { false } }.count == 1)
        #expect(script.state.deploy.phase == .failed)
        let screen = RootView.render(script.state, context: RenderContext()).text()
        let lines = screen.split(separator: "\n").map(String.init)
        let pinned = lines.firstIndex { $0.contains("Root cause") }
        let table = lines.firstIndex { $0.contains("Events ") }
        #expect(pinned != nil && table != nil && pinned! < table!)
        #expect(screen.contains("Table orders already exists"))
        #expect(!screen.contains("\u{1B}"))
    }

    @Test("destroy: started at once with no functions; a build error fails its function; a thrown error ends the deploy")
    func destroyAndErrors() {
        var mapper = DeployEventMapper(kind: .destroy)
        #expect(mapper.map(.sessionStarted(DeploySessionInfo(sessionId: 2, stack: Self.stack, env: "dev", kind: .destroy)), now: Self.now)
            == [.started(stackName: "shop-dev", kind: .destroy, functions: [], at: Self.now)])
        #expect(mapper.map(.awaitingConfirmation(.deleteStack(stackName: "shop-dev")), now: Self.now).isEmpty)

        var build = DeployEventMapper(kind: .deploy)
        _ = build.map(.artifact(.functionQueued("OrdersCreate", reason: .inputsChanged, inputHash: "h")), now: Self.now)
        let failed = build.map(.artifact(.functionFailed("OrdersCreate", diagnostics: [
            Diagnostic.error("build-failed", "error[E0425]: cannot find value `x`"),
        ])), now: Self.now)
        #expect(failed == [.function(FunctionProgressRow(name: "OrdersCreate", stage: .failed("error[E0425]: cannot find value `x`")))])

        var thrown = DeployEventMapper(kind: .deploy)
        _ = thrown.map(.artifact(.functionQueued("ProductsGet", reason: .inputsChanged, inputHash: "h")), now: Self.now)
        let end = thrown.failed(DeployError(.locked, "shop-dev is being deployed by pid 42 on host"), now: Self.now)
        #expect(end.count == 2)
        if case .finished(let result) = end.last {
            #expect(result.outcome == .failed && result.message?.contains("pid 42") == true)
        } else {
            Issue.record("no finished update")
        }
        #expect(DeployEventMapper.outcome(.declined) == .cancelled && DeployEventMapper.outcome(.skipped) == .noChanges
            && DeployEventMapper.outcome(.rolledBack) == .failed)
    }
}
