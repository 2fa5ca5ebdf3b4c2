import Foundation

/// The event engine's logic, free of I/O: it takes pages of `DescribeStackEvents` and says what to do next.
///
/// One *poll* reads the root stack back to the first event it already knows (or, the first time, to where the
/// operation began), then every nested stack it follows, one call at a time; it then emits the new events oldest
/// first across all stacks and derives resource states, progress, the root cause, rollbacks and the end of the
/// operation. Between polls it asks to sleep: `PollPolicy.activeInterval` after new events, longer when quiet,
/// never faster than the policy's call budget, and with jittered exponential backoff when throttled.
///
/// Drive it by calling `start(at:)`, then after each `Action` the matching method (`received`, `failed`,
/// `wake`, `described`, `describeFailed`) with the current time; `StackEventTailer` does exactly that.
public struct StackEventEngine: Sendable {
    // MARK: - Configuration and protocol

    public struct Configuration: Sendable, Hashable {
        /// The root stack's name or ARN. Once the first event is read the engine asks by ARN, which keeps
        /// working after a delete.
        public var stackName: String
        public var scope: OperationScope
        public var kind: StackOperationKind
        /// Number of changes in the executed change set, the `m` of progress `n/m`.
        public var changeSetSize: Int?
        /// Keep watching after the operation ends, for the next one (`kinetics-tui events STACK --follow`).
        public var follow: Bool
        public var policy: PollPolicy

        public init(
            stackName: String,
            scope: OperationScope,
            kind: StackOperationKind = .deploy,
            changeSetSize: Int? = nil,
            follow: Bool = false,
            policy: PollPolicy = .default
        ) {
            self.stackName = stackName
            self.scope = scope
            self.kind = kind
            self.changeSetSize = changeSetSize
            self.follow = follow
            self.policy = policy
        }
    }

    /// One `DescribeStackEvents` call to make.
    public struct Request: Sendable, Hashable {
        public var stackName: String
        public var nextToken: String?
        /// Logical ids of the nested stacks above the stack asked for; empty for the root stack.
        public var stackPath: [String]
    }

    public enum Action: Sendable, Hashable {
        /// Call `DescribeStackEvents`, then `received(_:at:)` or `failed(_:at:jitter:)`.
        case fetch(Request)
        /// Sleep, then `wake(at:)`.
        case sleep(Duration)
        /// Call `DescribeStacks` for the final status and outputs, then `described(_:at:)` or
        /// `describeFailed(_:at:jitter:)`.
        case describe(stackName: String)
        /// The operation is over and everything has been said.
        case finish
        /// Tailing cannot go on.
        case fail(EventEngineError)
    }

    /// The updates to pass on, and what to do next.
    public struct Step: Sendable, Hashable {
        public var updates: [StackEventUpdate]
        public var action: Action
    }

    /// A failed call, already classified.
    public struct SourceFailure: Sendable, Hashable {
        public var kind: StackEventSourceErrorKind
        public var message: String

        public init(kind: StackEventSourceErrorKind, message: String) {
            self.kind = kind
            self.message = message
        }
    }

    // MARK: - State

    /// One stack whose events are read: the root (index 0) or a nested stack.
    struct Tail: Sendable {
        var stackName: String
        var stackId: String?
        var path: [String]
        var known: Set<String> = []
        /// How far back the first read goes; after the first included event every newer event is read.
        var scope: OperationScope
        var includedAny = false
        var active = true
        /// Server time of the latest parent event that began an operation on this nested stack.
        var beganAt: Date?
        /// Server time of this nested stack's latest terminal status.
        var endedAt: Date?
    }

    struct Collected: Sendable {
        var tail: Int
        var order: Int
        var sequence: Int
        var event: StackEvent
    }

    /// The poll in progress: which stacks to read, where we are, and what has been read.
    struct Poll: Sendable {
        var queue: [Int]
        var position = 0
        var scoped = false
        var collected: [Collected] = []
        var collectedThisScan = 0
        var sequence = 0
        var throttled = false
    }

