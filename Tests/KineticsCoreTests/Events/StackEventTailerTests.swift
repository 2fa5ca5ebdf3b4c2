import Foundation
import KineticsCore
import Synchronization
import Testing

@Suite("Tailing recorded CloudFormation operations")
struct StackEventTailerTests {
    struct Run {
        var updates: [StackEventUpdate] = []
        var error: (any Error)?
        var source: ScriptedStackSource
        var clock: VirtualClock

        var events: [TrackedStackEvent] {
            updates.flatMap { update -> [TrackedStackEvent] in
                if case .events(let batch) = update { return batch }
                return []
            }
        }

        var result: StackOperationResult? {
            updates.lazy.compactMap { update -> StackOperationResult? in
                if case .operationFinished(let r) = update { return r }
                return nil
            }.last
        }

        var rootCauses: [RootCause] {
            updates.compactMap { update in
                if case .rootCause(let cause) = update { return cause }
                return nil
            }
        }

        var progress: [StackProgress] {
            updates.compactMap { update in
                if case .progress(let p) = update { return p }
                return nil
            }
        }
    }

    func tail(_ name: String, scope: ((EventFixture) -> OperationScope)? = nil) async throws -> Run {
        let fixture = try EventFixture.load(name)
        let clock = VirtualClock(start: fixture.start)
        let source = ScriptedStackSource(fixture: fixture, clock: clock)
        let tailer = StackEventTailer(events: source, stacks: source, clock: clock, jitter: { 0.5 })
        let operationScope = scope?(fixture)
            ?? .clientRequestToken(try #require(fixture.clientRequestToken), notBefore: fixture.changeSetTime)
        let configuration = StackEventEngine.Configuration(
            stackName: fixture.stackName, scope: operationScope, changeSetSize: fixture.changeSetSize
        )
        var run = Run(source: source, clock: clock)
        do {
            for try await update in tailer.updates(for: configuration) { run.updates.append(update) }
        } catch {
            run.error = error
        }
        return run
    }

    /// The events a perfect tail would emit: the operation's events (those carrying the token), each once.
    func expectedEventIds(_ name: String) throws -> Set<String> {
        let fixture = try EventFixture.load(name)
        return Set(fixture.allEvents.filter { $0.clientRequestToken == fixture.clientRequestToken }.map { $0.stackId + "|" + $0.eventId })
    }

    func expectWellFormed(_ run: Run, _ name: String) throws {
        #expect(run.error == nil)
        let ids = run.events.map(\.id)
        #expect(ids.count == Set(ids).count, "an event was emitted twice")
        #expect(Set(ids) == (try expectedEventIds(name)))
        for update in run.updates {
            if case .events(let batch) = update {
                #expect(batch.map(\.event.timestamp) == batch.map(\.event.timestamp).sorted())
            }
        }
        // The budget: never more than 60 calls in any minute.
        let times = run.source.calls.map(\.at)
        for (i, t) in times.enumerated() {
            #expect(times[i...].prefix { $0.timeIntervalSince(t) < 60 }.count <= 60)
        }
    }

    @Test("a first create through a change set ends CREATE_COMPLETE with its outputs and full progress")
    func createSuccess() async throws {
        let run = try await tail("create-success")
        try expectWellFormed(run, "create-success")
        let result = try #require(run.result)
        #expect(result.outcome == .succeeded)
        #expect(result.succeeded)
        #expect(result.finalStatus == "CREATE_COMPLETE")
        #expect(result.rootCause == nil)
        #expect(!result.rolledBack)
        #expect(result.outputs.first { $0.key == "ApiUrl" }?.value.hasPrefix("https://") == true)
        #expect(result.progress == StackProgress(completed: 5, total: 5))
        #expect(abs((result.duration ?? 0) - 31.903) < 0.001)
        // REVIEW_IN_PROGRESS belongs to CreateChangeSet, not to this operation.
        #expect(!run.events.contains { $0.event.resourceStatus == "REVIEW_IN_PROGRESS" })
        #expect(run.events.contains { $0.event.detailedStatus == "CONFIGURATION_COMPLETE" && $0.isRootStackEvent })
        #expect(run.source.describeCalls == 1)
        // Progress only ever grows in a create that succeeds.
        #expect(run.progress.map(\.completed) == run.progress.map(\.completed).sorted())
    }

    @Test("an update whose new queue fails rolls back; the root cause is the queue, not the cancelled function")
    func updateFailureRollback() async throws {
        let run = try await tail("update-failure-rollback")
        try expectWellFormed(run, "update-failure-rollback")
        let result = try #require(run.result)
        #expect(result.finalStatus == "UPDATE_ROLLBACK_COMPLETE")
        #expect(result.outcome == .rolledBack)
        #expect(!result.succeeded)
        #expect(result.rolledBack)
        #expect(result.rollbackReason?.hasPrefix("The following resource(s) failed to create: [JobsQueue]") == true)
        let cause = try #require(result.rootCause)
        #expect(cause.logicalResourceId == "JobsQueue")
        #expect(cause.resourceType == "AWS::SQS::Queue")
        #expect(cause.status == "CREATE_FAILED")
        #expect(cause.reason.contains("HandlerErrorCode: InvalidRequest"))
        #expect(run.rootCauses.count == 1)
        #expect(run.updates.contains { if case .rollbackStarted = $0 { true } else { false } })
        // 1/3 after the role's update, back to 0/3 when the role is rolled back.
        #expect(run.progress.map(\.completed).max() == 1)
        #expect(run.progress.last == StackProgress(completed: 0, total: 3))
        // Older operations below it in the history are never read past.
        #expect(!run.events.contains { $0.event.timestamp < EventFixture.date("2025-03-14T11:00:00.000000+00:00") })
    }

    @Test("a failure inside a nested stack is found in the child and pinned as the root cause")
    func nestedFailure() async throws {
        let run = try await tail("nested-failure")
        try expectWellFormed(run, "nested-failure")
        let result = try #require(run.result)
        #expect(result.finalStatus == "ROLLBACK_COMPLETE")
        #expect(result.outcome == .rolledBack)
        let cause = try #require(result.rootCause)
        #expect(cause.logicalResourceId == "OrdersTable")
        #expect(cause.stackPath == ["DataStack"])
        #expect(cause.stackName == "shop-dev-DataStack-1B2C3D4E5F6G7")
        #expect(cause.reason.contains("already exists"))
        #expect(!cause.isStackLevel)
        #expect(cause.displayName == "DataStack/OrdersTable")
        let followed = run.updates.compactMap { update -> [String]? in
            if case .nestedStackFollowed(let path, _) = update { return path }
            return nil
        }
        #expect(Set(followed) == [["DataStack"], ["FunctionsStack"]])
        // The child's own first event predates the parent event that names the child, and is still read.
        #expect(run.events.contains { $0.stackPath == ["DataStack"] && $0.event.resourceStatusReason == "User Initiated" && $0.event.resourceStatus == "CREATE_IN_PROGRESS" })
        #expect(result.progress == StackProgress(completed: 0, total: 2))
    }

    @Test("re-attaching mid-operation pages back three pages to where it began, then reads one page per poll")
    func threePages() async throws {
        let run = try await tail("three-pages")
        try expectWellFormed(run, "three-pages")
        let calls = run.source.calls
        #expect(calls.prefix(3).map { $0.nextToken == nil } == [true, false, false])
        #expect(calls.dropFirst(3).allSatisfy { $0.nextToken == nil })
        let firstBatch = try #require(run.updates.lazy.compactMap { update -> [TrackedStackEvent]? in
            if case .events(let batch) = update { return batch }
            return nil
        }.first)
        #expect(firstBatch.count == 14)
        #expect(firstBatch.first?.event.resourceStatusReason == "User Initiated")
        let result = try #require(run.result)
        #expect(result.finalStatus == "UPDATE_COMPLETE")
        #expect(result.progress == StackProgress(completed: 7, total: 7))
        // Five quiet minutes of a CloudFront update cost a call every 5 s, not every second.
        let quiet = calls.filter {
            $0.at > EventFixture.date("2025-03-14T13:03:00.000000+00:00") && $0.at < EventFixture.date("2025-03-14T13:06:00.000000+00:00")
        }
        #expect(quiet.count <= 40)
        #expect(quiet.count >= 30)
    }

    @Test("throttling and a dropped connection slow the tail down but lose and repeat nothing")
    func throttling() async throws {
        let run = try await tail("throttling")
        try expectWellFormed(run, "throttling")
        let throttles = run.updates.compactMap { update -> (Int, Duration)? in
            if case .throttled(let attempt, let delay) = update { return (attempt, delay) }
            return nil
        }
        #expect(throttles.map(\.0) == [1, 2, 3])
        #expect(throttles.map(\.1) == [.seconds(0.75), .seconds(1.5), .seconds(3)])
        #expect(run.updates.contains(.retrying(attempt: 1, retryIn: .seconds(0.75), message: "Connection reset by peer")))
        #expect(run.result?.outcome == .succeeded)
        #expect(run.result?.progress == StackProgress(completed: 5, total: 5))
        let backoffs = run.clock.sleeps.filter { [.seconds(0.75), .seconds(1.5), .seconds(3)].contains($0) }
        #expect(backoffs.count >= 4)
    }

    @Test("a reason full of escape sequences is kept raw and shown clean")
    func escapeSequences() async throws {
        let run = try await tail("escape-reason")
        try expectWellFormed(run, "escape-reason")
        let cause = try #require(run.result?.rootCause)
        #expect(cause.logicalResourceId == "SeedData")
        #expect(cause.reason.contains("\u{1B}]0;"))
        #expect(cause.reason.contains("\u{9B}6n"))
        let shown = cause.displayReason
        #expect(!shown.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        #expect(!shown.contains("you have been owned"))
        #expect(shown.contains("Seed failed: connection refused"))
        #expect(shown.contains("at db.connect (/var/task/index.js:12:7)"))
        let failed = try #require(run.events.first { $0.event.resourceStatus == "CREATE_FAILED" })
        #expect(failed.displayReason == shown)
        let resource = ResourceProgress(
            logicalResourceId: "SeedData", resourceType: "Custom::SeedData", stackId: failed.event.stackId,
            status: "CREATE_FAILED", reason: failed.event.resourceStatusReason, phase: .failed
        )
        #expect(resource.displayReason == shown)
    }

    @Test("scoped by the change set's time alone, the same create gives the same events")
    func anchoredBySince() async throws {
        let run = try await tail("create-success") { .since($0.changeSetTime ?? $0.start) }
        try expectWellFormed(run, "create-success")
        #expect(run.result?.outcome == .succeeded)
    }

    @Test("dropping the stream cancels the tail: no call is made afterwards")
    func cancellation() async throws {
        let fixture = try EventFixture.load("create-success")
        let clock = VirtualClock(start: fixture.start.addingTimeInterval(3600))
        let source = ScriptedStackSource(fixture: fixture, clock: clock)
        let tailer = StackEventTailer(events: source, stacks: source, clock: clock, jitter: { 0.5 })
        let configuration = StackEventEngine.Configuration(stackName: "shop-dev", scope: .latestOperation, kind: .watch, follow: true)
        var finished = 0
        for try await update in tailer.updates(for: configuration) {
            if case .operationFinished = update {
                finished += 1
                break
            }
        }
        #expect(finished == 1)
        try await Task.sleep(for: .milliseconds(50))
        let callsAfterCancel = source.calls.count
        try await Task.sleep(for: .milliseconds(200))
        #expect(source.calls.count == callsAfterCancel)
    }

    @Test("cancelling the task that runs the tail ends it without an error")
    func taskCancellation() async throws {
        let fixture = try EventFixture.load("create-success")
        let clock = VirtualClock(start: fixture.start.addingTimeInterval(3600))
        let source = ScriptedStackSource(fixture: fixture, clock: clock)
        let tailer = StackEventTailer(events: source, stacks: source, clock: clock, jitter: { 0.5 })
        let configuration = StackEventEngine.Configuration(stackName: "shop-dev", scope: .latestOperation, kind: .watch, follow: true)
        let received = Mutex(0)
        let task = Task {
            for try await _ in tailer.updates(for: configuration) { received.withLock { $0 += 1 } }
        }
        for _ in 0..<500 where received.withLock({ $0 }) == 0 { try await Task.sleep(for: .milliseconds(10)) }
        #expect(received.withLock { $0 } > 0)
        task.cancel()
        try await task.value
        let callsAfterCancel = source.calls.count
        try await Task.sleep(for: .milliseconds(100))
        #expect(source.calls.count == callsAfterCancel)
    }
}
