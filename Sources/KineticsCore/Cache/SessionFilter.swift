/// Which sessions `LocalCache.listSessions` returns.
public struct SessionFilter: Sendable, Hashable {
    /// The project's folder, as given to `SessionStart.projectPath`.
    public var projectPath: String?
    public var env: String?
    public var outcome: SessionOutcome?
    public var stackName: String?

    public init(projectPath: String? = nil, env: String? = nil, outcome: SessionOutcome? = nil, stackName: String? = nil) {
        self.projectPath = projectPath
        self.env = env
        self.outcome = outcome
        self.stackName = stackName
    }
}