    enum Phase: Sendable {
        case idle
        case fetching(Request, tail: Int)
        case waitingToFetch(Request, tail: Int)
        case sleepingBeforePoll
        case describing(attempt: Int)
        case waitingToDescribe(attempt: Int)
        case finished
    }

    /// What is known about the current operation.
    struct Operation: Sendable {
        var startedAt: Date?
        var rootStatus: String?
        var rootReason: String?
        var rollingBack = false
        var rollbackReason: String?
        var inCleanup = false
        var finished = false
        var finishedAt: Date?
        var resources: [String: ResourceProgress] = [:]
        var resourceOrder: [String] = []
        var counted: Set<String> = []
        var progress: StackProgress
        var resourceCause: RootCause?
        var stackCause: RootCause?
        var emittedCause: RootCause?

        init(total: Int?) {
            progress = StackProgress(completed: 0, total: total)
        }

        var rootCause: RootCause? { resourceCause ?? stackCause }
    }

    public let configuration: Configuration
    var tails: [Tail]
    var tailByStackId: [String: Int] = [:]
    /// Earliest begin time of a nested stack resource in the current operation, by `parentTail|logicalId`.
    var nestedBegin: [String: Date] = [:]
    var phase: Phase = .idle
    var poll: Poll?
    var operation: Operation
    var startedAt: Date?
    var tokens: Double
    var tokensAt: Date?
    var quietPolls = 0
    var throttleAttempts = 0
    var failureAttempts = 0
    var penalty: Double = 1
    /// Whether `.operationFinished` has been (or is being) produced for the current operation.
    var finishedOperationReported = false
    var lastProgress: StackProgress?
    var rootStackName: String?

    public init(configuration: Configuration) {
        self.configuration = configuration
        self.tails = [Tail(stackName: configuration.stackName, path: [], scope: configuration.scope)]
        self.operation = Operation(total: configuration.changeSetSize)
        self.tokens = Double(max(1, configuration.policy.burstCalls))
    }

    // MARK: - What is known so far

    /// Every resource seen in the current operation, in the order of first appearance.
    public var resources: [ResourceProgress] {
        operation.resourceOrder.compactMap { operation.resources[$0] }
    }

    public var progress: StackProgress { operation.progress }
    public var rootCause: RootCause? { operation.rootCause }
    /// The root stack's latest status in the current operation.
    public var rootStatus: String? { operation.rootStatus }
    /// The root stack's ARN, once an event has been read.
    public var rootStackId: String? { tails[0].stackId }
    /// Whether the current operation has reached a terminal status.
    public var isOperationFinished: Bool { operation.finished }

    // MARK: - Driving

    public mutating func start(at now: Date) -> Step {
        guard case .idle = phase else { preconditionFailure("StackEventEngine.start called twice") }
        startedAt = now
        tokensAt = now
        return beginPoll(at: now)
    }

    /// A page arrived for the last `.fetch`.
    public mutating func received(_ page: StackEventsPage, at now: Date) -> Step {
        guard case .fetching(let request, let index) = phase, var current = poll else {
            preconditionFailure("StackEventEngine.received without a fetch in flight")
        }
        throttleAttempts = 0
        failureAttempts = 0
        if tails[index].stackId == nil, let first = page.events.first {
            tails[index].stackId = first.stackId
            tailByStackId[first.stackId] = index
        }

        var stop = false
        for event in page.events {
            if tails[index].known.contains(event.eventId) {
                stop = true
                break
            }
            var decision = ScopeDecision.include
            if current.scoped {
                decision = Self.decide(tails[index].scope, event: event)
                if decision == .excludeAndStop {
                    stop = true
                    break
                }
            }
            tails[index].known.insert(event.eventId)
            current.collected.append(Collected(tail: index, order: current.position, sequence: current.sequence, event: event))
            current.sequence += 1
            current.collectedThisScan += 1
            if decision == .includeAndStop {
                stop = true
                break
            }
        }
        poll = current

        if !stop, let token = page.nextToken, !token.isEmpty {
            var next = request
            next.nextToken = token
            return issueFetch(next, tail: index, updates: [], at: now)
        }
        let updates = endScan(of: index)
        return advance(at: now, updates: updates)
    }

