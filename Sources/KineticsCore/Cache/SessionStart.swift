import Foundation

/// What is known when a deploy session begins.
public struct SessionStart: Sendable, Hashable {
    /// The project's folder; it names the project in the cache (see `canonicalProjectPath`).
    public var projectPath: String
    public var projectName: String
    public var stack: StackIdentity
    public var env: String
    public var kind: StackOperationKind
    public var gitCommit: String?
    public var gitDirty: Bool?
    public var plan: SessionPlan?
    public var toolVersion: String
    public var user: String
    public var host: String
    public var startedAt: Date

    public init(
        projectPath: String,
        projectName: String,
        stack: StackIdentity,
        env: String,
        kind: StackOperationKind = .deploy,
        gitCommit: String? = nil,
        gitDirty: Bool? = nil,
        plan: SessionPlan? = nil,
        toolVersion: String = KineticsVersion.current,
        user: String = SessionStart.currentUser(),
        host: String = ProcessInfo.processInfo.hostName,
        startedAt: Date = Date()
    ) {
        self.projectPath = Self.canonicalProjectPath(projectPath)
        self.projectName = projectName
        self.stack = stack
        self.env = env
        self.kind = kind
        self.gitCommit = gitCommit
        self.gitDirty = gitDirty
        self.plan = plan
        self.toolVersion = toolVersion
        self.user = user
        self.host = host
        self.startedAt = startedAt
    }

    /// The form in which a project folder is stored and looked up: absolute, standardized, symlinks resolved.
    public static func canonicalProjectPath(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    public static func currentUser(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        environment["USER"] ?? environment["LOGNAME"] ?? NSUserName()
    }
}
