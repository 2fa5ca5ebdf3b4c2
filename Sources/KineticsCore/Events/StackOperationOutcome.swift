/// How a stack operation ended, read from the root stack's terminal status.
public enum StackOperationOutcome: String, Codable, Sendable, Hashable, CaseIterable {
    /// `CREATE_COMPLETE`, `UPDATE_COMPLETE`, `IMPORT_COMPLETE`.
    case succeeded
    /// `ROLLBACK_COMPLETE`, `UPDATE_ROLLBACK_COMPLETE`, `IMPORT_ROLLBACK_COMPLETE`: it failed and was undone.
    case rolledBack = "rolled_back"
    /// `DELETE_COMPLETE`: the stack is gone (success for a destroy, failure for a deploy).
    case deleted
    /// Any `*_FAILED` status (`CREATE_FAILED`, `UPDATE_FAILED`, `ROLLBACK_FAILED`, `UPDATE_ROLLBACK_FAILED`,
    /// `DELETE_FAILED`) or a status this version does not know.
    case failed

    public init(finalStatus: String) {
        switch finalStatus {
        case "CREATE_COMPLETE", "UPDATE_COMPLETE", "IMPORT_COMPLETE": self = .succeeded
        case "ROLLBACK_COMPLETE", "UPDATE_ROLLBACK_COMPLETE", "IMPORT_ROLLBACK_COMPLETE": self = .rolledBack
        case "DELETE_COMPLETE": self = .deleted
        default: self = .failed
        }
    }
}