    /// The last `.fetch` failed.
    public mutating func failed(_ failure: SourceFailure, at now: Date, jitter: Double) -> Step {
        guard case .fetching(let request, let index) = phase else {
            preconditionFailure("StackEventEngine.failed without a fetch in flight")
        }
        switch failure.kind {
        case .throttled:
            throttleAttempts += 1
            poll?.throttled = true
            penalty = min(8, penalty * 2)
            tokens = 0
            tokensAt = now
            let delay = configuration.policy.backoff(attempt: throttleAttempts, jitter: jitter)
            phase = .waitingToFetch(request, tail: index)
            return Step(
                updates: [.throttled(attempt: throttleAttempts, retryIn: .seconds(delay))],
                action: .sleep(.seconds(delay))
            )
        case .transient:
            failureAttempts += 1
            guard failureAttempts <= configuration.policy.maxConsecutiveFailures else {
                return fail(.tooManyFailures, stack: request.stackName, failure.message)
            }
            let delay = configuration.policy.backoff(attempt: failureAttempts, jitter: jitter)
            phase = .waitingToFetch(request, tail: index)
            let message = TextSanitizer.sanitize(failure.message)
            return Step(
                updates: [.retrying(attempt: failureAttempts, retryIn: .seconds(delay), message: message)],
                action: .sleep(.seconds(delay))
            )
        case .stackNotFound:
            guard index != 0 else { return fail(.stackNotFound, stack: request.stackName, failure.message) }
            tails[index].active = false
            let updates = endScan(of: index)
            return advance(at: now, updates: updates)
        case .fatal:
            return fail(.sourceFailed, stack: request.stackName, failure.message)
        }
    }

    /// The last `.sleep` is over.
    public mutating func wake(at now: Date) -> Step {
        switch phase {
        case .sleepingBeforePoll:
            return beginPoll(at: now)
        case .waitingToFetch(let request, let index):
            return issueFetch(request, tail: index, updates: [], at: now)
        case .waitingToDescribe(let attempt):
            phase = .describing(attempt: attempt)
            return Step(updates: [], action: .describe(stackName: rootStackId ?? configuration.stackName))
        default:
            preconditionFailure("StackEventEngine.wake without a sleep")
        }
    }

    /// The final `DescribeStacks` answered (`nil`: no such stack any more).
    public mutating func described(_ summary: StackSummary?, at now: Date) -> Step {
        guard case .describing = phase else { preconditionFailure("StackEventEngine.described without a describe") }
        let result = makeResult(summary)
        let updates: [StackEventUpdate] = [.operationFinished(result)]
        guard configuration.follow else {
            phase = .finished
            return Step(updates: updates, action: .finish)
        }
        quietPolls = 0
        return scheduleNextPoll(updates: updates, sawNew: false)
    }

    /// The final `DescribeStacks` failed; throttling and transient failures are retried twice, then the result
    /// is given without outputs.
    public mutating func describeFailed(_ failure: SourceFailure, at now: Date, jitter: Double) -> Step {
        guard case .describing(let attempt) = phase else {
            preconditionFailure("StackEventEngine.describeFailed without a describe")
        }
        if (failure.kind == .throttled || failure.kind == .transient) && attempt < 3 {
            let delay = configuration.policy.backoff(attempt: attempt, jitter: jitter)
            phase = .waitingToDescribe(attempt: attempt + 1)
            let update: StackEventUpdate =
                failure.kind == .throttled
                ? .throttled(attempt: attempt, retryIn: .seconds(delay))
                : .retrying(attempt: attempt, retryIn: .seconds(delay), message: TextSanitizer.sanitize(failure.message))
            return Step(updates: [update], action: .sleep(.seconds(delay)))
        }
        return described(nil, at: now)
    }

