import Foundation
import KineticsCore

/// The embedded local AWS with moto's signature checking on, shared by the integration tests of one test run.
///
/// It starts `LocalAWSServer` with `INITIAL_NO_AUTH_ACTION_COUNT=4`, and spends those four unauthenticated calls on
/// IAM: CreateUser, CreatePolicy (allow everything), AttachUserPolicy, CreateAccessKey. Every later request is
/// authenticated by moto, so a wrong signature fails with `SignatureDoesNotMatch`.
struct AuthenticatedMoto: Sendable {
    let server: LocalAWSServer
    let credentials: AWSCredentials

    static let unauthenticatedCalls = 4

    private static let shared = Task<AuthenticatedMoto, any Error> { try await start() }

    /// The one instance of this test run, started on first use.
    static func get() async throws -> AuthenticatedMoto { try await shared.value }

    static func start() async throws -> AuthenticatedMoto {
        let server = try await LocalAWSServer.start(LocalAWSServer.Options(initialNoAuthActionCount: unauthenticatedCalls))
        let iam = AWSClient(configuration: server.configuration())
        func call(_ action: String, _ parameters: [(String, String)]) async throws -> AWSXML {
            try await iam.query(.iam, version: "2010-05-08", action: action, parameters: parameters, idempotent: false)
        }
        let user = "kinetics-tests"
        _ = try await call("CreateUser", [("UserName", user)])
        let document = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#
        let policy = try await call("CreatePolicy", [("PolicyName", "allow-all"), ("PolicyDocument", document)])
        let arn = try require_(policy.path("Policy", "Arn")?.text, "CreatePolicy returned no Arn")
        _ = try await call("AttachUserPolicy", [("UserName", user), ("PolicyArn", arn)])
        let key = try await call("CreateAccessKey", [("UserName", user)])
        let id = try require_(key.path("AccessKey", "AccessKeyId")?.text, "CreateAccessKey returned no AccessKeyId")
        let secret = try require_(key.path("AccessKey", "SecretAccessKey")?.text, "CreateAccessKey returned no SecretAccessKey")
        return AuthenticatedMoto(server: server, credentials: AWSCredentials(accessKeyId: id, secretAccessKey: secret, source: "moto IAM"))
    }

    /// A client signing with the IAM user's key (or with `credentials`).
    func client(credentials: AWSCredentials? = nil, transport: (any HTTPTransport)? = nil) -> AWSClient {
        AWSClient(configuration: server.configuration(credentials: credentials ?? self.credentials), transport: transport)
    }
}

struct MissingField: Error, CustomStringConvertible {
    var description: String
}

/// Unwraps, or throws with a message (usable outside a test function).
func require_<T>(_ value: T?, _ message: String) throws -> T {
    guard let value else { throw MissingField(description: message) }
    return value
}
