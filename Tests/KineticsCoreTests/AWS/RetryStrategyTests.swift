import Foundation
import Testing
@testable import KineticsCore

@Suite("Standard-mode retries: backoff, classification and quota")
struct RetryStrategyTests {
    @Test("backoff is full jitter under an exponential ceiling capped at 20 s")
    func backoff() {
        let top = RetryStrategy(random: { 0.999_999 })
        #expect(top.backoff(afterAttempt: 1) < .seconds(1))
        #expect(top.backoff(afterAttempt: 1) > .milliseconds(999))
        #expect(top.backoff(afterAttempt: 3) > .milliseconds(3999))
        #expect(top.backoff(afterAttempt: 10) <= .seconds(20))
        #expect(top.backoff(afterAttempt: 10) > .milliseconds(19_999))
        let half = RetryStrategy(random: { 0.5 })
        #expect(half.backoff(afterAttempt: 2) == .seconds(1))
        #expect(RetryStrategy(random: { 0 }).backoff(afterAttempt: 5) == .zero)
    }

    @Test("throttling, 5xx and transient codes retry; client errors do not", arguments: [
        (400, "Throttling", RetryStrategy.Failure.throttling),
        (400, "ThrottlingException", .throttling),
        (503, "SlowDown", .throttling),
        (429, nil, .throttling),
        (500, "InternalError", .transient),
        (502, nil, .transient),
        (503, nil, .transient),
        (504, nil, .transient),
        (400, "RequestTimeout", .transient),
        (400, "ValidationError", .notRetryable),
        (403, "SignatureDoesNotMatch", .notRetryable),
        (404, "NoSuchKey", .notRetryable),
    ] as [(Int, String?, RetryStrategy.Failure)])
    func classification(status: Int, code: String?, expected: RetryStrategy.Failure) {
        #expect(RetryStrategy.classify(status: status, code: code) == expected)
    }

    @Test("connection failures, resets and timeouts retry; TLS failures do not")
    func transportClassification() {
        func kind(_ k: HTTPTransportError.Kind) -> RetryStrategy.Failure {
            RetryStrategy.classify(HTTPTransportError(kind: k, detail: "", host: "h"))
        }
        #expect(kind(.connectionFailed) == .connectionNeverSent)
        #expect(kind(.connectionReset) == .timeout)
        #expect(kind(.timedOut) == .timeout)
        #expect(kind(.tls) == .notRetryable)
    }

    @Test("attempts stop at maxAttempts")
    func attempts() {
        let strategy = RetryStrategy(policy: .init(maxAttempts: 3), random: { 0 })
        #expect(strategy.decide(afterAttempt: 1, failure: .transient, idempotent: true) == .retry(after: .zero))
        #expect(strategy.decide(afterAttempt: 2, failure: .transient, idempotent: true) == .retry(after: .zero))
        #expect(strategy.decide(afterAttempt: 3, failure: .transient, idempotent: true) == .giveUp(.attemptsExhausted))
    }

    @Test("non-idempotent calls retry only when the request never left or was throttled")
    func idempotency() {
        let strategy = RetryStrategy(random: { 0 })
        #expect(strategy.decide(afterAttempt: 1, failure: .transient, idempotent: false) == .giveUp(.notIdempotent))
        #expect(strategy.decide(afterAttempt: 1, failure: .timeout, idempotent: false) == .giveUp(.notIdempotent))
        #expect(strategy.decide(afterAttempt: 1, failure: .connectionNeverSent, idempotent: false) == .retry(after: .zero))
        #expect(strategy.decide(afterAttempt: 1, failure: .throttling, idempotent: false) == .retry(after: .zero))
    }

    @Test("the quota drains by 5 per retry and 10 per timeout retry, refills by 1 per success, and stops a storm")
    func quota() {
        let strategy = RetryStrategy(policy: .init(maxAttempts: 10, quotaCapacity: 22), random: { 0 })
        #expect(strategy.decide(afterAttempt: 1, failure: .timeout, idempotent: true) == .retry(after: .zero))
        #expect(strategy.availableTokens == 12)
        #expect(strategy.decide(afterAttempt: 1, failure: .transient, idempotent: true) == .retry(after: .zero))
        #expect(strategy.decide(afterAttempt: 1, failure: .transient, idempotent: true) == .retry(after: .zero))
        #expect(strategy.availableTokens == 2)
        #expect(strategy.decide(afterAttempt: 1, failure: .transient, idempotent: true) == .giveUp(.quotaExhausted))
        for _ in 0..<3 { strategy.recordSuccess() }
        #expect(strategy.availableTokens == 5)
        #expect(strategy.decide(afterAttempt: 1, failure: .throttling, idempotent: true) == .retry(after: .zero))
        for _ in 0..<100 { strategy.recordSuccess() }
        #expect(strategy.availableTokens == 22)
    }
}
