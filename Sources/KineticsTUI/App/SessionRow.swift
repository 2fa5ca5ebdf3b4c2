import Foundation

/// One deploy session in the history list, from the cache's sessions table.
struct SessionRow: Hashable, Sendable, Identifiable {
    enum Outcome: String, Hashable, Sendable {
        case running
        case succeeded
        case failed
        /// The stack operation failed and CloudFormation rolled it back.
        case rolledBack = "rolled back"
        case cancelled
        case noChanges = "no changes"
        /// The console left while CloudFormation was still working.
        case detached
        /// The console's process died while the session ran; a later start marked it.
        case interrupted
        case destroyed
    }

    var id: String
    var startedAt: Date
    var env: String
    var stackName: String
    var outcome: Outcome
    /// `nil` while running.
    var duration: TimeInterval?
    /// How many functions were built and uploaded (not skipped).
    var functionsChanged: Int
    /// The short git commit of the project when the session started.
    var gitCommit: String?
    /// Set for a detached or interrupted session whose stack operation was started: it can be re-attached to
    /// (`a` in History), as a deploy or a destroy.
    var reattach: DeployKind?

    init(
        id: String,
        startedAt: Date,
        env: String,
        stackName: String,
        outcome: Outcome,
        duration: TimeInterval?,
        functionsChanged: Int,
        gitCommit: String? = nil,
        reattach: DeployKind? = nil
    ) {
        self.id = id
        self.startedAt = startedAt
        self.env = env
        self.stackName = stackName
        self.outcome = outcome
        self.duration = duration
        self.functionsChanged = functionsChanged
        self.gitCommit = gitCommit
        self.reattach = reattach
    }
}
