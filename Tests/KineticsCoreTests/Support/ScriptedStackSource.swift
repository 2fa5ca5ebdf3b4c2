import Foundation
import KineticsCore
import Synchronization

/// Replays a recorded operation against a virtual clock: each `DescribeStackEvents` call sees the events whose
/// timestamps have passed, newest first, paged like the service (the token names the last event returned),
/// takes the fixture's latency, and fails when the script says so.
final class ScriptedStackSource: StackEventSource, StackStatusSource {
    struct Call: Hashable {
        var stackName: String
        var nextToken: String?
        var at: Date
    }

    private struct Stack {
        var id: String
        var name: String
        var events: [StackEvent]
    }

    private let stacks: [Stack]
    private let clock: VirtualClock
    private let pageSize: Int
    private let latency: TimeInterval
    private let failures: [Int: EventFixture.Failure]
    private let summary: StackSummary?
    private let log = Mutex<[Call]>([])
    private let describeCount = Mutex(0)

    init(fixture: EventFixture, clock: VirtualClock, pageSize: Int? = nil) {
        self.stacks = fixture.stacks.map { Stack(id: $0.StackId, name: $0.StackName, events: fixture.events(of: $0)) }
        self.clock = clock
        self.pageSize = pageSize ?? fixture.pageSize
        self.latency = TimeInterval(fixture.latencyMilliseconds) / 1000
        self.failures = Dictionary(uniqueKeysWithValues: fixture.failures.map { ($0.call, $0) })
        self.summary = fixture.summary
    }

    var calls: [Call] { log.withLock { $0 } }
    var describeCalls: Int { describeCount.withLock { $0 } }

    func describeStackEvents(stackName: String, nextToken: String?) async throws -> StackEventsPage {
        let number = log.withLock {
            $0.append(Call(stackName: stackName, nextToken: nextToken, at: clock.now()))
            return $0.count
        }
        let now = clock.now()
        clock.advance(by: latency)
        if let failure = failures[number] {
            throw StackEventSourceError(Self.kind(failure.code), message: failure.message)
        }
        guard let stack = stacks.first(where: { $0.id == stackName || $0.name == stackName }) else {
            throw StackEventSourceError(.stackNotFound, message: "Stack [\(stackName)] does not exist")
        }
        let visible = stack.events.filter { $0.timestamp <= now }
        var start = 0
        if let nextToken {
            guard let after = visible.firstIndex(where: { "page-after:" + $0.eventId == nextToken }) else {
                throw StackEventSourceError(.fatal, message: "Invalid NextToken \(nextToken)")
            }
            start = after + 1
        }
        let end = min(visible.count, start + pageSize)
        let page = Array(visible[start..<end])
        let token = end < visible.count ? page.last.map { "page-after:" + $0.eventId } : nil
        return StackEventsPage(events: page, nextToken: token)
    }

    func describeStack(stackName: String) async throws -> StackSummary? {
        describeCount.withLock { $0 += 1 }
        clock.advance(by: latency)
        return summary
    }

    private static func kind(_ code: String) -> StackEventSourceErrorKind {
        switch code {
        case "Throttling": .throttled
        case "Transient": .transient
        case "NotFound": .stackNotFound
        default: .fatal
        }
    }
}
