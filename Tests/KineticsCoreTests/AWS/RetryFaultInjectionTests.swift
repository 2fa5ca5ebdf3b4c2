import Foundation
import Testing
@testable import KineticsCore

/// Retries through the real libcurl transport against a local endpoint that throttles, fails, resets and stalls.
@Suite("Retries against a fault-injecting endpoint")
struct RetryFaultInjectionTests {
    static let identity = Data(
        "<GetCallerIdentityResponse><GetCallerIdentityResult><Account>000000000000</Account><Arn>arn:aws:iam::000000000000:user/t</Arn><UserId>AIDA</UserId></GetCallerIdentityResult><ResponseMetadata><RequestId>ok</RequestId></ResponseMetadata></GetCallerIdentityResponse>".utf8)

    static func throttle(_ code: String = "Throttling", status: Int = 400) -> FaultInjectingHTTPServer.Behavior {
        .respond(status: status, headers: [("Content-Type", "text/xml")], body: Data(
            "<ErrorResponse><Error><Type>Sender</Type><Code>\(code)</Code><Message>Rate exceeded</Message></Error><RequestId>req-\(code)</RequestId></ErrorResponse>".utf8))
    }

    static func sts(_ server: FaultInjectingHTTPServer, policy: RetryStrategy.Policy, stall: Duration = .seconds(30)) -> STSClient {
        let configuration = AWSConfiguration(
            credentials: AWSCredentials(accessKeyId: "AKIAFAULTTEST0000000", secretAccessKey: "fault-secret"),
            region: "us-east-1", endpoint: AWSEndpoint(url: server.endpointURL))
        return STSClient(client: AWSClient(
            configuration: configuration, transport: CurlTransport.shared, retry: RetryStrategy(policy: policy, random: { 1 }),
            transferOptions: HTTPTransferOptions(connectTimeout: .seconds(2), stallTimeout: stall)))
    }

    @Test("throttling twice, then success: three requests with growing waits between them")
    func throttledThenSuccess() async throws {
        let server = try FaultInjectingHTTPServer(fallback: .respond(status: 200, body: Self.identity))
        defer { server.stop() }
        server.enqueue(Self.throttle(), Self.throttle("SlowDown", status: 503))
        let sts = Self.sts(server, policy: .init(baseDelay: .milliseconds(100)))
        let identity = try await sts.getCallerIdentity()
        #expect(identity.account == "000000000000")
        let arrivals = server.requests.map(\.arrival)
        try #require(arrivals.count == 3)
        #expect(arrivals[1] - arrivals[0] >= .milliseconds(95))
        #expect(arrivals[2] - arrivals[1] >= .milliseconds(195))
    }

    @Test("503 on every attempt: the final error names the code, the status and the attempts")
    func persistent503() async throws {
        let server = try FaultInjectingHTTPServer(fallback: Self.throttle("ServiceUnavailable", status: 503))
        defer { server.stop() }
        let error = try await #require(throws: AWSError.self) {
            try await Self.sts(server, policy: .init(maxAttempts: 4, baseDelay: .milliseconds(10))).getCallerIdentity()
        }
        #expect(server.requests.count == 4)
        #expect(error.attempts == 4)
        #expect(error.description.contains("STS GetCallerIdentity failed with ServiceUnavailable"))
        #expect(error.description.contains("HTTP 503"))
        #expect(error.description.contains("after 4 attempts"))
        #expect(error.requestId == "req-ServiceUnavailable")
    }

    @Test("a connection reset and a stalled response are retried")
    func resetAndStall() async throws {
        let server = try FaultInjectingHTTPServer(fallback: .respond(status: 200, body: Self.identity))
        defer { server.stop() }
        server.enqueue(.reset, .stall(.seconds(40)))
        let started = ContinuousClock.now
        let identity = try await Self.sts(server, policy: .init(baseDelay: .milliseconds(10)), stall: .seconds(1)).getCallerIdentity()
        #expect(identity.account == "000000000000")
        #expect(server.requests.count == 3)
        // The stall was given up after the 1 s stall timeout, long before the server would have hung up.
        #expect(ContinuousClock.now - started < .seconds(30))
    }

    @Test("a stall on every attempt ends in a timeout error that says so")
    func stalledForever() async throws {
        let server = try FaultInjectingHTTPServer(fallback: .stall(.seconds(40)))
        defer { server.stop() }
        let error = try await #require(throws: AWSError.self) {
            try await Self.sts(server, policy: .init(maxAttempts: 2, baseDelay: .milliseconds(10)), stall: .seconds(1)).getCallerIdentity()
        }
        #expect(error.code == .transport)
        #expect(error.transportError?.kind == .timedOut)
        #expect(error.description.contains("timed out"))
        #expect(error.description.contains("after 2 attempts"))
    }

    @Test("the retry quota stops a storm: 20 failing calls send far fewer than 20 × 3 requests")
    func quotaStopsStorm() async throws {
        let server = try FaultInjectingHTTPServer(fallback: Self.throttle("InternalFailure", status: 500))
        defer { server.stop() }
        let sts = Self.sts(server, policy: .init(maxAttempts: 3, baseDelay: .milliseconds(5), quotaCapacity: 25))
        let errors = await withTaskGroup(of: AWSError?.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    do { _ = try await sts.getCallerIdentity(); return nil } catch { return error as? AWSError }
                }
            }
            return await group.reduce(into: [AWSError]()) { if let e = $1 { $0.append(e) } }
        }
        #expect(errors.count == 20)
        // 25 tokens pay for 5 retries at 5 each: 20 first attempts + 5 retries.
        #expect(server.requests.count == 25)
        #expect(errors.contains { $0.description.contains("retry quota is spent") })
    }
}