    // MARK: - Polls and scans

    private mutating func beginPoll(at now: Date) -> Step {
        if !tails[0].includedAny, let startedAt,
            now.timeIntervalSince(startedAt) > configuration.policy.operationStartTimeout
        {
            let waited = Int(now.timeIntervalSince(startedAt))
            return fail(.operationNotStarted, stack: configuration.stackName, "waited \(waited) s")
        }
        let queue = tails.indices.filter { $0 == 0 || tails[$0].active }
        poll = Poll(queue: queue)
        return beginScan(at: now, updates: [])
    }

    private mutating func beginScan(at now: Date, updates: [StackEventUpdate]) -> Step {
        guard var current = poll else { preconditionFailure("no poll") }
        let index = current.queue[current.position]
        current.scoped = !tails[index].includedAny
        current.collectedThisScan = 0
        poll = current
        let tail = tails[index]
        let request = Request(stackName: tail.stackId ?? tail.stackName, nextToken: nil, stackPath: tail.path)
        return issueFetch(request, tail: index, updates: updates, at: now)
    }

    /// After the last page of one stack: remembers that the stack has begun, and follows nested stacks that
    /// this stack's new events name.
    private mutating func endScan(of index: Int) -> [StackEventUpdate] {
        guard var current = poll else { return [] }
        if current.collectedThisScan > 0 { tails[index].includedAny = true }
        var updates: [StackEventUpdate] = []
        let scanned = current.collected.suffix(current.collectedThisScan).reversed()
        for item in scanned {
            let event = item.event
            guard event.resourceType == "AWS::CloudFormation::Stack", !event.isStackEvent else { continue }
            let key = "\(index)|\(event.logicalResourceId)"
            if StackStatus.beginsOperation(event.resourceStatus) {
                let begin = nestedBegin[key].map { min($0, event.timestamp) } ?? event.timestamp
                nestedBegin[key] = begin
                if let arn = event.nestedStackArn {
                    let path = tails[index].path + [event.logicalResourceId]
                    if let update = follow(arn: arn, path: path, since: begin, at: event.timestamp, queue: &current.queue) {
                        updates.append(update)
                    }
                }
            } else if StackStatus.isTerminal(event.resourceStatus) {
                nestedBegin[key] = nil
            }
        }
        poll = current
        return updates
    }

    private mutating func follow(
        arn: String, path: [String], since: Date, at time: Date, queue: inout [Int]
    ) -> StackEventUpdate? {
        if let existing = tailByStackId[arn] {
            tails[existing].active = true
            tails[existing].beganAt = max(tails[existing].beganAt ?? time, time)
            if !queue.contains(existing) { queue.append(existing) }
            return nil
        }
        let index = tails.count
        var tail = Tail(stackName: arn, stackId: arn, path: path, scope: .since(since))
        tail.beganAt = time
        tails.append(tail)
        tailByStackId[arn] = index
        queue.append(index)
        return .nestedStackFollowed(stackPath: path, stackId: arn)
    }

    private mutating func advance(at now: Date, updates: [StackEventUpdate]) -> Step {
        guard var current = poll else { preconditionFailure("no poll") }
        current.position += 1
        poll = current
        if current.position < current.queue.count {
            return beginScan(at: now, updates: updates)
        }
        return endPoll(at: now, updates: updates)
    }

