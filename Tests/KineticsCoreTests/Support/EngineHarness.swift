import Foundation
@testable import KineticsCore

/// Drives a `StackEventEngine` synchronously: answers each fetch from a closure, moves time on sleeps, and
/// records everything the engine said and asked, so tests read like a transcript.
struct EngineHarness {
    enum Answer {
        case page(StackEventsPage)
        case failure(StackEventSourceErrorKind, String)
    }

    var engine: StackEventEngine
    var now: Date
    var jitter = 0.5
    var latency: TimeInterval = 0.1
    var summary: StackSummary?
    private(set) var updates: [StackEventUpdate] = []
    private(set) var requests: [(request: StackEventEngine.Request, at: Date)] = []
    private(set) var sleeps: [TimeInterval] = []
    private(set) var describes = 0
    private(set) var finished = false
    private(set) var error: EventEngineError?
    private var pending: StackEventEngine.Action?

    init(_ configuration: StackEventEngine.Configuration, start: Date) {
        engine = StackEventEngine(configuration: configuration)
        now = start
    }

    var events: [TrackedStackEvent] {
        updates.flatMap { update -> [TrackedStackEvent] in
            if case .events(let batch) = update { return batch }
            return []
        }
    }

    var result: StackOperationResult? {
        updates.lazy.compactMap { update -> StackOperationResult? in
            if case .operationFinished(let result) = update { return result }
            return nil
        }.last
    }

    /// Runs until the engine finishes or fails, or `until` says stop, or `maxSteps` actions have been taken.
    mutating func run(
        maxSteps: Int = 10_000,
        until stop: (EngineHarness) -> Bool = { _ in false },
        answer: (StackEventEngine.Request, Date) -> Answer
    ) {
        if pending == nil { take(engine.start(at: now)) }
        var steps = 0
        while let action = pending, steps < maxSteps, !finished, error == nil, !stop(self) {
            steps += 1
            switch action {
            case .fetch(let request):
                requests.append((request, now))
                let reply = answer(request, now)
                now = now.addingTimeInterval(latency)
                switch reply {
                case .page(let page): take(engine.received(page, at: now))
                case .failure(let kind, let message):
                    take(engine.failed(.init(kind: kind, message: message), at: now, jitter: jitter))
                }
            case .sleep(let duration):
                sleeps.append(duration.seconds)
                now = now.addingTimeInterval(duration.seconds)
                take(engine.wake(at: now))
            case .describe:
                describes += 1
                take(engine.described(summary, at: now))
            case .finish:
                finished = true
            case .fail(let failure):
                error = failure
            }
        }
    }

    private mutating func take(_ step: StackEventEngine.Step) {
        updates += step.updates
        pending = step.action
        if case .finish = step.action { finished = true }
        if case .fail(let failure) = step.action { error = failure }
    }
}

/// A stack whose history grows as time passes: `page(for:at:)` answers like `DescribeStackEvents`.
struct Timeline {
    var events: [StackEvent] = [] {
        didSet {
            byStack = Dictionary(grouping: events, by: \.stackId).mapValues { $0.sorted { $0.timestamp > $1.timestamp } }
            for event in events { byStack[event.stackName] = byStack[event.stackId] }
        }
    }
    var pageSize = 100
    private var byStack: [String: [StackEvent]] = [:]

    func page(stack: String, token: String?, at now: Date) -> EngineHarness.Answer {
        guard let all = byStack[stack] else { return .failure(.stackNotFound, "Stack [\(stack)] does not exist") }
        let visible = all.filter { $0.timestamp <= now }
        var start = 0
        if let token, let index = visible.firstIndex(where: { $0.eventId == token }) { start = index + 1 }
        let end = min(visible.count, start + pageSize)
        let slice = Array(visible[start..<end])
        return .page(StackEventsPage(events: slice, nextToken: end < visible.count ? slice.last?.eventId : nil))
    }
}

/// Builds events for hand-written sequences.
struct EventMaker {
    var stackName = "shop-dev"
    var stackId = "arn:aws:cloudformation:eu-west-1:123456789012:stack/shop-dev/0f4b1e70-0c2a-11f0-8d61-06a5c2e7b1a3"
    var token: String? = "tok-1"
    var base = Date(timeIntervalSince1970: 1_741_946_400)
    private var counter = 0

    init(stackName: String = "shop-dev", stackId: String? = nil, token: String? = "tok-1") {
        self.stackName = stackName
        if let stackId { self.stackId = stackId } else {
            self.stackId = "arn:aws:cloudformation:eu-west-1:123456789012:stack/\(stackName)/0f4b1e70-0c2a-11f0-8d61-06a5c2e7b1a3"
        }
        self.token = token
    }

    mutating func root(_ at: TimeInterval, _ status: String, _ reason: String? = nil) -> StackEvent {
        counter += 1
        return StackEvent(
            eventId: "\(stackName)-root-\(counter)", stackId: stackId, stackName: stackName, logicalResourceId: stackName,
            physicalResourceId: stackId, resourceType: "AWS::CloudFormation::Stack", timestamp: base.addingTimeInterval(at),
            resourceStatus: status, resourceStatusReason: reason, clientRequestToken: token
        )
    }

    mutating func resource(
        _ at: TimeInterval, _ logicalId: String, _ status: String, type: String = "AWS::Lambda::Function",
        physical: String? = nil, reason: String? = nil, detailed: String? = nil
    ) -> StackEvent {
        counter += 1
        return StackEvent(
            eventId: "\(logicalId)-\(status)-\(counter)", stackId: stackId, stackName: stackName, logicalResourceId: logicalId,
            physicalResourceId: physical, resourceType: type, timestamp: base.addingTimeInterval(at), resourceStatus: status,
            resourceStatusReason: reason, clientRequestToken: token, detailedStatus: detailed
        )
    }

    func at(_ seconds: TimeInterval) -> Date { base.addingTimeInterval(seconds) }
}
