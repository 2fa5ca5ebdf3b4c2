import Foundation
import Testing
@testable import KineticsCore

@Suite("The AWS client signs every attempt, retries, and reports typed errors")
struct AWSClientTests {
    static let credentials = AWSCredentials(
        accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", source: "test")

    static func client(_ transport: FakeHTTPTransport, clock: RecordingClock = RecordingClock(), policy: RetryStrategy.Policy = .init()) -> AWSClient {
        AWSClient(
            configuration: AWSConfiguration(credentials: credentials, region: "eu-west-1", endpoint: AWSEndpoint(url: "http://127.0.0.1:1")),
            transport: transport, clock: clock, retry: RetryStrategy(policy: policy, random: { 0.5 }))
    }

    @Test("Query errors surface code, message and request id; the signature never appears")
    func queryError() async throws {
        let signatureLike = String(repeating: "ab12", count: 16)
        let transport = FakeHTTPTransport([
            FakeHTTPTransport.xmlError(
                status: 400, code: "ValidationError",
                message: "Stack kinetics-dev does not exist; we computed \(signatureLike) for wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                requestId: "4af2e-1")
        ])
        let cfn = CloudFormationClient(client: Self.client(transport))
        let error = try await #require(throws: AWSError.self) { try await cfn.describeStacks(name: "kinetics-dev") }
        #expect(error.code == .service)
        #expect(error.serviceCode == "ValidationError")
        #expect(error.requestId == "4af2e-1")
        #expect(error.httpStatus == 400)
        #expect(error.description.contains("CloudFormation DescribeStacks failed with ValidationError: Stack kinetics-dev does not exist"))
        #expect(!error.description.contains(signatureLike))
        #expect(!error.description.contains("wJalrXUtnFEMI"))
        #expect(transport.requests.count == 1)
    }

    @Test("JSON errors are read from __type and x-amzn-ErrorType")
    func jsonError() {
        let body = AWSErrorBody.parse(HTTPResponse(
            status: 400, headers: HTTPHeaders([("x-amzn-RequestId", "rid")]),
            body: Data(#"{"__type":"com.amazonaws.ssm#ParameterNotFound","message":"Parameter /x not found."}"#.utf8)))
        #expect(body == AWSErrorBody(code: "ParameterNotFound", message: "Parameter /x not found.", requestId: "rid"))
        let header = AWSErrorBody.parse(HTTPResponse(
            status: 400, headers: HTTPHeaders([("x-amzn-ErrorType", "ThrottlingException:http://internal.amazon.com/")]), body: Data("{}".utf8)))
        #expect(header.code == "ThrottlingException")
    }

    @Test("S3 errors are read from <Error>, and bodiless HEAD errors from the status")
    func s3Error() {
        let body = AWSErrorBody.parse(HTTPResponse(
            status: 404, body: Data("<?xml version=\"1.0\"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><RequestId>r9</RequestId></Error>".utf8)))
        #expect(body == AWSErrorBody(code: "NoSuchKey", message: "The specified key does not exist.", requestId: "r9"))
        #expect(AWSErrorBody.parse(HTTPResponse(status: 404)).code == "NotFound")
        #expect(AWSErrorBody.parse(HTTPResponse(status: 403)).code == "Forbidden")
    }

    @Test("throttling is retried with backoff and each attempt is signed afresh")
    func retriesThrottling() async throws {
        let clock = RecordingClock()
        let transport = FakeHTTPTransport([
            FakeHTTPTransport.xmlError(status: 400, code: "Throttling", message: "Rate exceeded"),
            FakeHTTPTransport.xmlError(status: 400, code: "Throttling", message: "Rate exceeded"),
        ], fallback: .response(HTTPResponse(status: 200, body: Data(
            "<GetCallerIdentityResponse><GetCallerIdentityResult><Account>123456789012</Account><Arn>arn:aws:iam::123456789012:user/x</Arn><UserId>AIDA</UserId></GetCallerIdentityResult></GetCallerIdentityResponse>".utf8))))
        let identity = try await STSClient(client: Self.client(transport, clock: clock)).getCallerIdentity()
        #expect(identity.account == "123456789012")
        #expect(clock.sleeps == [.milliseconds(500), .seconds(1)])
        let dates = transport.requests.compactMap { $0.headers["X-Amz-Date"] }
        // The clock moved 0.5 s, then 1 s more: the third attempt is signed a second later.
        #expect(dates == ["20150830T123600Z", "20150830T123600Z", "20150830T123601Z"])
    }

    @Test("after the last attempt the error says what happened and how often")
    func exhausted() async throws {
        let transport = FakeHTTPTransport(fallback: FakeHTTPTransport.xmlError(status: 503, code: "ServiceUnavailable", message: "Down"))
        let error = try await #require(throws: AWSError.self) {
            try await STSClient(client: Self.client(transport)).getCallerIdentity()
        }
        #expect(error.attempts == 3)
        #expect(transport.requests.count == 3)
        #expect(error.description.contains("after 3 attempts"))
        #expect(error.description.contains("ServiceUnavailable"))
    }

    @Test("a non-idempotent call is not resent after a reset, and says why")
    func nonIdempotent() async throws {
        let transport = FakeHTTPTransport(fallback: .failure(HTTPTransportError(kind: .connectionReset, detail: "reset by peer", host: "h")))
        let client = Self.client(transport)
        let request = client.makeRequest(.s3, method: "POST", encodedPath: "/b/k", query: [("uploads", "")])
        let error = try await #require(throws: AWSError.self) {
            try await client.send(request, operation: AWSOperation(service: .s3, name: "CreateMultipartUpload", idempotent: false))
        }
        #expect(transport.requests.count == 1)
        #expect(error.code == .transport)
        #expect(error.description.contains("may already have taken effect"))
    }

    @Test("a spent quota stops retries and says so")
    func quotaStopsStorm() async throws {
        let transport = FakeHTTPTransport(fallback: FakeHTTPTransport.xmlError(status: 500, code: "InternalFailure", message: "x"))
        let client = Self.client(transport, policy: .init(maxAttempts: 5, quotaCapacity: 12))
        let sts = STSClient(client: client)
        for _ in 0..<3 {
            _ = try? await sts.getCallerIdentity()
        }
        // 12 tokens pay for two retries; every later failure is final at once.
        #expect(transport.requests.count == 3 + 2)
        let error = try await #require(throws: AWSError.self) { try await sts.getCallerIdentity() }
        #expect(error.description.contains("retry quota is spent"))
    }

    @Test("cancellation stops between attempts")
    func cancellation() async throws {
        let transport = FakeHTTPTransport(fallback: FakeHTTPTransport.xmlError(status: 503, code: "SlowDown", message: "x"))
        let client = AWSClient(
            configuration: AWSConfiguration(credentials: Self.credentials, region: "eu-west-1", endpoint: AWSEndpoint(url: "http://127.0.0.1:1")),
            transport: transport, retry: RetryStrategy(policy: .init(maxAttempts: 10, baseDelay: .seconds(30)), random: { 1 }))
        let task = Task { try await STSClient(client: client).getCallerIdentity() }
        try await Task.sleep(for: .milliseconds(100))
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(transport.requests.count == 1)
    }
}
