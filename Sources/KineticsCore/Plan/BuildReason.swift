/// Why a function has to be built.
public enum BuildReason: String, Codable, Sendable, Hashable {
    /// No successful build of it is recorded.
    case neverBuilt = "never-built"
    /// Its input hash differs from the one its artifact was built from.
    case inputsChanged = "inputs-changed"
    /// The recorded zip is gone or was replaced.
    case artifactMissing = "artifact-missing"
    /// The user asked to rebuild.
    case forced
}
