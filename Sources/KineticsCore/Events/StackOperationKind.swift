/// What the watched operation is meant to do, which decides what counts as success.
public enum StackOperationKind: String, Codable, Sendable, Hashable {
    /// A create or update: success is `CREATE_COMPLETE`, `UPDATE_COMPLETE` or `IMPORT_COMPLETE`.
    case deploy
    /// A delete: success is `DELETE_COMPLETE`.
    case destroy
    /// Someone else's operation, watched: any `*_COMPLETE` that is not a rollback counts as success.
    case watch

    public func isSuccess(_ outcome: StackOperationOutcome) -> Bool {
        switch (self, outcome) {
        case (.deploy, .succeeded), (.destroy, .deleted), (.watch, .succeeded), (.watch, .deleted): true
        default: false
        }
    }
}
