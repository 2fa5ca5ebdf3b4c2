import Foundation
import GRDB

// MARK: - Stacks outside deploy sessions

extension LocalCache {
    /// Remembers a stack's status and outputs without a deploy session (the bootstrap stack of the artifact
    /// bucket); ``lastKnownStatus(of:)`` reads it back.
    public func recordStackStatus(_ summary: StackSummary, of stack: StackIdentity, at now: Date = Date()) throws(CacheError) {
        let outputs = Self.encode(summary.outputs)
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO stacks (name, region, endpoint, account, arn, last_status, last_status_reason, outputs_json, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (account, region, endpoint, name) DO UPDATE SET
                        arn = COALESCE(excluded.arn, arn), last_status = excluded.last_status,
                        last_status_reason = excluded.last_status_reason, outputs_json = excluded.outputs_json,
                        updated_at = excluded.updated_at
                    """,
                arguments: [
                    stack.name, stack.region, stack.endpoint, stack.account, summary.stackId.isEmpty ? nil : summary.stackId,
                    summary.status, summary.statusReason, outputs, now.timeIntervalSince1970,
                ]
            )
        }
    }

    /// Forgets what is known of a stack's status (its bucket was found gone).
    public func forgetStackStatus(of stack: StackIdentity) throws(CacheError) {
        try write { db in
            try db.execute(
                sql: "UPDATE stacks SET last_status = NULL, outputs_json = NULL WHERE name = ? AND region = ? AND endpoint = ? AND account = ?",
                arguments: [stack.name, stack.region, stack.endpoint, stack.account]
            )
        }
    }
}
