import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Writing a deploy session as it happens

extension LocalCache {
    /// Records the start of a deploy session and returns its id.
    ///
    /// The caller must hold the stack's `DeployLock` for the whole session: that is how a later start tells a
    /// session whose process died from one still running.
    public func startSession(_ start: SessionStart, lock: DeployLock) throws(CacheError) -> Int64 {
        guard lock.stack == start.stack else {
            throw CacheError(code: .invalidArgument, detail: "the deploy lock is for stack \(lock.stack.name), not \(start.stack.name)")
        }
        guard !start.env.isEmpty else { throw CacheError(code: .invalidArgument, detail: "the environment name is empty") }
        let pid = getpid()
        return try write { db in
            let project = try Self.upsertProject(db, path: start.projectPath, name: start.projectName, at: start.startedAt)
            let stack = try Self.upsertStack(db, start.stack, project: project, env: start.env, at: start.startedAt)
            try db.execute(
                sql: """
                    INSERT INTO sessions (project_id, stack_id, kind, env, started_at, user, host, pid, git_commit, git_dirty,
                                          tool_version, plan_json, outcome)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'running')
                    """,
                arguments: [
                    project, stack, start.kind.rawValue, start.env, start.startedAt.timeIntervalSince1970, start.user,
                    start.host, pid, start.gitCommit, start.gitDirty, start.toolVersion, Self.encode(start.plan),
                ]
            )
            return db.lastInsertedRowID
        }
    }

    /// Records the plan once it is known (or replaces it).
    public func recordPlan(_ plan: SessionPlan, session: Int64) throws(CacheError) {
        try updateSession(session, sql: "UPDATE sessions SET plan_json = ? WHERE id = ?", [Self.encode(plan), session])
    }

    /// Records the change set about to be executed and the ClientRequestToken its execution carries.
    public func recordChangeSet(session: Int64, id: String?, size: Int, clientRequestToken: String?) throws(CacheError) {
        try updateSession(
            session,
            sql: "UPDATE sessions SET change_set_id = ?, change_set_size = ?, client_request_token = ? WHERE id = ?",
            [id, size, clientRequestToken, session]
        )
    }

