/// Something kept an artifact from reaching its bucket, or the bucket from existing.
///
/// The message says what happened and what to do; `underlying` keeps the AWS error (with its request id) when
/// there was one.
public struct UploadError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// The bootstrap stack could not be created, or is in a state that has no bucket (e.g. `ROLLBACK_COMPLETE`).
        case bootstrapFailed = "bootstrap-failed"
        /// The bootstrap stack exists but names no bucket.
        case bucketNotFound = "bucket-not-found"
        /// The endpoint did not answer at all.
        case endpointUnreachable = "endpoint-unreachable"
        /// S3 refused or failed a request.
        case transferFailed = "transfer-failed"
        /// The zip to upload is not on disk (any more).
        case artifactMissing = "artifact-missing"
    }

    public var code: Code
    /// A sentence that says what happened and what to do.
    public var message: String
    /// The function or stack the error is about.
    public var context: String?
    public var underlying: AWSError?

    public init(_ code: Code, _ message: String, context: String? = nil, underlying: AWSError? = nil) {
        self.code = code
        self.message = message
        self.context = context
        self.underlying = underlying
    }

    public var description: String { message }

    /// An AWS error met while talking to `endpoint`, as an upload error: "cannot reach" for transport failures.
    static func from(_ error: AWSError, endpoint: String, context: String?) -> UploadError {
        if error.code == .transport {
            return UploadError(
                .endpointUnreachable,
                "Cannot reach \(endpoint): \(error.summary). Check the endpoint and the network"
                    + (endpoint.contains("127.0.0.1") || endpoint.contains("localhost")
                        ? ", or start the local AWS with `kinetics-tui local start`." : "."),
                context: context, underlying: error)
        }
        return UploadError(.transferFailed, error.description, context: context, underlying: error)
    }
}
