import KineticsCore

/// Everything that can happen to the console: input, time, and results of background work.
enum Action: Sendable {
    // MARK: Input
    case key(Key)
    case mouse(MouseEvent)
    case resize(Size)
    /// A spinner/elapsed-time tick; sent only while ``AppState/isAnimating``.
    case tick
    /// SIGINT from outside: handled like Ctrl-C.
    case interrupt
    /// SIGTERM or SIGHUP: leave now (detaching from a running deploy).
    case terminate

    // MARK: Results of background work
    case projectLoaded(DiscoveryResult)
    /// Discovery failed as a whole (not a diagnostic); the sentence says why and what to do.
    case projectFailed(String)
    case deployedFunctionsLoaded([DeployedFunctionInfo])
    case identityResolved(AWSIdentity)
    case regionResolved(String)
    /// Where the console deploys to, once resolved (the embedded local AWS started).
    case endpointResolved(HeaderInfo.Endpoint)
    case deploy(DeployUpdate)
    case historyLoaded(sessions: [SessionRow], stacks: [StackRow])
    case sessionLoaded(SessionDetailModel)
    case comparisonLoaded(SessionDetailModel, SessionDetailModel)
    /// Background work failed; the sentence is shown in the hint bar.
    case failed(String)
}
