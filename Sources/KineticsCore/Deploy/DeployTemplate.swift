import Foundation

/// A CloudFormation template as the deployer takes it: the root document (inline, or stored in S3 when too
/// large), the nested-stack documents to store first, and what CreateChangeSet needs besides.
public struct DeployTemplate: Sendable, Hashable {
    /// One template document.
    public struct Document: Sendable, Hashable {
        public var body: String
        /// SHA-256 of `body`, hex.
        public var sha256: String
        /// Where the document goes in the template bucket.
        public var s3Key: String
        /// Whether it must be given to CloudFormation as an S3 URL (over the inline limit, or a nested stack).
        public var needsS3Upload: Bool

        public init(body: String, sha256: String? = nil, s3Key: String? = nil, needsS3Upload: Bool? = nil) {
            let sha = sha256 ?? Digest.sha256(Data(body.utf8)).hexString
            self.body = body
            self.sha256 = sha
            self.s3Key = s3Key ?? "templates/\(sha).json"
            self.needsS3Upload = needsS3Upload ?? (body.utf8.count > DeployTemplate.inlineLimit)
        }
    }

    /// CloudFormation's limit for an inline `TemplateBody`.
    public static let inlineLimit = 51_200

    public var stackName: String
    public var root: Document
    /// Documents to store in the template bucket before the change set is created (nested stacks, and the root
    /// when it needs S3).
    public var documentsToUpload: [Document]
    /// The bucket documents are stored in; required when any document needs S3.
    public var bucket: String?
    public var parameters: [StackParameter]
    public var capabilities: [String]
    public var tags: [StackTag]
    /// Whether the template has nested stacks (their change sets are then described too).
    public var hasNestedStacks: Bool
    /// The `TemplateURL` of the root, when it is passed through S3; without it the URL of the object is derived
    /// from the S3 endpoint.
    public var rootTemplateURL: String?

    public init(
        stackName: String, root: Document, documentsToUpload: [Document] = [], bucket: String? = nil,
        parameters: [StackParameter] = [], capabilities: [String] = [], tags: [StackTag] = [], hasNestedStacks: Bool = false
    ) {
        self.stackName = stackName
        self.root = root
        self.documentsToUpload = documentsToUpload
        self.bucket = bucket
        self.parameters = parameters
        self.capabilities = capabilities
        self.tags = tags
        self.hasNestedStacks = hasNestedStacks
        self.rootTemplateURL = nil
    }

    /// The generator's templates, as the deployer takes them; `region` makes the S3 URLs CloudFormation reads.
    public init(_ generated: GeneratedTemplate, region: String) {
        func document(_ d: TemplateDocument) -> Document {
            Document(body: d.text, sha256: d.sha256, s3Key: d.s3Key, needsS3Upload: d.needsS3Upload)
        }
        self.init(
            stackName: generated.stackName.value, root: document(generated.root),
            documentsToUpload: generated.documentsToUpload.map(document), bucket: generated.templateBucket,
            parameters: generated.stackParameters, capabilities: generated.capabilities, tags: generated.stackTags,
            hasNestedStacks: !generated.children.isEmpty)
        rootTemplateURL = generated.root.needsS3Upload ? generated.templateURL(for: generated.root, region: region) : nil
    }

    /// A single inline document.
    public init(stackName: String, body: String, parameters: [StackParameter] = [], capabilities: [String] = [], tags: [StackTag] = []) {
        self.init(stackName: stackName, root: Document(body: body), parameters: parameters, capabilities: capabilities, tags: tags)
    }

    /// A digest over every document and parameter value: equal fingerprints, equal deploy.
    public var fingerprint: String {
        var text = root.sha256
        for document in documentsToUpload.sorted(by: { $0.s3Key < $1.s3Key }) { text += "|\(document.s3Key)=\(document.sha256)" }
        for parameter in parameters.sorted(by: { $0.key < $1.key }) { text += "|\(parameter.key)=\(parameter.value ?? "")" }
        for tag in tags.sorted(by: { $0.key < $1.key }) { text += "|tag:\(tag.key)=\(tag.value)" }
        return Digest.sha256(Data(text.utf8)).hexString
    }
}
