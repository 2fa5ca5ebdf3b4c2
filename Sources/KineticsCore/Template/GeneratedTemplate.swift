/// The templates and stack settings that deploy one project to one environment.
public struct GeneratedTemplate: Sendable {
    /// `<project>-<environment>`.
    public let stackName: StackName
    public let root: TemplateDocument
    /// Nested stack templates, in the order of their logical ids; empty when the project fits one stack.
    public let children: [TemplateDocument]
    /// Parameter values to create or update the root stack with.
    public let parameters: [String: String]
    /// `CAPABILITY_NAMED_IAM` when there are functions: their roles have explicit names (nested stacks need no
    /// capability of their own).
    public let capabilities: [String]
    /// Stack tags, propagated by CloudFormation to every resource that takes tags.
    public let tags: [String: String]
    /// The bucket documents that need S3 are uploaded to.
    public let templateBucket: String?
    /// Resources in each document: the root first, then the children.
    public let resourceCounts: [Int]

    /// Every document the deploy must put in `templateBucket` first: the children, and the root when it is
    /// too big to pass inline.
    public var documentsToUpload: [TemplateDocument] { ([root] + children).filter(\.needsS3Upload) }

    /// All documents, the root first.
    public var documents: [TemplateDocument] { [root] + children }

    /// The `TemplateURL` of `document` in `templateBucket`, virtual-hosted style: the form CloudFormation
    /// reads, and the form moto resolves against its own S3 whatever endpoint it listens on. `nil` without a bucket.
    public func templateURL(for document: TemplateDocument, region: String, urlSuffix: String = "amazonaws.com") -> String? {
        guard let templateBucket else { return nil }
        return "https://\(templateBucket).s3.\(region).\(urlSuffix)/\(document.s3Key)"
    }

    /// How the deploy passes the root template: inline when it fits, else its URL.
    public func rootTemplateSource(region: String, urlSuffix: String = "amazonaws.com") -> TemplateSource {
        if !root.needsS3Upload { return .body(root.text) }
        return .url(templateURL(for: root, region: region, urlSuffix: urlSuffix) ?? "")
    }

    /// The parameters as CloudFormation takes them, sorted by key.
    public var stackParameters: [StackParameter] {
        parameters.keys.sorted().map { StackParameter(key: $0, value: parameters[$0]) }
    }

    /// The tags as CloudFormation takes them, sorted by key.
    public var stackTags: [StackTag] {
        tags.keys.sorted().map { StackTag(key: $0, value: tags[$0]!) }
    }
}
