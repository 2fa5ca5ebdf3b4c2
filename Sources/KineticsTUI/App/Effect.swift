/// Work ``AppUpdate`` asks for; the run loop hands each one to the ``EffectHandler``, which answers with actions.
enum Effect: Hashable, Sendable {
    /// Discover the project (at start).
    case loadProject
    /// Plan, build, upload and prepare the change set; an empty list means every function of the project.
    case startDeploy(functions: [String])
    /// The user confirmed the change set.
    case executeChangeSet
    /// The user declined the change set: delete it, deploy nothing.
    case discardChangeSet
    /// Delete the stack of the current environment (already confirmed).
    case startDestroy
    /// Re-attach to the stack operation of a detached or interrupted session and follow it to its end.
    case attachSession(id: String, kind: DeployKind)
    /// Cancel the running deploy: stop local work, or `CancelUpdateStack` once CloudFormation is at it.
    case cancelDeploy
    /// The console leaves while CloudFormation works; the session stays open in the cache for re-attaching.
    case detach
    /// Sessions and stacks of this project, newest first.
    case loadHistory
    case openSession(id: String)
    /// Load both sessions and answer with ``Action/comparisonLoaded(_:_:)``.
    case compareSessions(String, String)
    /// Leave the console (after any other effect of the same update).
    case quit
}
