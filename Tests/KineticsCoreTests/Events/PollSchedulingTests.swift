import Foundation
import Testing
@testable import KineticsCore

@Suite("When the event engine polls")
struct PollSchedulingTests {
    @Test("backs off exponentially with equal jitter, capped", arguments: [
        (1, 0.0, 0.5), (1, 0.5, 0.75), (1, 0.999, 0.9995), (2, 0.5, 1.5), (3, 0.5, 3.0), (5, 0.0, 8.0), (6, 1.0, 30.0),
        (40, 0.5, 22.5), (0, 0.5, 0.75), (2, -3, 1.0), (2, 7, 2.0),
    ])
    func backoff(attempt: Int, jitter: Double, expected: TimeInterval) {
        #expect(abs(PollPolicy.default.backoff(attempt: attempt, jitter: jitter) - expected) < 1e-9)
    }

    @Test("waits one second after new events and for three quiet polls, then longer: up to 5 s in an operation, 15 s idle")
    func quietGrowth() {
        let policy = PollPolicy.default
        #expect(policy.interval(quietPolls: 0, operationRunning: true) == 1)
        #expect(policy.interval(quietPolls: 3, operationRunning: true) == 1)
        #expect(policy.interval(quietPolls: 4, operationRunning: true) == 1.5)
        #expect(policy.interval(quietPolls: 5, operationRunning: true) == 2.25)
        #expect(policy.interval(quietPolls: 7, operationRunning: true) == 5)
        #expect(policy.interval(quietPolls: 400, operationRunning: true) == 5)
        #expect(policy.interval(quietPolls: 400, operationRunning: false) == 15)
    }

    @Test("one call at a time, and never more than 60 calls in any minute even with nested stacks to read")
    func callBudget() throws {
        var root = EventMaker()
        var events = [root.root(0, "CREATE_IN_PROGRESS", "User Initiated")]
        var children: [EventMaker] = []
        for n in 0..<3 {
            let arn = "arn:aws:cloudformation:eu-west-1:123456789012:stack/shop-dev-N\(n)/\(n)"
            events.append(root.resource(0.5, "N\(n)", "CREATE_IN_PROGRESS", type: "AWS::CloudFormation::Stack", physical: arn))
            children.append(EventMaker(stackName: "shop-dev-N\(n)", stackId: arn))
        }
        // Ten minutes of steady activity: every child gains an event every second.
        for second in 1...600 {
            for n in children.indices {
                events.append(children[n].resource(TimeInterval(second), "R\(second)", "CREATE_IN_PROGRESS", type: "AWS::SQS::Queue"))
            }
        }
        var timeline = Timeline()
        timeline.events = events
        var harness = EngineHarness(.init(stackName: "shop-dev", scope: .latestOperation), start: root.at(0.6))
        harness.latency = 0.05
        harness.run(until: { $0.now > root.at(615) }) { request, now in
            timeline.page(stack: request.stackName, token: request.nextToken, at: now)
        }
        let times = harness.requests.map(\.at)
        var worst = 0
        var start = 0
        for end in times.indices {
            while times[end].timeIntervalSince(times[start]) >= 60 { start += 1 }
            worst = max(worst, end - start + 1)
        }
        #expect(worst <= 60)
        #expect(worst >= 55)
        #expect(harness.events.count == 4 + 3 * 600)
        #expect(Set(harness.events.map(\.id)).count == harness.events.count)
    }

    @Test("on throttling it retries the same call after a jittered backoff, slows down for a while, and recovers")
    func throttling() {
        var m = EventMaker()
        var timeline = Timeline()
        timeline.events = [m.root(0, "UPDATE_IN_PROGRESS", "User Initiated")]
        for second in 1...30 { timeline.events.append(m.resource(TimeInterval(second), "Fn\(second)", "UPDATE_IN_PROGRESS")) }
        timeline.events.append(m.root(31, "UPDATE_COMPLETE"))
        var harness = EngineHarness(.init(stackName: "shop-dev", scope: .latestOperation), start: m.at(0.5))
        harness.latency = 0
        var call = 0
        harness.run { request, now in
            call += 1
            if (3...5).contains(call) { return .failure(.throttled, "Rate exceeded") }
            return timeline.page(stack: request.stackName, token: request.nextToken, at: now)
        }
        let throttles = harness.updates.compactMap { update -> (Int, TimeInterval)? in
            if case .throttled(let attempt, let delay) = update { return (attempt, delay.seconds) }
            return nil
        }
        #expect(throttles.map(\.0) == [1, 2, 3])
        #expect(throttles.map(\.1) == [0.75, 1.5, 3.0])
        // The retried call is the one that was throttled.
        #expect(harness.requests[2].request == harness.requests[3].request)
        // After recovering, the interval is doubled once and then halves back to one second.
        let afterRecovery = harness.sleeps.drop { $0 != 3.0 }.dropFirst()
        #expect(afterRecovery.first.map { $0 > 1.5 } == true)
        #expect(afterRecovery.contains(1))
        #expect(harness.result?.outcome == .succeeded)
        #expect(harness.events.count == 32)
    }

    @Test("gives up after too many transient failures in a row, but not after fewer")
    func transientFailures() {
        var m = EventMaker()
        var timeline = Timeline()
        timeline.events = [m.root(0, "UPDATE_IN_PROGRESS", "User Initiated"), m.root(60, "UPDATE_COMPLETE")]
        for failures in [5, 6] {
            var harness = EngineHarness(.init(stackName: "shop-dev", scope: .latestOperation), start: m.at(1))
            var call = 0
            harness.run { request, now in
                call += 1
                if (2...(1 + failures)).contains(call) { return .failure(.transient, "Connection reset by peer\u{1B}[2J") }
                return timeline.page(stack: request.stackName, token: request.nextToken, at: now)
            }
            if failures == 5 {
                #expect(harness.result?.outcome == .succeeded)
                let messages = harness.updates.compactMap { update -> String? in
                    if case .retrying(_, _, let message) = update { return message }
                    return nil
                }
                #expect(messages.count == 5)
                #expect(messages.allSatisfy { $0 == "Connection reset by peer" })
            } else {
                #expect(harness.error?.code == .tooManyFailures)
            }
        }
    }

    @Test("stops at once on an error retrying will not fix")
    func fatal() {
        var harness = EngineHarness(.init(stackName: "shop-dev", scope: .latestOperation), start: Date(timeIntervalSince1970: 0))
        harness.run { _, _ in .failure(.fatal, "AccessDenied: User is not authorized to perform cloudformation:DescribeStackEvents") }
        #expect(harness.error?.code == .sourceFailed)
        #expect(harness.error?.description.contains("not authorized") == true)
        #expect(harness.requests.count == 1)
    }
}
