import Foundation

/// What a deploy is about to do: which functions are built, uploaded or left alone, and where the template goes.
public struct DeployPlan: Codable, Sendable, Hashable {
    public var projectName: String
    /// The project directory, absolute.
    public var projectRoot: String
    public var stackName: String
    public var env: String
    public var region: String
    /// The endpoint for non-AWS targets (a local moto server); empty for AWS.
    public var endpoint: String
    /// Per function: `build`, `upload` or `skip`, with the reason.
    public var functions: [SessionPlan.Function]
    /// Where the generated template is written on disk, for reading or `cfn-lint`.
    public var templatePath: String?
    /// `DeployTemplate.fingerprint` of the template, when it is generated.
    public var templateFingerprint: String?

    public init(
        projectName: String, projectRoot: String, stackName: String, env: String, region: String, endpoint: String = "",
        functions: [SessionPlan.Function] = [], templatePath: String? = nil, templateFingerprint: String? = nil
    ) {
        self.projectName = projectName
        self.projectRoot = projectRoot
        self.stackName = stackName
        self.env = env
        self.region = region
        self.endpoint = endpoint
        self.functions = functions
        self.templatePath = templatePath
        self.templateFingerprint = templateFingerprint
    }

    /// The plan as the cache records it.
    public var sessionPlan: SessionPlan {
        SessionPlan(functions: functions, templateSha256: templateFingerprint)
    }
}
