/// The outcome of a run, in the last event.
public struct ArtifactSummary: Codable, Sendable, Hashable {
    /// The artifact of every selected function that has one now (built in this run or unchanged), by name.
    public var artifacts: [PackagedArtifact]
    /// Functions built and packaged in this run.
    public var built: [String]
    /// Functions skipped because nothing they are built from changed.
    public var unchanged: [String]
    /// Functions that failed, with why.
    public var failed: [String: [Diagnostic]]
    /// Whether cargo was started at all.
    public var ranCargo: Bool
    public var seconds: Double

    public init(
        artifacts: [PackagedArtifact] = [],
        built: [String] = [],
        unchanged: [String] = [],
        failed: [String: [Diagnostic]] = [:],
        ranCargo: Bool = false,
        seconds: Double = 0
    ) {
        self.artifacts = artifacts
        self.built = built
        self.unchanged = unchanged
        self.failed = failed
        self.ranCargo = ranCargo
        self.seconds = seconds
    }

    public var succeeded: Bool { failed.isEmpty }
}
