import Foundation

/// One line of the deploy history.
public struct SessionSummary: Codable, Sendable, Hashable, Identifiable {
    public var id: Int64
    public var projectName: String?
    public var projectPath: String?
    public var stack: StackIdentity
    public var env: String
    public var kind: StackOperationKind
    public var outcome: SessionOutcome
    public var startedAt: Date
    public var finishedAt: Date?
    /// Wall-clock seconds from start to finish.
    public var duration: Double?
    public var user: String?
    public var host: String?
    public var pid: Int32
    public var gitCommit: String?
    public var gitDirty: Bool?
    public var toolVersion: String?
    /// The root stack's terminal status, e.g. `UPDATE_ROLLBACK_COMPLETE`.
    public var finalStatus: String?
    public var rootCause: RootCause?
    /// Why the session ended as it did when no stack status says it (e.g. a build failure); raw.
    public var message: String?
    public var changeSetSize: Int?
    public var clientRequestToken: String?
    public var eventCount: Int
    public var functionCount: Int
}
