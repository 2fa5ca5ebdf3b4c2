import Foundation

/// Credentials, region and endpoints, resolved the way the AWS CLI resolves them.
///
/// - Credentials: explicit override; `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` / `AWS_SESSION_TOKEN` (skipped
///   when a profile is named explicitly); the profile's keys in `~/.aws/credentials`, then in `~/.aws/config`;
///   the profile's `credential_process`.
/// - Profile: the override, `AWS_PROFILE`, `AWS_DEFAULT_PROFILE`, else `default`; `[profile x]` in the config file.
/// - Region: the override, `AWS_REGION`, `AWS_DEFAULT_REGION`, the profile's `region`.
/// - Endpoint per service: the override (`--endpoint-url`), `AWS_ENDPOINT_URL_<SERVICE>`, `AWS_ENDPOINT_URL`, the
///   profile's `endpoint_url`, else AWS's own; `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true` ignores the variables and
///   the profile. S3 uses path-style addressing on custom endpoints.
///
/// `description` masks the access key id and never shows the secret key.
public struct AWSConfiguration: Sendable, CustomStringConvertible {
    /// What the command line can set; each wins over the environment and files.
    public struct Overrides: Sendable {
        public var profile: String?
        public var region: String?
        public var endpointURL: String?
        public var credentials: AWSCredentials?

        public init(profile: String? = nil, region: String? = nil, endpointURL: String? = nil, credentials: AWSCredentials? = nil) {
            self.profile = profile
            self.region = region
            self.endpointURL = endpointURL
            self.credentials = credentials
        }
    }

    public var credentials: AWSCredentials
    public var region: String
    /// The profile whose settings were read.
    public var profile: String
    /// Custom endpoints per service (`AWSService.environmentId`), and for all services.
    public var serviceEndpoints: [String: AWSEndpoint]
    public var defaultEndpoint: AWSEndpoint?
    /// Force path-style S3 addressing even on AWS's own endpoints.
    public var s3ForcePathStyle: Bool
    /// `AWS_MAX_ATTEMPTS` or the profile's `max_attempts`; 3 when unset, as in the SDKs' standard mode.
    public var maxAttempts: Int

    public init(
        credentials: AWSCredentials, region: String, profile: String = "default",
        endpoint: AWSEndpoint? = nil, serviceEndpoints: [String: AWSEndpoint] = [:],
        s3ForcePathStyle: Bool = false, maxAttempts: Int = 3
    ) {
        self.credentials = credentials
        self.region = region
        self.profile = profile
        self.defaultEndpoint = endpoint
        self.serviceEndpoints = serviceEndpoints
        self.s3ForcePathStyle = s3ForcePathStyle
        self.maxAttempts = maxAttempts
    }

    /// The endpoint requests to `service` go to.
    public func endpoint(for service: AWSService) -> AWSEndpoint {
        serviceEndpoints[service.environmentId] ?? defaultEndpoint ?? .standard(service, region: region)
    }

    public var description: String {
        var parts = ["credentials \(credentials)", "region \(region)", "profile \(profile)"]
        if let defaultEndpoint { parts.append("endpoint \(defaultEndpoint)") }
        for (id, endpoint) in serviceEndpoints.sorted(by: { $0.key < $1.key }) {
            parts.append("\(id) endpoint \(endpoint)")
        }
        return parts.joined(separator: ", ")
    }

    // MARK: - Resolution

    /// Resolves everything from an environment, a home directory and command-line overrides.
    ///
    /// Reads the two files (and runs `credential_process` when the profile has one); nothing else.
    public static func resolve(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        homeDirectory: String? = nil,
        overrides: Overrides = Overrides()
    ) throws -> AWSConfiguration {
        let env = environment.filter { !$0.value.isEmpty }
        let home = homeDirectory ?? env["HOME"] ?? NSHomeDirectory()
        let configPath = expand(env["AWS_CONFIG_FILE"] ?? "~/.aws/config", home: home)
        let credentialsPath = expand(env["AWS_SHARED_CREDENTIALS_FILE"] ?? "~/.aws/credentials", home: home)
        let configFile = readINI(configPath)
        let credentialsFile = readINI(credentialsPath)

        let explicitProfile = overrides.profile ?? env["AWS_PROFILE"] ?? env["AWS_DEFAULT_PROFILE"]
        let profileName = explicitProfile ?? "default"
        let fromConfig = configFile?[profileName == "default" ? "default" : "profile \(profileName)"]
            ?? (profileName == "default" ? configFile?["profile default"] : nil)
        let fromCredentials = credentialsFile?[profileName]
        if let explicitProfile, fromConfig == nil, fromCredentials == nil {
            throw AWSError(
                code: .profileNotFound,
                summary: "The AWS profile \"\(explicitProfile)\" is in neither \(configPath) nor \(credentialsPath)",
                advice: "Check the name (AWS_PROFILE or --profile), or create it with `aws configure --profile \(explicitProfile)`.")
        }
        let profile = (fromConfig ?? [:]).merging(fromCredentials ?? [:]) { _, credentialsValue in credentialsValue }

        let credentials = try resolveCredentials(
            overrides: overrides, env: env, profileName: profileName, skipEnvironment: overrides.profile != nil,
            fromCredentials: fromCredentials, fromConfig: fromConfig, configPath: configPath,
            credentialsPath: credentialsPath, home: home)

        guard let region = overrides.region ?? env["AWS_REGION"] ?? env["AWS_DEFAULT_REGION"] ?? profile["region"] else {
            throw AWSError(
                code: .missingRegion, summary: "No AWS region is configured",
                advice: "Set AWS_REGION (e.g. export AWS_REGION=eu-west-1), pass --region, or add `region = …` to profile \"\(profileName)\" in \(configPath).")
        }

        var configuration = AWSConfiguration(credentials: credentials, region: region, profile: profileName)
        let ignoreConfigured = env["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"]?.lowercased() == "true"
            || profile["ignore_configured_endpoint_urls"]?.lowercased() == "true"
        if let url = overrides.endpointURL {
            configuration.defaultEndpoint = try endpoint(url, from: "--endpoint-url")
        } else if !ignoreConfigured {
            if let url = env["AWS_ENDPOINT_URL"] {
                configuration.defaultEndpoint = try endpoint(url, from: "AWS_ENDPOINT_URL")
            } else if let url = profile["endpoint_url"] {
                configuration.defaultEndpoint = try endpoint(url, from: "endpoint_url of profile \"\(profileName)\"")
            }
            for service in [AWSService.s3, .cloudFormation, .ssm, .sts, .cloudWatchLogs, .iam] {
                let name = "AWS_ENDPOINT_URL_\(service.environmentId)"
                if let url = env[name] {
                    configuration.serviceEndpoints[service.environmentId] = try endpoint(url, from: name)
                }
            }
        }
        if let style = profile["s3.addressing_style"] ?? env["AWS_S3_ADDRESSING_STYLE"] {
            configuration.s3ForcePathStyle = style.lowercased() == "path"
        }
        if let raw = env["AWS_MAX_ATTEMPTS"] ?? profile["max_attempts"] {
            guard let attempts = Int(raw), attempts >= 1 else {
                throw AWSError(code: .invalidConfiguration, summary: "max_attempts must be a whole number of at least 1, not \"\(raw)\"",
                               advice: "Fix AWS_MAX_ATTEMPTS or the profile's max_attempts.")
            }
            configuration.maxAttempts = attempts
        }
        return configuration
    }

