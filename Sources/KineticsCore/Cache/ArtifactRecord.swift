import Foundation

/// An artifact known to be in a bucket: the zip with this SHA-256 is at `key`.
public struct ArtifactRecord: Codable, Sendable, Hashable {
    public var sha256: String
    public var bucket: String
    public var key: String
    public var size: Int64
    public var functionName: String?
    public var region: String
    /// Empty for AWS itself.
    public var endpoint: String
    public var uploadedAt: Date

    public init(
        sha256: String, bucket: String, key: String, size: Int64, functionName: String? = nil,
        region: String, endpoint: String = "", uploadedAt: Date = Date()
    ) {
        self.sha256 = sha256
        self.bucket = bucket
        self.key = key
        self.size = size
        self.functionName = functionName
        self.region = region
        self.endpoint = endpoint
        self.uploadedAt = uploadedAt
    }
}
