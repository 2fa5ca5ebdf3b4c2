/// The outcome of an upload run, in the last event.
public struct UploadSummary: Codable, Sendable, Hashable {
    /// The bucket, when it was found.
    public var bucket: ArtifactBucket?
    /// Functions whose artifact went up in this run.
    public var uploaded: [String]
    /// Functions whose artifact was already in the bucket.
    public var alreadyUploaded: [String]
    /// Functions whose artifact is not in the bucket, with why.
    public var failed: [String: String]
    public var bytesSent: Int64
    public var seconds: Double
    /// The build's summary when the upload ran after a build.
    public var build: ArtifactSummary?
    /// Why nothing could be uploaded at all (no bucket, the build stopped), if so.
    public var error: String?

    public init(
        bucket: ArtifactBucket? = nil, uploaded: [String] = [], alreadyUploaded: [String] = [], failed: [String: String] = [:],
        bytesSent: Int64 = 0, seconds: Double = 0, build: ArtifactSummary? = nil, error: String? = nil
    ) {
        self.bucket = bucket
        self.uploaded = uploaded
        self.alreadyUploaded = alreadyUploaded
        self.failed = failed
        self.bytesSent = bytesSent
        self.seconds = seconds
        self.build = build
        self.error = error
    }

    /// Every function has its artifact in the bucket (and the build, if any, failed nothing).
    public var succeeded: Bool { failed.isEmpty && error == nil && (build?.succeeded ?? true) }

    /// Nothing was built and nothing uploaded, and nothing failed: the project is as it was.
    public var nothingChanged: Bool { succeeded && uploaded.isEmpty && (build?.built.isEmpty ?? true) }
}
