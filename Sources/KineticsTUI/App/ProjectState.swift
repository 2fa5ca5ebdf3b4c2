import KineticsCore

/// The Project screen: the discovered project, what the cache knows of its deploys, and the list the user moves in.
struct ProjectState: Sendable {
    enum Load: Hashable, Sendable {
        case loading
        case loaded
        /// Discovery failed as a whole; the sentence says why.
        case failed(String)
    }

    var load: Load = .loading
    var project: Project?
    /// Problems discovery found (all of them, not only this project's).
    var diagnostics: [Diagnostic] = []
    /// Last successful deploy per function name.
    var deployed: [String: DeployedFunctionInfo] = [:]
    var filter = ""
    /// Selection and offset in ``ProjectList`` rows.
    var list = ListScroll()
    /// Functions marked with space for a partial deploy.
    var marked: Set<String> = []
}