    private mutating func endPoll(at now: Date, updates earlier: [StackEventUpdate]) -> Step {
        guard let current = poll else { preconditionFailure("no poll") }
        poll = nil
        let ordered = current.collected.sorted { a, b in
            if a.event.timestamp != b.event.timestamp { return a.event.timestamp < b.event.timestamp }
            if a.order != b.order { return a.order < b.order }
            return a.sequence > b.sequence
        }
        var updates = earlier
        let tracked = ordered.map { item in
            TrackedStackEvent(event: item.event, stackPath: tails[item.tail].path, isRootStackEvent: item.tail == 0 && item.event.isStackEvent)
        }
        if !tracked.isEmpty { updates.insert(.events(tracked), at: 0) }
        updates += apply(tracked)
        for index in tails.indices.dropFirst() {
            if let ended = tails[index].endedAt, ended >= (tails[index].beganAt ?? .distantPast) {
                tails[index].active = false
            }
        }
        if !current.throttled { penalty = max(1, penalty / 2) }

        if operation.finished && !finishedOperationReported {
            finishedOperationReported = true
            phase = .describing(attempt: 1)
            return Step(updates: updates, action: .describe(stackName: rootStackId ?? configuration.stackName))
        }
        return scheduleNextPoll(updates: updates, sawNew: !tracked.isEmpty)
    }

    private mutating func scheduleNextPoll(updates: [StackEventUpdate], sawNew: Bool) -> Step {
        quietPolls = sawNew ? 0 : quietPolls + 1
        let awaiting = !tails[0].includedAny
        let running = awaiting || !(operation.finished)
        let base = awaiting ? configuration.policy.activeInterval
            : configuration.policy.interval(quietPolls: quietPolls, operationRunning: running)
        phase = .sleepingBeforePoll
        return Step(updates: updates, action: .sleep(.seconds(base * penalty)))
    }

    /// Every call goes through the token bucket: a short burst is free, the sustained rate is capped.
    private mutating func issueFetch(_ request: Request, tail index: Int, updates: [StackEventUpdate], at now: Date) -> Step {
        let policy = configuration.policy
        let rate = max(policy.callsPerMinute, 1) / 60
        let capacity = Double(max(1, policy.burstCalls))
        if let tokensAt {
            tokens = min(capacity, tokens + max(0, now.timeIntervalSince(tokensAt)) * rate)
        }
        tokensAt = now
        // Waits are whole milliseconds and a thousandth of a token is forgiven, so rounding in `Date`
        // arithmetic can never ask for a sleep too short to move the clock.
        if tokens >= 1 - 1e-3 {
            tokens = max(0, tokens - 1)
            phase = .fetching(request, tail: index)
            return Step(updates: updates, action: .fetch(request))
        }
        phase = .waitingToFetch(request, tail: index)
        let wait = max(0.001, ((1 - tokens) / rate * 1000).rounded(.up) / 1000)
        return Step(updates: updates, action: .sleep(.seconds(wait)))
    }

    private mutating func fail(_ code: EventEngineError.Code, stack: String, _ message: String?) -> Step {
        phase = .finished
        return Step(updates: [], action: .fail(EventEngineError(code: code, stack: stack, underlying: message)))
    }

    // MARK: - Scope

    enum ScopeDecision: Sendable, Hashable {
        case include
        case includeAndStop
        case excludeAndStop
    }

    /// Whether an event, read newest first, still belongs to the operation, and whether it is where the
    /// operation began (the stack's own `User Initiated` event).
    static func decide(_ scope: OperationScope, event: StackEvent) -> ScopeDecision {
        let began = event.isStackEvent && StackStatus.isInProgress(event.resourceStatus)
            && event.resourceStatusReason == "User Initiated"
        let inside: ScopeDecision = began ? .includeAndStop : .include
        switch scope {
        case .latestOperation:
            return inside
        case .since(let anchor):
            return event.timestamp < anchor ? .excludeAndStop : inside
        case .clientRequestToken(let token, let notBefore):
            if let carried = event.clientRequestToken, !carried.isEmpty {
                return carried == token ? inside : .excludeAndStop
            }
            if let notBefore, event.timestamp >= notBefore { return inside }
            return .excludeAndStop
        }
    }
}