    private static func resolveCredentials(
        overrides: Overrides, env: [String: String], profileName: String, skipEnvironment: Bool,
        fromCredentials: [String: String]?, fromConfig: [String: String]?, configPath: String, credentialsPath: String,
        home: String
    ) throws -> AWSCredentials {
        if let credentials = overrides.credentials { return credentials }
        if !skipEnvironment {
            let id = env["AWS_ACCESS_KEY_ID"]
            let secret = env["AWS_SECRET_ACCESS_KEY"]
            switch (id, secret) {
            case let (id?, secret?):
                return AWSCredentials(
                    accessKeyId: id, secretAccessKey: secret, sessionToken: env["AWS_SESSION_TOKEN"] ?? env["AWS_SECURITY_TOKEN"],
                    source: "environment")
            case (.some, nil):
                throw AWSError(code: .partialCredentials, summary: "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not",
                               advice: "Set both, or unset AWS_ACCESS_KEY_ID to use a profile.")
            case (nil, .some):
                throw AWSError(code: .partialCredentials, summary: "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not",
                               advice: "Set both, or unset AWS_SECRET_ACCESS_KEY to use a profile.")
            case (nil, nil):
                break
            }
        }
        for (section, path) in [(fromCredentials, credentialsPath), (fromConfig, configPath)] {
            guard let section else { continue }
            let id = section["aws_access_key_id"]
            let secret = section["aws_secret_access_key"]
            if let id, let secret {
                return AWSCredentials(
                    accessKeyId: id, secretAccessKey: secret, sessionToken: section["aws_session_token"] ?? section["aws_security_token"],
                    source: "profile \"\(profileName)\" in \(display(path, home: home))")
            }
            if (id == nil) != (secret == nil) {
                let missing = id == nil ? "aws_access_key_id" : "aws_secret_access_key"
                throw AWSError(code: .partialCredentials,
                               summary: "Profile \"\(profileName)\" in \(path) has no \(missing)",
                               advice: "Add it, or remove the other key of the pair.")
            }
        }
        if let command = fromConfig?["credential_process"] ?? fromCredentials?["credential_process"] {
            return try CredentialProcess.run(command, environment: env, profile: profileName)
        }
        if fromConfig?["role_arn"] != nil || fromConfig?["sso_session"] != nil || fromConfig?["sso_start_url"] != nil {
            throw AWSError(
                code: .missingCredentials,
                summary: "Profile \"\(profileName)\" uses role assumption or SSO, which kinetics-tui does not perform itself",
                advice: "Export credentials first (e.g. `eval \"$(aws configure export-credentials --profile \(profileName) --format env)\"`) or add a credential_process.")
        }
        throw AWSError(
            code: .missingCredentials,
            summary: "No AWS credentials were found: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set, and profile \"\(profileName)\" has no aws_access_key_id or credential_process in \(display(credentialsPath, home: home)) or \(display(configPath, home: home))",
            advice: "Run `aws configure`, export the two variables, or try it locally first with --local.")
    }

    private static func endpoint(_ url: String, from source: String) throws -> AWSEndpoint {
        guard let endpoint = AWSEndpoint(url: url) else {
            throw AWSError(code: .invalidConfiguration, summary: "\(source) is not an http(s) URL with a host: \"\(url)\"",
                           advice: "Use a URL such as http://127.0.0.1:5000 or https://s3.eu-west-1.amazonaws.com.")
        }
        return endpoint
    }

    private static func readINI(_ path: String) -> INIFile? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return INIFile(parsing: String(decoding: data, as: UTF8.self))
    }

    private static func expand(_ path: String, home: String) -> String {
        path == "~" ? home : path.hasPrefix("~/") ? home + path.dropFirst(1) : path
    }

    private static func display(_ path: String, home: String) -> String {
        path.hasPrefix(home + "/") ? "~" + path.dropFirst(home.count) : path
    }
}
