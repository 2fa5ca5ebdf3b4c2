import Foundation
import GRDB

// MARK: - Stack events

extension LocalCache {
    /// Appends a poll's events to a session in one transaction; events already stored (same stack and EventId)
    /// are skipped, so replaying a batch is harmless. Returns how many were new.
    @discardableResult
    public func appendEvents(_ events: [TrackedStackEvent], session: Int64) throws(CacheError) -> Int {
        guard !events.isEmpty else { return 0 }
        return try write { db in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT stack_id, client_request_token FROM sessions WHERE id = ?", arguments: [session]
            ) else {
                throw CacheError(code: .sessionNotFound, path: path, detail: String(session))
            }
            let inserted = try Self.insert(events, db: db, root: row["stack_id"], session: session, token: row["client_request_token"])
            if inserted > 0 {
                try db.execute(sql: "UPDATE sessions SET event_count = event_count + ? WHERE id = ?", arguments: [inserted, session])
            }
            return inserted
        }
    }

    /// Appends events of a stack watched outside any deploy session (`kinetics-tui events STACK`).
    @discardableResult
    public func appendEvents(_ events: [TrackedStackEvent], stack: StackIdentity) throws(CacheError) -> Int {
        guard !events.isEmpty else { return 0 }
        return try write { db in
            let root = try Self.upsertStack(db, stack, project: nil, env: nil, at: Date())
            return try Self.insert(events, db: db, root: root, session: nil, token: nil)
        }
    }

    /// Inserts events, creating rows for nested stacks as they appear; returns the number inserted.
    static func insert(_ events: [TrackedStackEvent], db: Database, root: Int64, session: Int64?, token: String?) throws -> Int {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO events (stack_id, session_id, event_id, timestamp, logical_id, physical_id, resource_type, status,
                                reason, client_request_token, detailed_status, operation_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (stack_id, event_id) DO NOTHING
            """)
        var rows: [String: Int64] = [:]
        var inserted = 0
        for tracked in events {
            let event = tracked.event
            let stackRow: Int64
            if let known = rows[event.stackId] {
                stackRow = known
            } else {
                stackRow = try resolveStack(for: tracked, db: db, root: root)
                rows[event.stackId] = stackRow
            }
            let carried = event.clientRequestToken == token ? nil : event.clientRequestToken
            try statement.execute(arguments: [
                stackRow, session, event.eventId, event.timestamp.timeIntervalSince1970, event.logicalResourceId,
                event.physicalResourceId, event.resourceType, event.resourceStatus, event.resourceStatusReason, carried,
                event.detailedStatus, event.operationId,
            ])
            inserted += db.changesCount
        }
        return inserted
    }

    /// The stack row an event belongs to: the root (learning its ARN) or a nested stack below it.
    private static func resolveStack(for tracked: TrackedStackEvent, db: Database, root: Int64) throws -> Int64 {
        let arn = tracked.event.stackId
        if tracked.stackPath.isEmpty {
            try db.execute(
                sql: "UPDATE OR IGNORE stacks SET arn = ? WHERE id = ? AND (arn IS NULL OR arn != ?)",
                arguments: [arn, root, arn]
            )
            return root
        }
        if let existing = try Int64.fetchOne(db, sql: "SELECT id FROM stacks WHERE arn = ?", arguments: [arn]) {
            return existing
        }
        let parent = try Row.fetchOne(db, sql: "SELECT region, endpoint, account, project_id, env FROM stacks WHERE id = ?", arguments: [root])
        return try Int64.fetchOne(
            db,
            sql: """
                INSERT INTO stacks (project_id, parent_id, path, name, env, region, endpoint, account, arn, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (account, region, endpoint, name) DO UPDATE SET
                    arn = excluded.arn, parent_id = excluded.parent_id, path = excluded.path
                RETURNING id
                """,
            arguments: [
                parent?["project_id"] as Int64?, root, tracked.stackPath.joined(separator: "/"), tracked.event.stackName,
                parent?["env"] as String?, parent?["region"] ?? "", parent?["endpoint"] ?? "", parent?["account"] ?? "",
                arn, Date().timeIntervalSince1970,
            ]
        ) ?? root
    }
}
