/// What the plan decided for one function.
public enum PlanDecision: Sendable, Hashable {
    /// Inputs unchanged and the zip is still there: nothing to do.
    case unchanged(PackagedArtifact)
    case build(BuildReason)
}
