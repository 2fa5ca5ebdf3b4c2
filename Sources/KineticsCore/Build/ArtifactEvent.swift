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

/// How far cargo has got: `compiled` units reported of `planned`.
public struct UnitProgress: Codable, Sendable, Hashable {
    /// The package of the unit just reported.
    public var crate: String
    /// Its target (library, bin or build script name).
    public var target: String
    /// Whether cargo found it up to date rather than compiling it.
    public var fresh: Bool
    public var compiled: Int
    /// The expected total (see ``UnitEstimate``); never below `compiled`; `nil` when nothing could be estimated.
    public var planned: Int?

    public init(crate: String, target: String, fresh: Bool, compiled: Int, planned: Int?) {
        self.crate = crate
        self.target = target
        self.fresh = fresh
        self.compiled = compiled
        self.planned = planned
    }
}

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

/// One thing that happened while building and packaging; the TUI draws these and `--plain`/`--json` print them.
public enum ArtifactEvent: Sendable, Hashable {
    case stageStarted(ArtifactStage)
    case stageFinished(ArtifactStage, seconds: Double)
    /// The function's inputs hash to what its existing artifact was built from: no build, no package.
    case functionUnchanged(PackagedArtifact, inputHash: String)
    /// The function will be built.
    case functionQueued(String, reason: BuildReason, inputHash: String)
    /// cargo started with this command line for these functions.
    case cargoStarted(command: String, functions: [String], plannedUnits: Int?)
    case unitCompiled(UnitProgress)
    /// A compiler error or warning as it arrives.
    case compilerDiagnostic(CompilerDiagnostic)
    /// The function's bootstrap binary is built.
    case functionBuilt(String, bootstrap: String, bytes: Int64)
    /// The function's zip is written.
    case packaged(PackagedArtifact, seconds: Double)
    /// The function has no artifact from this run; the diagnostics say why.
    case functionFailed(String, diagnostics: [Diagnostic])
    /// The last event.
    case finished(ArtifactSummary)
}
