/// The AWS services KineticsCore calls, with the names each one goes by in signing, endpoints and configuration.
public struct AWSService: Sendable, Hashable, CustomStringConvertible {
    /// Signature V4 signing name, e.g. `cloudformation`.
    public let signingName: String
    /// The first label of the default endpoint host, e.g. `cloudformation` in `cloudformation.eu-west-1.amazonaws.com`.
    public let endpointPrefix: String
    /// The service id as `AWS_ENDPOINT_URL_<ID>` spells it, e.g. `CLOUDWATCH_LOGS`.
    public let environmentId: String
    /// How messages name the service.
    public let displayName: String

    public var description: String { displayName }

    public static let s3 = AWSService(signingName: "s3", endpointPrefix: "s3", environmentId: "S3", displayName: "S3")
    public static let cloudFormation = AWSService(
        signingName: "cloudformation", endpointPrefix: "cloudformation", environmentId: "CLOUDFORMATION",
        displayName: "CloudFormation")
    public static let ssm = AWSService(signingName: "ssm", endpointPrefix: "ssm", environmentId: "SSM", displayName: "SSM")
    public static let sts = AWSService(signingName: "sts", endpointPrefix: "sts", environmentId: "STS", displayName: "STS")
    public static let cloudWatchLogs = AWSService(
        signingName: "logs", endpointPrefix: "logs", environmentId: "CLOUDWATCH_LOGS", displayName: "CloudWatch Logs")
    public static let iam = AWSService(signingName: "iam", endpointPrefix: "iam", environmentId: "IAM", displayName: "IAM")
}
