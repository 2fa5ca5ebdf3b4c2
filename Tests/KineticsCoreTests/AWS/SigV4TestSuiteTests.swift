import Foundation
import Testing
@testable import KineticsCore

/// The AWS Signature V4 test suite, case by case: the canonical request, the string to sign and the
/// `Authorization` header AWS specifies for each request.
@Suite("Signature V4 matches the AWS test suite")
struct SigV4TestSuiteTests {
    struct Suite: Decodable {
        var accessKeyId: String
        var secretAccessKey: String
        var region: String
        var service: String
        var cases: [Case]
    }

    struct Case: Decodable, CustomTestStringConvertible, Sendable {
        var name: String
        var method: String
        var path: String
        var query: [[String]]
        var headers: [[String]]
        var body: String
        var canonicalRequest: String
        var stringToSign: String
        var authorization: String
        var testDescription: String { name }
    }

    static let suite: Suite = {
        let url = Bundle.module.url(forResource: "Fixtures/AWS/sigv4-testsuite", withExtension: "json")!
        return try! JSONDecoder().decode(Suite.self, from: Data(contentsOf: url))
    }()

    static func request(_ c: Case) -> HTTPRequest {
        HTTPRequest(
            method: c.method, host: "example.amazonaws.com", encodedPath: c.path,
            query: c.query.map { ($0[0], $0[1]) }, headers: HTTPHeaders(c.headers.map { ($0[0], $0[1]) }),
            body: .data(Data(c.body.utf8)))
    }

    static func signer(_ c: Case) -> SigV4Signer {
        SigV4Signer(
            credentials: AWSCredentials(accessKeyId: suite.accessKeyId, secretAccessKey: suite.secretAccessKey),
            region: suite.region, service: suite.service)
    }

    @Test("the fixture holds the whole suite, get-vanilla included")
    func fixtureIsComplete() {
        #expect(Self.suite.cases.count >= 30)
        #expect(Self.suite.cases.contains { $0.name == "get-vanilla" })
    }

    @Test("canonical request, string to sign and signature", arguments: suite.cases)
    func signsLikeTheSuite(_ c: Case) {
        let signer = Self.signer(c)
        let request = Self.request(c)
        let payloadHash = Digest.sha256(Data(c.body.utf8)).hexString
        let canonical = signer.canonicalRequest(request, payloadHash: payloadHash)
        #expect(canonical == c.canonicalRequest)
        let timestamp = "20150830T123600Z"
        let stringToSign = signer.stringToSign(canonicalRequest: canonical, timestamp: timestamp)
        #expect(stringToSign == c.stringToSign)
        let signature = signer.signature(stringToSign: stringToSign, timestamp: timestamp)
        #expect(c.authorization.hasSuffix("Signature=\(signature)"))
    }

    @Test("sign() adds the same Authorization header as the suite for get-vanilla")
    func signEndToEnd() throws {
        let c = try #require(Self.suite.cases.first { $0.name == "get-vanilla" })
        var request = HTTPRequest(method: "GET", host: "example.amazonaws.com")
        Self.signer(c).sign(&request, date: Date(timeIntervalSince1970: 1_440_938_160), payloadHash: SigV4Signer.emptyPayloadHash)
        #expect(request.headers["X-Amz-Date"] == "20150830T123600Z")
        #expect(request.headers["Authorization"] == c.authorization)
    }

    @Test("the session token is signed when present")
    func sessionToken() {
        var request = HTTPRequest(method: "GET", host: "example.amazonaws.com")
        let signer = SigV4Signer(
            credentials: AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret", sessionToken: "token-value"),
            region: "us-east-1", service: "sts")
        signer.sign(&request, date: Date(timeIntervalSince1970: 0), payloadHash: SigV4Signer.emptyPayloadHash)
        #expect(request.headers["X-Amz-Security-Token"] == "token-value")
        #expect(request.headers["Authorization"]?.contains("SignedHeaders=host;x-amz-date;x-amz-security-token,") == true)
    }

    @Test("S3 requests carry x-amz-content-sha256 and sign the path as sent")
    func s3Specifics() {
        var request = HTTPRequest(method: "PUT", host: "127.0.0.1", port: 5000, encodedPath: "/bucket/a%20b/../c")
        let signer = SigV4Signer(credentials: AWSCredentials(accessKeyId: "AKID", secretAccessKey: "secret"), region: "us-east-1", service: "s3")
        signer.sign(&request, date: Date(timeIntervalSince1970: 0), payloadHash: SigV4Signer.unsignedPayload)
        #expect(request.headers["X-Amz-Content-SHA256"] == "UNSIGNED-PAYLOAD")
        #expect(request.headers["Host"] == "127.0.0.1:5000")
        let canonical = signer.canonicalRequest(request, payloadHash: SigV4Signer.unsignedPayload)
        #expect(canonical.split(separator: "\n", omittingEmptySubsequences: false)[1] == "/bucket/a%20b/../c")
        #expect(request.headers["Authorization"]?.contains("x-amz-content-sha256") == true)
    }
}
