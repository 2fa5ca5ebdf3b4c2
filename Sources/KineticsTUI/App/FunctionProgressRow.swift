/// One function's line in a deploy: where it is in build → package → upload.
///
/// Filled from the pipeline's build, package and upload progress events, one update per change; a row with
/// the same ``name`` replaces the previous one.
struct FunctionProgressRow: Hashable, Sendable, Identifiable {
    enum Stage: Hashable, Sendable {
        /// Waiting for its turn.
        case queued
        /// Nothing to do: the artifact hash matches what is deployed.
        case skippedUnchanged
        /// Being compiled; `fraction` of cargo's units done when known.
        case building(fraction: Double?)
        case packaging
        /// Bytes sent of the zip, and the current throughput in bytes per second when known.
        case uploading(sent: Int64, total: Int64, bytesPerSecond: Double?)
        /// Built and uploaded (or found already in the artifact bucket).
        case done
        /// A sentence saying what failed (compiler error summary, upload error).
        case failed(String)

        /// Whether the function has reached an end state.
        var isFinished: Bool {
            switch self {
            case .skippedUnchanged, .done, .failed: return true
            case .queued, .building, .packaging, .uploading: return false
            }
        }
    }

    var name: String
    var stage: Stage
    /// SHA-256 of the artifact zip, once known.
    var artifactHash: String?
    /// Size of the artifact zip in bytes, once known.
    var artifactBytes: Int64?
    /// Went out with a stack operation that succeeded (a session's record says `deployed`); a `done` row without it
    /// was built and uploaded only, as in a deploy that failed afterwards.
    var deployed: Bool

    var id: String { name }

    init(name: String, stage: Stage, artifactHash: String? = nil, artifactBytes: Int64? = nil, deployed: Bool = false) {
        self.name = name
        self.stage = stage
        self.artifactHash = artifactHash
        self.artifactBytes = artifactBytes
        self.deployed = deployed
    }
}