    /// Adds or updates one function's result; call it at each step (built, uploaded, skipped, failed).
    public func recordFunction(_ function: SessionFunction, session: Int64, at now: Date = Date()) throws(CacheError) {
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO session_functions (session_id, name, role, status, input_hash, artifact_sha256, s3_key,
                        build_skipped, upload_skipped, skip_reason, artifact_bytes, uploaded_bytes, build_seconds,
                        upload_seconds, error, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (session_id, name) DO UPDATE SET
                        role = excluded.role, status = excluded.status, input_hash = excluded.input_hash,
                        artifact_sha256 = excluded.artifact_sha256, s3_key = excluded.s3_key,
                        build_skipped = excluded.build_skipped, upload_skipped = excluded.upload_skipped,
                        skip_reason = excluded.skip_reason, artifact_bytes = excluded.artifact_bytes,
                        uploaded_bytes = excluded.uploaded_bytes, build_seconds = excluded.build_seconds,
                        upload_seconds = excluded.upload_seconds, error = excluded.error, updated_at = excluded.updated_at
                    """,
                arguments: [
                    session, function.name, function.role, function.status.rawValue, function.inputHash,
                    function.artifactSha256, function.s3Key, function.buildSkipped, function.uploadSkipped,
                    function.skipReason, function.artifactBytes, function.uploadedBytes, function.buildSeconds,
                    function.uploadSeconds, function.error, now.timeIntervalSince1970,
                ]
            )
        }
    }

    /// Ends a session. With a stack operation's result, its final status, root cause and outputs are kept and the
    /// stack's last known status is updated.
    public func finishSession(
        _ session: Int64,
        outcome: SessionOutcome,
        result: StackOperationResult? = nil,
        message: String? = nil,
        at now: Date = Date()
    ) throws(CacheError) {
        guard outcome.isFinal else { throw CacheError(code: .invalidArgument, detail: "a session cannot finish as running") }
        try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT started_at, stack_id FROM sessions WHERE id = ?", arguments: [session]) else {
                throw CacheError(code: .sessionNotFound, path: path, detail: String(session))
            }
            let started: Double = row["started_at"]
            try db.execute(
                sql: """
                    UPDATE sessions SET outcome = ?, finished_at = ?, duration = ?, final_status = ?, root_cause_json = ?,
                        outputs_json = ?, message = ?
                    WHERE id = ?
                    """,
                arguments: [
                    outcome.rawValue, now.timeIntervalSince1970, max(0, now.timeIntervalSince1970 - started),
                    result?.finalStatus, Self.encode(result?.rootCause), result.flatMap { Self.encode($0.outputs) },
                    message, session,
                ]
            )
            if let result {
                let stack: Int64 = row["stack_id"]
                try db.execute(
                    sql: """
                        UPDATE stacks SET last_status = ?, last_status_reason = ?, outputs_json = ?, updated_at = ?,
                            arn = COALESCE(?, arn)
                        WHERE id = ?
                        """,
                    arguments: [
                        result.finalStatus, result.statusReason, Self.encode(result.outputs), now.timeIntervalSince1970,
                        result.stackId, stack,
                    ]
                )
            }
        }
    }

    /// Takes a detached or interrupted session back (this process re-attached to its stack operation).
    public func resumeSession(_ session: Int64, lock: DeployLock) throws(CacheError) {
        let pid = getpid()
        try write { db in
            guard let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT st.name, st.region, st.endpoint, st.account FROM sessions se JOIN stacks st ON st.id = se.stack_id
                    WHERE se.id = ?
                    """,
                arguments: [session]
            ) else {
                throw CacheError(code: .sessionNotFound, path: path, detail: String(session))
            }
            let identity = StackIdentity(name: row["name"], region: row["region"], endpoint: row["endpoint"], account: row["account"])
            guard identity == lock.stack else {
                throw CacheError(code: .invalidArgument, detail: "the deploy lock is for stack \(lock.stack.name), not \(identity.name)")
            }
            try db.execute(
                sql: "UPDATE sessions SET outcome = 'running', pid = ?, finished_at = NULL, duration = NULL, message = NULL WHERE id = ?",
                arguments: [pid, session]
            )
        }
    }

    private func updateSession(_ session: Int64, sql: String, _ arguments: StatementArguments) throws(CacheError) {
        try write { db in
            try db.execute(sql: sql, arguments: arguments)
            if db.changesCount == 0 { throw CacheError(code: .sessionNotFound, path: path, detail: String(session)) }
        }
    }

    // MARK: - Projects and stacks

    static func upsertProject(_ db: Database, path: String, name: String, at now: Date) throws -> Int64 {
        try Int64.fetchOne(
            db,
            sql: """
                INSERT INTO projects (path, name, created_at, last_seen_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (path) DO UPDATE SET name = excluded.name, last_seen_at = excluded.last_seen_at
                RETURNING id
                """,
            arguments: [path, name, now.timeIntervalSince1970, now.timeIntervalSince1970]
        ) ?? 0
    }

    static func upsertStack(_ db: Database, _ stack: StackIdentity, project: Int64?, env: String?, at now: Date) throws -> Int64 {
        guard !stack.name.isEmpty else { throw CacheError(code: .invalidArgument, detail: "the stack name is empty") }
        return try Int64.fetchOne(
            db,
            sql: """
                INSERT INTO stacks (project_id, name, env, region, endpoint, account, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (account, region, endpoint, name) DO UPDATE SET
                    project_id = COALESCE(excluded.project_id, project_id), env = COALESCE(excluded.env, env),
                    updated_at = excluded.updated_at
                RETURNING id
                """,
            arguments: [project, stack.name, env, stack.region, stack.endpoint, stack.account, now.timeIntervalSince1970]
        ) ?? 0
    }

    // MARK: - Recovery

    /// Marks `running` sessions of this host whose process is gone, or whose stack lock nobody holds, as
    /// `interrupted`, and returns them.
    func markInterruptedSessions(now: Date) throws(CacheError) -> [InterruptedSession] {
        let rows = try read { db in
            try Row.fetchAll(db, sql: Self.operationSQL + " WHERE se.outcome = 'running'")
        }
        guard !rows.isEmpty else { return [] }
        let host = ProcessInfo.processInfo.hostName
        var found: [InterruptedSession] = []
        for row in rows {
            let pid: Int32 = row["pid"]
            guard (row["host"] as String?) == host else { continue }
            let stack = StackIdentity(name: row["name"], region: row["region"], endpoint: row["endpoint"], account: row["account"])
            guard !Self.isAlive(pid) || !DeployLock.isHeld(stack, directory: lockDirectory) else { continue }
            var session = Self.operation(row, stack: stack)
            session.outcome = .interrupted
            found.append(session)
        }
        guard !found.isEmpty else { return [] }
        try write { db in
            for session in found {
                try db.execute(
                    sql: "UPDATE sessions SET outcome = 'interrupted', message = ? WHERE id = ? AND outcome = 'running'",
                    arguments: [
                        "The kinetics-tui process (pid \(session.pid)) ended before this session finished; found at the next start.",
                        session.id,
                    ]
                )
            }
        }
        return found
    }

    /// A session left `detached` (or `interrupted`), as re-attaching to its stack operation needs it: `nil` when the
    /// session ended any other way or is still running. `Deployer.reattach` then follows the operation to its end
    /// (when it still runs) and records the session's outcome.
    public func reattachableSession(_ id: Int64) throws(CacheError) -> InterruptedSession? {
        let row = try read { db in
            try Row.fetchOne(db, sql: Self.operationSQL + " WHERE se.id = ? AND se.outcome IN ('detached', 'interrupted')", arguments: [id])
        }
        guard let row else { return nil }
        return Self.operation(row, stack: StackIdentity(name: row["name"], region: row["region"], endpoint: row["endpoint"], account: row["account"]))
    }

    /// The newest session of the project at `projectPath` on `env` that can be re-attached to: left `detached` or
    /// `interrupted` after its stack operation was started (a change set executed, or a delete sent). `nil` when
    /// there is none.
    public func newestReattachableSession(projectPath: String, env: String) throws(CacheError) -> InterruptedSession? {
        let row = try read { db in
            try Row.fetchOne(
                db,
                sql: Self.operationSQL + """
                     WHERE se.outcome IN ('detached', 'interrupted') AND se.client_request_token IS NOT NULL AND se.env = ?
                       AND se.project_id = (SELECT id FROM projects WHERE path = ?)
                    ORDER BY se.started_at DESC, se.id DESC LIMIT 1
                    """,
                arguments: [env, projectPath])
        }
        guard let row else { return nil }
        return Self.operation(row, stack: StackIdentity(name: row["name"], region: row["region"], endpoint: row["endpoint"], account: row["account"]))
    }

    /// What a re-attach reads of a session and its stack (`operation(_:stack:)` turns a row into it).
    private static let operationSQL = """
        SELECT se.id, se.pid, se.host, se.env, se.kind, se.outcome, se.client_request_token, se.change_set_size, se.started_at,
               st.name, st.region, st.endpoint, st.account, st.arn,
               (SELECT min(timestamp) FROM events e WHERE e.session_id = se.id) AS first_event
        FROM sessions se JOIN stacks st ON st.id = se.stack_id
        """

    private static func operation(_ row: Row, stack: StackIdentity) -> InterruptedSession {
        let first: Double? = row["first_event"]
        return InterruptedSession(
            id: row["id"], stack: stack, stackArn: row["arn"], env: row["env"],
            kind: StackOperationKind(rawValue: row["kind"]) ?? .deploy, clientRequestToken: row["client_request_token"],
            changeSetSize: row["change_set_size"], startedAt: Date(timeIntervalSince1970: row["started_at"]),
            firstEventAt: first.map(Date.init(timeIntervalSince1970:)), pid: row["pid"],
            outcome: SessionOutcome(rawValue: row["outcome"]) ?? .interrupted
        )
    }

    static func isAlive(_ pid: Int32) -> Bool {
        guard pid > 0 else { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }
}
