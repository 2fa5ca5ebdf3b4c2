/// A stage of getting from a discovered project to a zip per function.
public enum ArtifactStage: String, Codable, Sendable, Hashable, CaseIterable {
    /// Input hashes, compared with the last successful build.
    case plan
    /// The build copy with generated entry points (projects that depend on the `kinetics` crate).
    case prepare
    /// The one cargo invocation.
    case build
    /// Deterministic zips, their SHA-256 and S3 keys.
    case package
}
