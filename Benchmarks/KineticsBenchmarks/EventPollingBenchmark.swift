import ArgumentParser
import Foundation
import KineticsCore
import Synchronization

/// `kinetics-bench event-polling`: drives the real tailer (and its real scheduling policy) against simulated
/// stacks on a virtual clock, and counts `DescribeStackEvents` calls per minute: during an active deploy with
/// nested stacks, during a long quiet stretch of one (a CloudFront update), and while following an idle stack.
struct EventPollingBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "event-polling",
        abstract: "DescribeStackEvents calls per minute while tailing active, quiet and idle stacks."
    )

    @Option(help: "Simulated latency of one DescribeStackEvents call, in milliseconds.")
    var latency = 150

    @Option(help: "Seed of the simulated deploy.")
    var seed: UInt64 = 1

    func run() async throws {
        let latency = Double(self.latency) / 1000
        let start = Date(timeIntervalSince1970: 1_741_946_400)

        let active = SimulatedStack.deploy(seed: seed, start: start)
        var report = try await tail(active, from: start, latency: latency, follow: false)
        print(report.describe("active deploy: \(active.resourceCount) resources incl. 2 nested stacks"))

        let quiet = SimulatedStack.quietUpdate(start: start)
        report = try await tail(quiet, from: start, latency: latency, follow: false)
        print(report.describe("quiet update: one resource taking 10 min"))

        let idle = SimulatedStack.quietUpdate(start: start)
        report = try await tail(idle, from: start.addingTimeInterval(3600), latency: latency, follow: true, for: 30 * 60)
        print(report.describe("idle stack, followed for 30 min"))
    }

    struct Report {
        var calls: [Date]
        var elapsed: TimeInterval
        var lags: [TimeInterval]
        var events: Int

        func describe(_ title: String) -> String {
            var worst = 0
            var first = 0
            for last in calls.indices {
                while calls[last].timeIntervalSince(calls[first]) >= 60 { first += 1 }
                worst = max(worst, last - first + 1)
            }
            let perMinute = Double(calls.count) / max(elapsed, 1) * 60
            let sorted = lags.sorted()
            let lag = sorted.isEmpty ? "" : String(
                format: "; event shown %.2f s after it happened on average, p95 %.2f s, max %.2f s",
                sorted.reduce(0, +) / Double(sorted.count), sorted[Int(Double(sorted.count - 1) * 0.95)], sorted.last ?? 0
            )
            return String(format: "%@: %d calls in %.1f min = %.1f calls/min, at most %d in any 60 s; %d events%@",
                          title, calls.count, elapsed / 60, perMinute, worst, events, lag)
        }
    }

    private func tail(_ stack: SimulatedStack, from start: Date, latency: TimeInterval, follow: Bool, for duration: TimeInterval? = nil) async throws -> Report {
        let clock = BenchClock(start: start)
        let source = SimulatedSource(stack: stack, clock: clock, latency: latency)
        let tailer = StackEventTailer(events: source, stacks: nil, clock: clock, jitter: { 0.5 })
        let configuration = StackEventEngine.Configuration(
            stackName: stack.rootName, scope: follow ? .latestOperation : .since(start), kind: .watch,
            changeSetSize: stack.resourceCount, follow: follow
        )
        let task = Task {
            var lags: [TimeInterval] = []
            var events = 0
            try await tailer.run(configuration) { update in
                if case .events(let batch) = update {
                    events += batch.count
                    let now = clock.now()
                    lags += batch.filter { $0.event.timestamp >= start }.map { now.timeIntervalSince($0.event.timestamp) }
                }
            }
            return (lags, events)
        }
        var lags: [TimeInterval] = []
        var events = 0
        if let duration {
            while clock.now() < start.addingTimeInterval(duration) { await Task.yield() }
            task.cancel()
        } else {
            (lags, events) = try await task.value
        }
        let calls = source.calls
        return Report(calls: calls, elapsed: (calls.last ?? start).timeIntervalSince(start), lags: lags, events: events)
    }
}

/// A virtual clock: sleeping moves time forward at once.
final class BenchClock: EventClock {
    private let time: Mutex<Date>

    init(start: Date) { time = Mutex(start) }

    func now() -> Date { time.withLock { $0 } }

