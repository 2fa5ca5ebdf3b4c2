/// What CloudFormation status strings (`ResourceStatus`, `StackStatus`) mean, in one place.
///
/// Statuses are kept as the strings AWS sends, because CloudFormation adds new ones over time
/// (`IMPORT_ROLLBACK_COMPLETE`, `UPDATE_COMPLETE_CLEANUP_IN_PROGRESS`, `DELETE_SKIPPED`, ...) and an unknown
/// status must still be shown and stored rather than dropped.
public enum StackStatus {
    /// `*_IN_PROGRESS`, including `REVIEW_IN_PROGRESS` and the `*_CLEANUP_IN_PROGRESS` statuses.
    public static func isInProgress(_ status: String) -> Bool {
        status.hasSuffix("_IN_PROGRESS")
    }

    /// A stack status that ends an operation: anything not `*_IN_PROGRESS`.
    public static func isTerminal(_ status: String) -> Bool {
        !status.isEmpty && !isInProgress(status)
    }

    /// `*_FAILED`.
    public static func isFailure(_ status: String) -> Bool {
        status.hasSuffix("_FAILED")
    }

    /// `*_COMPLETE`.
    public static func isComplete(_ status: String) -> Bool {
        status.hasSuffix("_COMPLETE")
    }

    /// `*_SKIPPED` (a resource CloudFormation left alone, e.g. `DELETE_SKIPPED` for a retained resource).
    public static func isSkipped(_ status: String) -> Bool {
        status.hasSuffix("_SKIPPED")
    }

    /// A stack status that starts rolling back: `ROLLBACK_IN_PROGRESS`, `UPDATE_ROLLBACK_IN_PROGRESS`,
    /// `IMPORT_ROLLBACK_IN_PROGRESS`.
    public static func isRollbackStart(_ status: String) -> Bool {
        status.hasSuffix("ROLLBACK_IN_PROGRESS")
    }

    /// `UPDATE_COMPLETE_CLEANUP_IN_PROGRESS` and `UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS`: the operation's
    /// outcome is decided; old resources are being removed.
    public static func isCleanup(_ status: String) -> Bool {
        status.hasSuffix("_CLEANUP_IN_PROGRESS")
    }

    /// A stack status that starts work on the stack's resources (the moment a nested stack is worth following).
    public static func beginsOperation(_ status: String) -> Bool {
        isInProgress(status) && !isCleanup(status) && status != "REVIEW_IN_PROGRESS"
    }
}
