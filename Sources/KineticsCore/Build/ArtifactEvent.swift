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