    func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        advance(seconds)
        await Task.yield()
    }

    func advance(_ seconds: TimeInterval) { time.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

/// Stacks whose events appear over simulated time.
struct SimulatedStack: Sendable {
    var rootName: String
    /// Every stack's events (root first), newest first, by ARN.
    var events: [String: [StackEvent]]
    var names: [String: String]
    var resourceCount: Int

    /// A 60-resource update with two nested stacks of 20 resources each, over about ten minutes.
    static func deploy(seed: UInt64, start: Date) -> SimulatedStack {
        var random = SplitMix(seed: seed)
        func uniform(_ low: Double, _ high: Double) -> Double { low + Double(random.next() % 1_000_000) / 1_000_000 * (high - low) }
        let root = "shop-dev"
        let rootArn = arn(root)
        var all: [String: [StackEvent]] = [rootArn: []]
        var names = [rootArn: root]
        var counter = 0
        func event(_ stackArn: String, _ stackName: String, _ logical: String, _ type: String, _ status: String, _ at: Date, physical: String? = nil, reason: String? = nil) {
            counter += 1
            all[stackArn, default: []].append(StackEvent(
                eventId: "\(logical)-\(status)-\(counter)", stackId: stackArn, stackName: stackName, logicalResourceId: logical,
                physicalResourceId: physical, resourceType: type, timestamp: at, resourceStatus: status, resourceStatusReason: reason
            ))
        }
        func resources(_ stackArn: String, _ stackName: String, count: Int, from: Date, within: Double) -> Date {
            var end = from
            for n in 0..<count {
                let begin = from.addingTimeInterval(uniform(1, within))
                let length = n == 0 && stackName == root ? 480 : uniform(2, 90)
                event(stackArn, stackName, "Resource\(n)", "AWS::Lambda::Function", "UPDATE_IN_PROGRESS", begin, physical: "p\(n)")
                let done = begin.addingTimeInterval(length)
                event(stackArn, stackName, "Resource\(n)", "AWS::Lambda::Function", "UPDATE_COMPLETE", done, physical: "p\(n)")
                end = max(end, done)
            }
            return end
        }
        event(rootArn, root, root, "AWS::CloudFormation::Stack", "UPDATE_IN_PROGRESS", start.addingTimeInterval(0.5), physical: rootArn, reason: "User Initiated")
        var end = resources(rootArn, root, count: 60, from: start, within: 300)
        for child in ["DataStack", "FunctionsStack"] {
            let childName = "\(root)-\(child)-1A2B3C"
            let childArn = arn(childName)
            names[childArn] = childName
            let begin = start.addingTimeInterval(uniform(2, 60))
            event(rootArn, root, child, "AWS::CloudFormation::Stack", "UPDATE_IN_PROGRESS", begin, physical: childArn)
            event(childArn, childName, childName, "AWS::CloudFormation::Stack", "UPDATE_IN_PROGRESS", begin.addingTimeInterval(0.3), physical: childArn, reason: "User Initiated")
            let childEnd = resources(childArn, childName, count: 20, from: begin, within: 200)
            event(childArn, childName, childName, "AWS::CloudFormation::Stack", "UPDATE_COMPLETE", childEnd.addingTimeInterval(1), physical: childArn)
            event(rootArn, root, child, "AWS::CloudFormation::Stack", "UPDATE_COMPLETE", childEnd.addingTimeInterval(2), physical: childArn)
            end = max(end, childEnd.addingTimeInterval(2))
        }
        event(rootArn, root, root, "AWS::CloudFormation::Stack", "UPDATE_COMPLETE", end.addingTimeInterval(1), physical: rootArn)
        return SimulatedStack(rootName: root, events: all.mapValues { $0.sorted { $0.timestamp > $1.timestamp } }, names: names, resourceCount: 62)
    }

    /// An update whose only resource takes ten minutes without any event in between.
    static func quietUpdate(start: Date) -> SimulatedStack {
        let root = "shop-dev"
        let rootArn = arn(root)
        let events = [
            StackEvent(eventId: "r3", stackId: rootArn, stackName: root, logicalResourceId: root, physicalResourceId: rootArn,
                       resourceType: "AWS::CloudFormation::Stack", timestamp: start.addingTimeInterval(605), resourceStatus: "UPDATE_COMPLETE"),
            StackEvent(eventId: "d2", stackId: rootArn, stackName: root, logicalResourceId: "ApiDistribution", physicalResourceId: "E2QWRUHAPOMQZL",
                       resourceType: "AWS::CloudFront::Distribution", timestamp: start.addingTimeInterval(603), resourceStatus: "UPDATE_COMPLETE"),
            StackEvent(eventId: "d1", stackId: rootArn, stackName: root, logicalResourceId: "ApiDistribution", physicalResourceId: "E2QWRUHAPOMQZL",
                       resourceType: "AWS::CloudFront::Distribution", timestamp: start.addingTimeInterval(2), resourceStatus: "UPDATE_IN_PROGRESS"),
            StackEvent(eventId: "r1", stackId: rootArn, stackName: root, logicalResourceId: root, physicalResourceId: rootArn,
                       resourceType: "AWS::CloudFormation::Stack", timestamp: start.addingTimeInterval(0.5), resourceStatus: "UPDATE_IN_PROGRESS",
                       resourceStatusReason: "User Initiated"),
        ]
        return SimulatedStack(rootName: root, events: [rootArn: events], names: [rootArn: root], resourceCount: 1)
    }

    static func arn(_ name: String) -> String {
        "arn:aws:cloudformation:eu-west-1:123456789012:stack/\(name)/0f4b1e70-0c2a-11f0-8d61-06a5c2e7b1a3"
    }
}

/// Answers `DescribeStackEvents` from a simulated stack: the events that have happened by now, 100 a page.
final class SimulatedSource: StackEventSource {
    private let stack: SimulatedStack
    private let clock: BenchClock
    private let latency: TimeInterval
    private let log = Mutex<[Date]>([])

    init(stack: SimulatedStack, clock: BenchClock, latency: TimeInterval) {
        self.stack = stack
        self.clock = clock
        self.latency = latency
    }

    var calls: [Date] { log.withLock { $0 } }

    func describeStackEvents(stackName: String, nextToken: String?) async throws -> StackEventsPage {
        let now = clock.now()
        log.withLock { $0.append(now) }
        clock.advance(latency)
        let arn = stack.names.first { $0.value == stackName }?.key ?? stackName
        guard let all = stack.events[arn] else { throw StackEventSourceError(.stackNotFound, message: "Stack [\(stackName)] does not exist") }
        let visible = all.filter { $0.timestamp <= now }
        let start = nextToken.flatMap { token in visible.firstIndex { $0.eventId == token }.map { $0 + 1 } } ?? 0
        let end = min(visible.count, start + 100)
        let page = Array(visible[start..<end])
        return StackEventsPage(events: page, nextToken: end < visible.count ? page.last?.eventId : nil)
    }
}
