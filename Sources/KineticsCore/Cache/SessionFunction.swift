/// One function's part in a deploy session: hashes, artifact, sizes and times.
public struct SessionFunction: Codable, Sendable, Hashable {
    public enum Status: String, Codable, Sendable, Hashable, CaseIterable {
        case pending, building, built, uploading, uploaded, skipped, deployed, failed
    }

    public var name: String
    /// `endpoint`, `worker` or `cron`.
    public var role: String?
    public var status: Status
    /// Content hash of everything the artifact depends on.
    public var inputHash: String?
    /// SHA-256 of the zip.
    public var artifactSha256: String?
    public var s3Key: String?
    /// The build was skipped because the inputs did not change.
    public var buildSkipped: Bool
    /// The upload was skipped because the artifact was already in the bucket.
    public var uploadSkipped: Bool
    public var skipReason: String?
    public var artifactBytes: Int64?
    public var uploadedBytes: Int64?
    public var buildSeconds: Double?
    public var uploadSeconds: Double?
    /// What went wrong, for `failed` (raw; sanitize before showing).
    public var error: String?

    public init(
        name: String,
        role: String? = nil,
        status: Status,
        inputHash: String? = nil,
        artifactSha256: String? = nil,
        s3Key: String? = nil,
        buildSkipped: Bool = false,
        uploadSkipped: Bool = false,
        skipReason: String? = nil,
        artifactBytes: Int64? = nil,
        uploadedBytes: Int64? = nil,
        buildSeconds: Double? = nil,
        uploadSeconds: Double? = nil,
        error: String? = nil
    ) {
        self.name = name
        self.role = role
        self.status = status
        self.inputHash = inputHash
        self.artifactSha256 = artifactSha256
        self.s3Key = s3Key
        self.buildSkipped = buildSkipped
        self.uploadSkipped = uploadSkipped
        self.skipReason = skipReason
        self.artifactBytes = artifactBytes
        self.uploadedBytes = uploadedBytes
        self.buildSeconds = buildSeconds
        self.uploadSeconds = uploadSeconds
        self.error = error
    }
}
