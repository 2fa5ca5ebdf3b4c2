/// Where a function's uploaded zip lives: the template points the Lambda function's code at it.
public struct ArtifactLocation: Sendable, Hashable, Codable {
    public var bucket: String
    /// The content-addressed key, `artifacts/<function>/<sha256>.zip`.
    public var key: String
    /// The SHA-256 of the zip, 64 hex digits.
    public var sha256: String

    public init(bucket: String, key: String, sha256: String) {
        self.bucket = bucket
        self.key = key
        self.sha256 = sha256
    }
}
