import Foundation

/// One template of a generated stack: the root or a nested stack, as the bytes CloudFormation receives.
public struct TemplateDocument: Sendable, Hashable {
    /// CloudFormation's limit on a template passed inline as `TemplateBody`.
    public static let inlineLimit = 51_200
    /// CloudFormation's limit on a template read from S3.
    public static let s3Limit = 1_000_000

    /// The logical id of the `AWS::CloudFormation::Stack` that holds this template; `nil` for the root.
    public let logicalId: String?
    /// Deterministic JSON: the same project gives the same bytes.
    public let body: Data
    /// SHA-256 of `body`, 64 hex digits.
    public let sha256: String
    /// Where the template is uploaded: `templates/<stack>/<sha256>.json`.
    public let s3Key: String
    /// Whether it must be uploaded to S3 before the deploy: a nested template, or a root over the inline limit.
    public let needsS3Upload: Bool

    init(logicalId: String?, bytes: [UInt8], stackName: StackName) {
        self.logicalId = logicalId
        self.body = Data(bytes)
        self.sha256 = Digest.sha256(bytes).hexString
        self.s3Key = Self.s3Key(stackName: stackName, sha256: sha256)
        self.needsS3Upload = logicalId != nil || bytes.count > Self.inlineLimit
    }

    static func s3Key(stackName: StackName, sha256: String) -> String { "templates/\(stackName.value)/\(sha256).json" }

    /// The body as text, for `TemplateBody`.
    public var text: String { String(decoding: body, as: UTF8.self) }
}
