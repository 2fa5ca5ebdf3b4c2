import Foundation

/// The clock the event tailer reads and sleeps on: the system clock in production, a virtual one in tests and
/// benchmarks so that minutes of polling run in microseconds and give the same result every time.
public protocol EventClock: Sendable {
    func now() -> Date
    /// Sleeps for `duration`; throws `CancellationError` when the surrounding task is cancelled.
    func sleep(for duration: Duration) async throws
}

/// The wall clock and `Task.sleep`.
public struct SystemEventClock: EventClock {
    public init() {}

    public func now() -> Date { Date() }

    public func sleep(for duration: Duration) async throws {
        try await Task.sleep(for: duration)
    }
}
