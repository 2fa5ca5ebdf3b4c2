import Foundation
import Testing
@testable import KineticsCore

@Suite("AWS configuration resolves like the AWS CLI")
struct AWSConfigurationTests {
    /// A throwaway home directory with the given `~/.aws/config` and `~/.aws/credentials`.
    static func home(config: String? = nil, credentials: String? = nil) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kt-aws-home-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent(".aws"), withIntermediateDirectories: true)
        if let config { try config.write(to: dir.appendingPathComponent(".aws/config"), atomically: true, encoding: .utf8) }
        if let credentials { try credentials.write(to: dir.appendingPathComponent(".aws/credentials"), atomically: true, encoding: .utf8) }
        return dir.path
    }

    @Test("environment variables give credentials, session token and region")
    func environment() throws {
        let config = try AWSConfiguration.resolve(
            environment: ["AWS_ACCESS_KEY_ID": "AKIAENVIRONMENT1234", "AWS_SECRET_ACCESS_KEY": "envsecret", "AWS_SESSION_TOKEN": "tok",
                          "AWS_REGION": "eu-west-1", "AWS_DEFAULT_REGION": "us-west-2"],
            homeDirectory: try Self.home())
        #expect(config.credentials.accessKeyId == "AKIAENVIRONMENT1234")
        #expect(config.credentials.sessionToken == "tok")
        #expect(config.credentials.source == "environment")
        #expect(config.region == "eu-west-1")
        #expect(config.endpoint(for: .cloudFormation).url == "https://cloudformation.eu-west-1.amazonaws.com")
    }

    @Test("AWS_PROFILE selects [profile x] in config and [x] in credentials; credentials file wins")
    func profiles() throws {
        let home = try Self.home(
            config: """
            [default]
            region = us-east-1
            [profile dev]
            region = ap-southeast-2
            aws_access_key_id = AKIACONFIGFILE00000
            aws_secret_access_key = config-secret
            s3 =
              addressing_style = path
            """,
            credentials: """
            # a comment
            [dev]
            aws_access_key_id = AKIACREDENTIALS0000
            aws_secret_access_key = credentials-secret ; trailing comment
            aws_session_token = dev-token
            """)
        let config = try AWSConfiguration.resolve(environment: ["AWS_PROFILE": "dev"], homeDirectory: home)
        #expect(config.profile == "dev")
        #expect(config.region == "ap-southeast-2")
        #expect(config.credentials.accessKeyId == "AKIACREDENTIALS0000")
        #expect(config.credentials.secretAccessKey == "credentials-secret")
        #expect(config.credentials.sessionToken == "dev-token")
        #expect(config.credentials.source == "profile \"dev\" in ~/.aws/credentials")
        #expect(config.s3ForcePathStyle)
    }

    @Test("an explicit --profile skips the environment's keys")
    func explicitProfileSkipsEnvironment() throws {
        let home = try Self.home(credentials: "[ci]\naws_access_key_id = AKIAFROMPROFILE0000\naws_secret_access_key = s\n")
        let config = try AWSConfiguration.resolve(
            environment: ["AWS_ACCESS_KEY_ID": "AKIAENV", "AWS_SECRET_ACCESS_KEY": "x", "AWS_REGION": "eu-central-1"],
            homeDirectory: home, overrides: .init(profile: "ci"))
        #expect(config.credentials.accessKeyId == "AKIAFROMPROFILE0000")
    }

    @Test("overrides win over everything")
    func overrides() throws {
        let config = try AWSConfiguration.resolve(
            environment: ["AWS_ACCESS_KEY_ID": "AKIAENV", "AWS_SECRET_ACCESS_KEY": "x", "AWS_REGION": "eu-central-1",
                          "AWS_ENDPOINT_URL": "http://127.0.0.1:1"],
            homeDirectory: try Self.home(), overrides: .init(region: "sa-east-1", endpointURL: "http://localhost:4566/base/"))
        #expect(config.region == "sa-east-1")
        let endpoint = config.endpoint(for: .s3)
        #expect(endpoint.host == "localhost")
        #expect(endpoint.port == 4566)
        #expect(endpoint.basePath == "/base")
        #expect(endpoint.isCustom)
    }

    @Test("AWS_ENDPOINT_URL_<SERVICE> beats AWS_ENDPOINT_URL for that service only")
    func serviceEndpoints() throws {
        let config = try AWSConfiguration.resolve(
            environment: ["AWS_ACCESS_KEY_ID": "AKIAENV", "AWS_SECRET_ACCESS_KEY": "x", "AWS_REGION": "us-east-1",
                          "AWS_ENDPOINT_URL": "http://127.0.0.1:5000", "AWS_ENDPOINT_URL_S3": "http://127.0.0.1:9000",
                          "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS": "http://127.0.0.1:7000"],
            homeDirectory: try Self.home())
        #expect(config.endpoint(for: .s3).url == "http://127.0.0.1:9000")
        #expect(config.endpoint(for: .cloudWatchLogs).url == "http://127.0.0.1:7000")
        #expect(config.endpoint(for: .cloudFormation).url == "http://127.0.0.1:5000")
        let ignored = try AWSConfiguration.resolve(
            environment: ["AWS_ACCESS_KEY_ID": "AKIAENV", "AWS_SECRET_ACCESS_KEY": "x", "AWS_REGION": "us-east-1",
                          "AWS_ENDPOINT_URL": "http://127.0.0.1:5000", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"],
            homeDirectory: try Self.home())
        #expect(ignored.endpoint(for: .s3).isCustom == false)
    }

    @Test("credential_process is run and its JSON read")
    func credentialProcess() throws {
        let home = try Self.home(config: """
            [default]
            region = us-east-1
            credential_process = printf '{"Version":1,"AccessKeyId":"AKIAPROCESS00000000","SecretAccessKey":"p","SessionToken":"pt","Expiration":"2030-01-01T00:00:00Z"}'
            """)
        let config = try AWSConfiguration.resolve(environment: ["PATH": "/usr/bin:/bin"], homeDirectory: home)
        #expect(config.credentials.accessKeyId == "AKIAPROCESS00000000")
        #expect(config.credentials.sessionToken == "pt")
        #expect(config.credentials.expiration != nil)
    }

    @Test("a failing credential_process says so")
    func credentialProcessFails() throws {
        let home = try Self.home(config: "[default]\nregion = us-east-1\ncredential_process = sh -c 'echo broken >&2; exit 4'\n")
        let error = try #require(throws: AWSError.self) {
            try AWSConfiguration.resolve(environment: ["PATH": "/usr/bin:/bin"], homeDirectory: home)
        }
        #expect(error.code == .credentialProcessFailed)
        #expect(error.description.contains("exited with status 4"))
        #expect(error.description.contains("broken"))
    }

    @Test("no credentials anywhere names what is missing and where it looked")
    func missingCredentials() throws {
        let error = try #require(throws: AWSError.self) {
            try AWSConfiguration.resolve(environment: ["AWS_REGION": "us-east-1"], homeDirectory: try Self.home())
        }
        #expect(error.code == .missingCredentials)
        #expect(error.description.contains("AWS_ACCESS_KEY_ID"))
        #expect(error.description.contains("~/.aws/credentials"))
        #expect(error.description.contains("--local"))
    }

    @Test("half a key pair, an unknown profile, no region and a bad endpoint are each named")
    func badInput() throws {
        let home = try Self.home()
        let partial = try #require(throws: AWSError.self) {
            try AWSConfiguration.resolve(environment: ["AWS_ACCESS_KEY_ID": "AKIA", "AWS_REGION": "us-east-1"], homeDirectory: home)
        }
        #expect(partial.code == .partialCredentials)
        #expect(partial.description.contains("AWS_SECRET_ACCESS_KEY is not"))
        let profile = try #require(throws: AWSError.self) {
            try AWSConfiguration.resolve(environment: ["AWS_PROFILE": "nope"], homeDirectory: home)
        }
        #expect(profile.code == .profileNotFound)
        #expect(profile.description.contains("\"nope\""))
        let region = try #require(throws: AWSError.self) {
            try AWSConfiguration.resolve(environment: ["AWS_ACCESS_KEY_ID": "A", "AWS_SECRET_ACCESS_KEY": "B"], homeDirectory: home)
        }
        #expect(region.code == .missingRegion)
        #expect(region.description.contains("AWS_REGION"))
        let endpoint = try #require(throws: AWSError.self) {
            try AWSConfiguration.resolve(
                environment: ["AWS_ACCESS_KEY_ID": "A", "AWS_SECRET_ACCESS_KEY": "B", "AWS_REGION": "us-east-1",
                              "AWS_ENDPOINT_URL": "not a url"], homeDirectory: home)
        }
        #expect(endpoint.code == .invalidConfiguration)
        #expect(endpoint.description.contains("AWS_ENDPOINT_URL"))
    }

    @Test("the description masks the access key and never shows the secret or the token")
    func masking() throws {
        let config = try AWSConfiguration.resolve(
            environment: ["AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                          "AWS_SESSION_TOKEN": "FwoGZXIvYXdzEXAMPLETOKEN", "AWS_REGION": "us-east-1"],
            homeDirectory: try Self.home())
        let text = "\(config) \(config.credentials) \(String(reflecting: config.credentials))"
        #expect(text.contains("AKIA…MPLE"))
        #expect(!text.contains("AKIAIOSFODNN7EXAMPLE"))
        #expect(!text.contains("wJalrXUtnFEMI"))
        #expect(!text.contains("FwoGZXIvYXdzEXAMPLETOKEN"))
    }
}
