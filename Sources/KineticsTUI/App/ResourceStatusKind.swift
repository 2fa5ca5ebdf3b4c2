/// What a CloudFormation status string means for display and progress: done, failed, rolling back, working.
enum ResourceStatusKind: Hashable, Sendable {
    case complete
    case failed
    case rollback
    case inProgress
    case skipped

    init(status: String) {
        if status.hasSuffix("_FAILED") {
            self = .failed
        } else if status.contains("ROLLBACK") {
            self = .rollback
        } else if status.hasSuffix("_IN_PROGRESS") {
            self = .inProgress
        } else if status.hasSuffix("_SKIPPED") {
            self = .skipped
        } else {
            self = .complete
        }
    }
}
