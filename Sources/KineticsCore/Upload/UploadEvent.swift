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
