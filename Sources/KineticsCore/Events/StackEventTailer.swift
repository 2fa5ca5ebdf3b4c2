import Foundation

/// Tails a stack's events: drives a `StackEventEngine` against a `StackEventSource`, one call at a time, and
/// yields its updates as an `AsyncThrowingStream`.
///
/// The stream ends after `.operationFinished` (unless following), or throws an `EventEngineError`. Cancelling
/// the consuming task, or dropping the stream, cancels the tail: no further call is made.
///
/// ```swift
/// let tailer = StackEventTailer(events: client, stacks: client)
/// for try await update in tailer.updates(for: .init(stackName: "shop-dev",
///                                                  scope: .clientRequestToken(token, notBefore: changeSetTime),
///                                                  changeSetSize: changes.count)) { ... }
/// ```
public struct StackEventTailer: Sendable {
    public let events: any StackEventSource
    public let stacks: (any StackStatusSource)?
    public let clock: any EventClock
    /// A number in `[0, 1)` for backoff jitter.
    public let jitter: @Sendable () -> Double
    /// Sorts errors from the sources; the default honours `StackEventSourceClassifiable`.
    public let classify: @Sendable (any Error) -> StackEventSourceErrorKind

    public init(
        events: any StackEventSource,
        stacks: (any StackStatusSource)? = nil,
        clock: any EventClock = SystemEventClock(),
        jitter: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        classify: @escaping @Sendable (any Error) -> StackEventSourceErrorKind = { StackEventSourceErrorKind(classifying: $0) }
    ) {
        self.events = events
        self.stacks = stacks
        self.clock = clock
        self.jitter = jitter
        self.classify = classify
    }

    public func updates(for configuration: StackEventEngine.Configuration) -> AsyncThrowingStream<StackEventUpdate, any Error> {
        .emitting(cancellationFinishes: true) { [self] emit in try await run(configuration, onUpdate: emit) }
    }

    /// Runs the tail to its end, handing each update to `onUpdate`; returns the result of the (last) operation.
    ///
    /// Throws `EventEngineError`, or `CancellationError` when the task is cancelled.
    @discardableResult
    public func run(
        _ configuration: StackEventEngine.Configuration,
        isolation: isolated (any Actor)? = #isolation,
        onUpdate: (StackEventUpdate) -> Void
    ) async throws -> StackOperationResult? {
        var engine = StackEventEngine(configuration: configuration)
        var step = engine.start(at: clock.now())
        var result: StackOperationResult?
        while true {
            for update in step.updates {
                if case .operationFinished(let finished) = update { result = finished }
                onUpdate(update)
            }
            try Task.checkCancellation()
            switch step.action {
            case .fetch(let request):
                do {
                    let page = try await events.describeStackEvents(stackName: request.stackName, nextToken: request.nextToken)
                    step = engine.received(page, at: clock.now())
                } catch {
                    try Task.checkCancellation()
                    if error is CancellationError { throw error }
                    step = engine.failed(failure(error), at: clock.now(), jitter: jitter())
                }
            case .sleep(let duration):
                try await clock.sleep(for: duration)
                step = engine.wake(at: clock.now())
            case .describe(let name):
                guard let stacks else {
                    step = engine.described(nil, at: clock.now())
                    continue
                }
                do {
                    let summary = try await stacks.describeStack(stackName: name)
                    step = engine.described(summary, at: clock.now())
                } catch {
                    try Task.checkCancellation()
                    if error is CancellationError { throw error }
                    step = engine.describeFailed(failure(error), at: clock.now(), jitter: jitter())
                }
            case .finish:
                return result
            case .fail(let error):
                throw error
            }
        }
    }

    private func failure(_ error: any Error) -> StackEventEngine.SourceFailure {
        StackEventEngine.SourceFailure(kind: classify(error), message: String(describing: error))
    }
}
