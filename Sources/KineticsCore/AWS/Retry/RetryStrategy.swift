import Foundation

/// The AWS SDKs' "standard" retry mode.
///
/// - At most `maxAttempts` sends of one request (3 by default).
/// - Before attempt n+1 it waits a random time in `0 ..< min(maxBackoff, base × 2ⁿ⁻¹)` ("full jitter").
/// - Retried: throttling errors, transient errors (500, 502, 503, 504, `RequestTimeout`…), connection failures,
///   resets and timeouts. A request that is not idempotent is only retried when it certainly never reached the
///   server or was throttled.
/// - A retry quota shared by all requests of a client: a retry costs 5 tokens (10 after a timeout or reset), a
///   success gives 1 back, and when the bucket is empty nothing is retried, so an outage does not become a storm.
///
/// The decisions are pure (`decide`); the bucket is the only state, behind a lock.
public final class RetryStrategy: Sendable {
    public struct Policy: Sendable, Hashable {
        public var maxAttempts: Int
        public var baseDelay: Duration
        public var maxBackoff: Duration
        public var quotaCapacity: Int
        public var retryCost: Int
        public var timeoutRetryCost: Int
        public var successRefund: Int

        public init(
            maxAttempts: Int = 3, baseDelay: Duration = .seconds(1), maxBackoff: Duration = .seconds(20),
            quotaCapacity: Int = 500, retryCost: Int = 5, timeoutRetryCost: Int = 10, successRefund: Int = 1
        ) {
            self.maxAttempts = maxAttempts
            self.baseDelay = baseDelay
            self.maxBackoff = maxBackoff
            self.quotaCapacity = quotaCapacity
            self.retryCost = retryCost
            self.timeoutRetryCost = timeoutRetryCost
            self.successRefund = successRefund
        }
    }

    /// What failed, as far as retrying cares.
    public enum Failure: Sendable, Hashable {
        case throttling
        case transient
        case timeout
        case connectionNeverSent
        case notRetryable
    }

    public enum Decision: Sendable, Hashable {
        case retry(after: Duration)
        case giveUp(Reason)
    }

    public enum Reason: Sendable, Hashable {
        case notRetryable
        case notIdempotent
        case attemptsExhausted
        case quotaExhausted
    }

    public let policy: Policy
    private let random: @Sendable () -> Double
    private let lock = NSLock()
    nonisolated(unsafe) private var tokens: Int

    /// `random` returns a value in `0 ..< 1`; tests pass a fixed one.
    public init(policy: Policy = Policy(), random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) {
        self.policy = policy
        self.random = random
        self.tokens = policy.quotaCapacity
    }

    /// Tokens left in the retry quota.
    public var availableTokens: Int { lock.withLock { tokens } }

    /// Classifies a service error by HTTP status and error code.
    public static func classify(status: Int, code: String?) -> Failure {
        if let code, throttlingCodes.contains(code) { return .throttling }
        if status == 429 { return .throttling }
        if let code, transientCodes.contains(code) { return .transient }
        if [500, 502, 503, 504].contains(status) { return .transient }
        return .notRetryable
    }

    /// Classifies a transport failure.
    public static func classify(_ error: HTTPTransportError) -> Failure {
        switch error.kind {
        case .connectionFailed, .nameResolution: .connectionNeverSent
        case .timedOut, .connectionReset: .timeout
        case .tls, .bodyUnreadable, .responseUnwritable, .other: .notRetryable
        }
    }

    /// Whether to send again after `attempt` (1-based) failed, and after how long; takes quota tokens for a retry.
    public func decide(afterAttempt attempt: Int, failure: Failure, idempotent: Bool) -> Decision {
        switch failure {
        case .notRetryable:
            return .giveUp(.notRetryable)
        case .transient, .timeout:
            if !idempotent { return .giveUp(.notIdempotent) }
        case .throttling, .connectionNeverSent:
            break
        }
        if attempt >= policy.maxAttempts { return .giveUp(.attemptsExhausted) }
        let cost = failure == .timeout ? policy.timeoutRetryCost : policy.retryCost
        let granted = lock.withLock { () -> Bool in
            guard tokens >= cost else { return false }
            tokens -= cost
            return true
        }
        guard granted else { return .giveUp(.quotaExhausted) }
        return .retry(after: backoff(afterAttempt: attempt))
    }

    /// Records a success: gives a token back to the quota (capped at its capacity).
    public func recordSuccess() {
        lock.withLock { tokens = min(policy.quotaCapacity, tokens + policy.successRefund) }
    }

    /// `random × min(maxBackoff, base × 2^(attempt-1))`.
    public func backoff(afterAttempt attempt: Int) -> Duration {
        let exponent = min(max(attempt - 1, 0), 30)
        let ceiling = min(policy.maxBackoff, policy.baseDelay * (1 << exponent))
        let fraction = min(max(random(), 0), 1)
        return ceiling * fraction
    }

    static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
        "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
        "EC2ThrottledException",
    ]

    static let transientCodes: Set<String> = [
        "RequestTimeout", "RequestTimeoutException", "InternalError", "InternalFailure", "ServiceUnavailable",
        "InternalServerError",
    ]
}
