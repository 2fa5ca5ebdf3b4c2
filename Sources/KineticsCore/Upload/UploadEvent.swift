/// One thing that happened while getting artifacts into the bucket; the TUI draws these and `--plain`/`--json`
/// print them (see `docs/build-events.md`).
public enum UploadEvent: Sendable, Hashable {
    /// A build or package event, when the upload runs after the build (``UploadPipeline``).
    case artifact(ArtifactEvent)
    /// Progress of finding or creating the bootstrap stack.
    case bootstrap(ArtifactBucket.Progress)
    /// The artifact bucket is known.
    case bucketReady(ArtifactBucket, origin: ArtifactBucket.Origin, seconds: Double)
    /// HeadObject found the artifact in the bucket at the same size: it is not uploaded again.
    case alreadyUploaded(PackagedArtifact)
    /// The artifact is going up, in one PutObject or multipart; `resuming` names the interrupted upload continued.
    case uploadStarted(PackagedArtifact, multipart: Bool, resuming: String?)
    /// A multipart upload is under way with this id; `partsReused` of `partsTotal` were already on S3.
    case multipartStarted(function: String, uploadId: String, partsTotal: Int, partsReused: Int)
    /// Bytes on their way (throttled to a few per second per function).
    case bytesSent(UploadProgress)
    /// An interrupted upload could not be continued (why); it starts afresh.
    case resumeAbandoned(function: String, uploadId: String, reason: String)
    case uploaded(PackagedArtifact, UploadResult)
    /// The function's artifact is not in the bucket; the message says why and what to do.
    case uploadFailed(function: String, message: String)
    /// The last event.
    case finished(UploadSummary)
}

/// Bytes of one function's artifact sent so far.
public struct UploadProgress: Sendable, Hashable {
    public var function: String
    /// Counting parts found already uploaded.
    public var bytesSent: Int64
    public var totalBytes: Int64
    /// Bytes sent by this run per second (reused parts excluded).
    public var bytesPerSecond: Double
    public var partsDone: Int
    public var partsTotal: Int

    public init(function: String, bytesSent: Int64, totalBytes: Int64, bytesPerSecond: Double, partsDone: Int, partsTotal: Int) {
        self.function = function
        self.bytesSent = bytesSent
        self.totalBytes = totalBytes
        self.bytesPerSecond = bytesPerSecond
        self.partsDone = partsDone
        self.partsTotal = partsTotal
    }

    /// 0…1.
    public var fraction: Double { totalBytes > 0 ? Double(bytesSent) / Double(totalBytes) : 1 }
}

/// How one artifact went up.
public struct UploadResult: Codable, Sendable, Hashable {
    public var bucket: String
    public var key: String
    public var etag: String
    public var seconds: Double
    /// Bytes sent by this run per second.
    public var bytesPerSecond: Double
    /// Bytes sent by this run (parts found on S3 excluded).
    public var bytesSent: Int64
    /// The multipart upload's id; `nil` for a single PutObject.
    public var uploadId: String?
    public var partsSent: Int
    /// Parts of an interrupted upload found on S3 and not sent again.
    public var partsReused: Int

    public init(
        bucket: String, key: String, etag: String, seconds: Double, bytesPerSecond: Double, bytesSent: Int64, uploadId: String?,
        partsSent: Int, partsReused: Int
    ) {
        self.bucket = bucket
        self.key = key
        self.etag = etag
        self.seconds = seconds
        self.bytesPerSecond = bytesPerSecond
        self.bytesSent = bytesSent
        self.uploadId = uploadId
        self.partsSent = partsSent
        self.partsReused = partsReused
    }
}

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
