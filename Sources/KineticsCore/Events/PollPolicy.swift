import Foundation

/// When the event engine polls: the intervals, the call budget and the backoff on throttling.
///
/// Defaults: 1 s between polls while events arrive and for three quiet polls more; then the interval grows by
/// half each quiet poll, up to 5 s
/// while an operation runs and up to 15 s while the stack is idle (follow mode); at most 60 calls in any
/// minute (a token bucket of 3 calls refilled at 57 a minute), and on throttling an exponential backoff
/// from 1 s to 30 s with equal jitter.
public struct PollPolicy: Sendable, Hashable, Codable {
    /// Delay after a poll that brought new events.
    public var activeInterval: TimeInterval
    /// Polls without new events after which the delay starts to grow.
    public var quietGrace: Int
    /// Factor by which the delay grows after each further poll without new events.
    public var quietGrowth: Double
    /// Longest delay while an operation runs.
    public var quietMaxInterval: TimeInterval
    /// Longest delay while no operation runs (following an idle stack).
    public var idleMaxInterval: TimeInterval
    /// Calls that may be made back to back (paging, nested stacks) before the rate limit applies.
    public var burstCalls: Int
    /// Sustained call rate; `burstCalls + callsPerMinute` is the most calls in any 60 s window.
    public var callsPerMinute: Double
    /// First backoff delay after a throttled or failed call.
    public var backoffBase: TimeInterval
    /// Longest backoff delay.
    public var backoffMax: TimeInterval
    /// Failed calls in a row (other than throttling) after which the tail gives up.
    public var maxConsecutiveFailures: Int
    /// How long to wait for the first event of the operation before giving up.
    public var operationStartTimeout: TimeInterval

    public init(
        activeInterval: TimeInterval = 1,
        quietGrace: Int = 3,
        quietGrowth: Double = 1.5,
        quietMaxInterval: TimeInterval = 5,
        idleMaxInterval: TimeInterval = 15,
        burstCalls: Int = 3,
        callsPerMinute: Double = 57,
        backoffBase: TimeInterval = 1,
        backoffMax: TimeInterval = 30,
        maxConsecutiveFailures: Int = 5,
        operationStartTimeout: TimeInterval = 300
    ) {
        self.activeInterval = activeInterval
        self.quietGrace = quietGrace
        self.quietGrowth = quietGrowth
        self.quietMaxInterval = quietMaxInterval
        self.idleMaxInterval = idleMaxInterval
        self.burstCalls = burstCalls
        self.callsPerMinute = callsPerMinute
        self.backoffBase = backoffBase
        self.backoffMax = backoffMax
        self.maxConsecutiveFailures = maxConsecutiveFailures
        self.operationStartTimeout = operationStartTimeout
    }

    public static let `default` = PollPolicy()

    /// Delay before retry number `attempt` (1-based): `min(max, base · 2^(attempt-1))`, half of it fixed and
    /// half scaled by `jitter` in `[0, 1)`, so parallel clients spread out and no retry comes immediately.
    public func backoff(attempt: Int, jitter: Double) -> TimeInterval {
        let exponent = Double(max(0, min(attempt - 1, 30)))
        let ceiling = min(backoffMax, backoffBase * pow(2, exponent))
        let j = min(max(jitter, 0), 1)
        return ceiling / 2 + ceiling / 2 * j
    }

    /// Delay after a poll, given how many polls in a row brought nothing new.
    public func interval(quietPolls: Int, operationRunning: Bool) -> TimeInterval {
        let grown = quietPolls - max(0, quietGrace)
        guard grown > 0 else { return activeInterval }
        let cap = operationRunning ? quietMaxInterval : idleMaxInterval
        return min(cap, activeInterval * pow(quietGrowth, Double(min(grown, 64))))
    }
}
