import Foundation

/// A stack known for this project (one per environment and region), with its last status.
struct StackRow: Hashable, Sendable, Identifiable {
    var name: String
    var env: String
    var region: String
    /// The CloudFormation status last recorded, e.g. `UPDATE_COMPLETE`, `ROLLBACK_COMPLETE`; `nil` when no stack
    /// operation of this stack ever reported one (its sessions ended before CloudFormation did anything).
    var status: String?
    /// How the stack's newest session ended: what the list says when there is no status.
    var lastOutcome: SessionRow.Outcome?
    var updatedAt: Date?

    var id: String { "\(region)/\(name)" }

    init(name: String, env: String, region: String, status: String?, lastOutcome: SessionRow.Outcome? = nil, updatedAt: Date? = nil) {
        self.name = name
        self.env = env
        self.region = region
        self.status = status
        self.lastOutcome = lastOutcome
        self.updatedAt = updatedAt
    }

    /// The status as the Stacks list shows it: CloudFormation's, else in words from the newest session.
    var statusText: String {
        if let status { return status }
        switch lastOutcome {
        case .running: return "session running"
        case .detached: return "detached, no status yet"
        case .failed, .rolledBack, .cancelled, .interrupted: return "never deployed (\(lastOutcome?.rawValue ?? ""))"
        case .succeeded, .noChanges, .destroyed, nil: return "no status recorded"
        }
    }
}
