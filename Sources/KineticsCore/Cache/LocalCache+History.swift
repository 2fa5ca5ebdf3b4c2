import Foundation
import GRDB

// MARK: - Reading the history

extension LocalCache {
    /// Sessions newest first, filtered, `limit` at a time from `offset`.
    public func listSessions(_ filter: SessionFilter = SessionFilter(), limit: Int = 50, offset: Int = 0) throws(CacheError) -> [SessionSummary] {
        var (whereClause, arguments) = Self.clause(filter)
        arguments += [max(0, limit), max(0, offset)]
        let sql = "\(Self.summarySelect) \(whereClause) ORDER BY se.started_at DESC, se.id DESC LIMIT ? OFFSET ?"
        return try read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.summary)
        }
    }

    /// Number of sessions matching a filter.
    public func countSessions(_ filter: SessionFilter = SessionFilter()) throws(CacheError) -> Int {
        let (whereClause, arguments) = Self.clause(filter)
        // Without a stack filter the join is not needed, and the count reads an index instead of every row.
        let join = filter.stackName == nil ? "" : "JOIN stacks st ON st.id = se.stack_id"
        let sql = "SELECT count(*) FROM sessions se \(join) \(whereClause)"
        return try read { db in try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0 }
    }

    private static func clause(_ filter: SessionFilter) -> (String, StatementArguments) {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let project = filter.projectPath {
            conditions.append("se.project_id = (SELECT id FROM projects WHERE path = ?)")
            arguments += [project]
        }
        if let env = filter.env {
            conditions.append("se.env = ?")
            arguments += [env]
        }
        if let outcome = filter.outcome {
            conditions.append("se.outcome = ?")
            arguments += [outcome.rawValue]
        }
        if let stack = filter.stackName {
            conditions.append("st.name = ?")
            arguments += [stack]
        }
        return (conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "), arguments)
    }

    /// Number of stack events stored, across all sessions.
    public func countEvents() throws(CacheError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM events") ?? 0 }
    }

    /// One session with its plan, functions, outputs and events (oldest first; at most `eventLimit` when given).
    public func session(_ id: Int64, eventLimit: Int? = nil) throws(CacheError) -> SessionDetail? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "\(Self.summarySelect) WHERE se.id = ?", arguments: [id]) else { return nil }
            let summary = Self.summary(row)
            let extra = try Row.fetchOne(db, sql: "SELECT plan_json, outputs_json FROM sessions WHERE id = ?", arguments: [id])
            let functions = try Row.fetchAll(
                db, sql: "SELECT * FROM session_functions WHERE session_id = ? ORDER BY name", arguments: [id]
            ).map(Self.function)
            let limit = eventLimit.map { max(0, $0) } ?? -1
            let rootStack: Int64 = row["stack_row"]
            let events = try Row.fetchAll(
                db,
                sql: """
                    SELECT e.*, s.name AS stack_name, s.arn AS stack_arn, s.path AS stack_path
                    FROM events e JOIN stacks s ON s.id = e.stack_id
                    WHERE e.session_id = ? ORDER BY e.timestamp, e.id LIMIT ?
                    """,
                arguments: [id, limit]
            ).map { Self.event($0, root: rootStack, sessionToken: summary.clientRequestToken) }
            return SessionDetail(
                summary: summary,
                plan: Self.decode(SessionPlan.self, extra?["plan_json"]),
                functions: functions,
                events: events,
                eventsTruncated: eventLimit.map { events.count >= $0 && summary.eventCount > events.count } ?? false,
                outputs: Self.decode([StackOutput].self, extra?["outputs_json"]) ?? []
            )
        }
    }

    /// The functions of the stack's last successful deploy, as the planner compares them with what is built now.
    public func lastDeployedFunctions(of stack: StackIdentity) throws(CacheError) -> [SessionFunction] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT f.* FROM session_functions f
                    WHERE f.session_id = (
                        SELECT se.id FROM sessions se JOIN stacks st ON st.id = se.stack_id
                        WHERE st.name = ? AND st.region = ? AND st.endpoint = ? AND st.account = ?
                          AND se.outcome = 'succeeded' AND se.kind = 'deploy'
                        ORDER BY se.started_at DESC LIMIT 1)
                    ORDER BY f.name
                    """,
                arguments: [stack.name, stack.region, stack.endpoint, stack.account]
            ).map(Self.function)
        }
    }

    /// The stack's last known status and outputs, as recorded at the end of its last session.
    public func lastKnownStatus(of stack: StackIdentity) throws(CacheError) -> StackSummary? {
        try read { db in
            guard let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT arn, name, last_status, last_status_reason, outputs_json, updated_at FROM stacks
                    WHERE name = ? AND region = ? AND endpoint = ? AND account = ? AND last_status IS NOT NULL
                    """,
                arguments: [stack.name, stack.region, stack.endpoint, stack.account]
            ) else { return nil }
            return StackSummary(
                stackId: row["arn"] ?? "", stackName: row["name"], status: row["last_status"],
                statusReason: row["last_status_reason"], outputs: Self.decode([StackOutput].self, row["outputs_json"]) ?? [],
                lastUpdatedAt: Date(timeIntervalSince1970: row["updated_at"])
            )
        }
    }

    // MARK: - Rows

    private static let summarySelect = """
        SELECT se.id, se.kind, se.env, se.started_at, se.finished_at, se.duration, se.user, se.host, se.pid, se.git_commit,
               se.git_dirty, se.tool_version, se.change_set_size, se.client_request_token, se.outcome, se.final_status,
               se.root_cause_json, se.message, se.event_count, se.stack_id AS stack_row,
               st.name AS stack_name, st.region, st.endpoint, st.account, p.name AS project_name, p.path AS project_path,
               (SELECT count(*) FROM session_functions f WHERE f.session_id = se.id) AS function_count
        FROM sessions se JOIN stacks st ON st.id = se.stack_id LEFT JOIN projects p ON p.id = se.project_id
        """

    private static func summary(_ row: Row) -> SessionSummary {
        let finished: Double? = row["finished_at"]
        return SessionSummary(
            id: row["id"],
            projectName: row["project_name"],
            projectPath: row["project_path"],
            stack: StackIdentity(name: row["stack_name"], region: row["region"], endpoint: row["endpoint"], account: row["account"]),
            env: row["env"],
            kind: StackOperationKind(rawValue: row["kind"]) ?? .deploy,
            outcome: SessionOutcome(rawValue: row["outcome"]) ?? .failed,
            startedAt: Date(timeIntervalSince1970: row["started_at"]),
            finishedAt: finished.map(Date.init(timeIntervalSince1970:)),
            duration: row["duration"],
            user: row["user"],
            host: row["host"],
            pid: row["pid"],
            gitCommit: row["git_commit"],
            gitDirty: row["git_dirty"],
            toolVersion: row["tool_version"],
            finalStatus: row["final_status"],
            rootCause: Self.decode(RootCause.self, row["root_cause_json"]),
            message: row["message"],
            changeSetSize: row["change_set_size"],
            clientRequestToken: row["client_request_token"],
            eventCount: row["event_count"],
            functionCount: row["function_count"]
        )
    }

    private static func function(_ row: Row) -> SessionFunction {
        SessionFunction(
            name: row["name"], role: row["role"], status: SessionFunction.Status(rawValue: row["status"]) ?? .failed,
            inputHash: row["input_hash"], artifactSha256: row["artifact_sha256"], s3Key: row["s3_key"],
            buildSkipped: row["build_skipped"], uploadSkipped: row["upload_skipped"], skipReason: row["skip_reason"],
            artifactBytes: row["artifact_bytes"], uploadedBytes: row["uploaded_bytes"], buildSeconds: row["build_seconds"],
            uploadSeconds: row["upload_seconds"], error: row["error"]
        )
    }

    private static func event(_ row: Row, root: Int64, sessionToken: String?) -> TrackedStackEvent {
        let stackRow: Int64 = row["stack_id"]
        let path: String? = row["stack_path"]
        let event = StackEvent(
            eventId: row["event_id"], stackId: row["stack_arn"] ?? "", stackName: row["stack_name"],
            logicalResourceId: row["logical_id"], physicalResourceId: row["physical_id"], resourceType: row["resource_type"],
            timestamp: Date(timeIntervalSince1970: row["timestamp"]), resourceStatus: row["status"],
            resourceStatusReason: row["reason"], clientRequestToken: row["client_request_token"] ?? sessionToken,
            detailedStatus: row["detailed_status"], operationId: row["operation_id"]
        )
        let stackPath = path.map { $0.split(separator: "/").map(String.init) } ?? []
        return TrackedStackEvent(event: event, stackPath: stackPath, isRootStackEvent: stackRow == root && event.isStackEvent)
    }
}
