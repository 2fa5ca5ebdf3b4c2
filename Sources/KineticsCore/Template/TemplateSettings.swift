/// The instruction set Lambda runs a function's `bootstrap` on.
public enum LambdaArchitecture: String, Sendable, Hashable, Codable, CaseIterable {
    case arm64
    case x86_64
}

/// Choices the template generator does not take from the project itself.
public struct TemplateSettings: Sendable, Hashable {
    /// Days CloudWatch keeps each function's logs; one of the values CloudWatch accepts (1, 3, 5, 7, 14, 30…).
    public var logRetentionDays: Int
    /// Whether the Function URLs and the project's HTTP API are created. Off for a local endpoint: moto 5.2.1
    /// answers HTTP 500 for `AWS::Lambda::Url` (and CloudFront). It becomes the value of the template's
    /// `PublicEndpoints` parameter, so the template itself is the same either way.
    public var publicEndpoints: Bool
    /// The bucket big templates and nested stack templates are uploaded to; without it a project must fit one
    /// inline template (51,200 bytes).
    public var templateBucket: String?
    /// The architecture of every function; it must match the target the artifacts were built for.
    public var architecture: LambdaArchitecture

    /// Values CloudWatch Logs accepts for `RetentionInDays`.
    public static let allowedRetentionDays: [Int] = [
        1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
    ]

    public init(
        logRetentionDays: Int = 14, publicEndpoints: Bool = true, templateBucket: String? = nil,
        architecture: LambdaArchitecture = .x86_64
    ) {
        self.logRetentionDays = logRetentionDays
        self.publicEndpoints = publicEndpoints
        self.templateBucket = templateBucket
        self.architecture = architecture
    }
}
