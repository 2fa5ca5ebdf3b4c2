import GRDB

/// The cache's tables, as versioned migrations: a database made by any earlier version is brought up to date,
/// never rebuilt. Times are Unix seconds (REAL); JSON columns hold the Codable types of KineticsCore.
enum CacheSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: projects, stacks, sessions, functions, events, artifacts, uploads") { db in
            try db.execute(sql: """
                CREATE TABLE projects (
                    id INTEGER PRIMARY KEY,
                    path TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL,
                    created_at REAL NOT NULL,
                    last_seen_at REAL NOT NULL
                );

                -- Root stacks and the nested stacks below them (parent_id, path).
                CREATE TABLE stacks (
                    id INTEGER PRIMARY KEY,
                    project_id INTEGER REFERENCES projects(id) ON DELETE SET NULL,
                    parent_id INTEGER REFERENCES stacks(id) ON DELETE CASCADE,
                    path TEXT,
                    name TEXT NOT NULL,
                    env TEXT,
                    region TEXT NOT NULL,
                    endpoint TEXT NOT NULL DEFAULT '',
                    account TEXT NOT NULL DEFAULT '',
                    arn TEXT,
                    last_status TEXT,
                    last_status_reason TEXT,
                    outputs_json TEXT,
                    updated_at REAL NOT NULL,
                    UNIQUE (account, region, endpoint, name)
                );
                CREATE UNIQUE INDEX stacks_by_arn ON stacks(arn) WHERE arn IS NOT NULL;

                CREATE TABLE sessions (
                    id INTEGER PRIMARY KEY,
                    project_id INTEGER REFERENCES projects(id) ON DELETE SET NULL,
                    stack_id INTEGER NOT NULL REFERENCES stacks(id) ON DELETE CASCADE,
                    kind TEXT NOT NULL CHECK (kind IN ('deploy', 'destroy', 'watch')),
                    env TEXT NOT NULL,
                    started_at REAL NOT NULL,
                    finished_at REAL,
                    duration REAL,
                    user TEXT,
                    host TEXT,
                    pid INTEGER NOT NULL,
                    git_commit TEXT,
                    git_dirty INTEGER,
                    tool_version TEXT,
                    plan_json TEXT,
                    change_set_id TEXT,
                    change_set_size INTEGER,
                    client_request_token TEXT,
                    outcome TEXT NOT NULL CHECK (outcome IN
                        ('running', 'succeeded', 'failed', 'rolled_back', 'cancelled', 'detached', 'interrupted', 'no_changes')),
                    final_status TEXT,
                    root_cause_json TEXT,
                    outputs_json TEXT,
                    message TEXT,
                    event_count INTEGER NOT NULL DEFAULT 0
                );
                CREATE INDEX sessions_by_started ON sessions(started_at);
                CREATE INDEX sessions_by_project ON sessions(project_id, started_at);
                CREATE INDEX sessions_running ON sessions(outcome) WHERE outcome = 'running';

                CREATE TABLE session_functions (
                    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    role TEXT,
                    status TEXT NOT NULL,
                    input_hash TEXT,
                    artifact_sha256 TEXT,
                    s3_key TEXT,
                    build_skipped INTEGER NOT NULL DEFAULT 0,
                    upload_skipped INTEGER NOT NULL DEFAULT 0,
                    skip_reason TEXT,
                    artifact_bytes INTEGER,
                    uploaded_bytes INTEGER,
                    build_seconds REAL,
                    upload_seconds REAL,
                    error TEXT,
                    updated_at REAL NOT NULL,
                    PRIMARY KEY (session_id, name)
                ) WITHOUT ROWID;

                -- Stack events, unique per stack by EventId. client_request_token is NULL when it equals the
                -- session's token, which saves about 50 bytes an event.
                CREATE TABLE events (
                    id INTEGER PRIMARY KEY,
                    stack_id INTEGER NOT NULL REFERENCES stacks(id) ON DELETE CASCADE,
                    session_id INTEGER REFERENCES sessions(id) ON DELETE SET NULL,
                    event_id TEXT NOT NULL,
                    timestamp REAL NOT NULL,
                    logical_id TEXT NOT NULL,
                    physical_id TEXT,
                    resource_type TEXT NOT NULL,
                    status TEXT NOT NULL,
                    reason TEXT,
                    client_request_token TEXT,
                    detailed_status TEXT,
                    operation_id TEXT,
                    UNIQUE (stack_id, event_id)
                );
                CREATE INDEX events_by_stack_time ON events(stack_id, timestamp);
                CREATE INDEX events_by_session ON events(session_id, timestamp);

                CREATE TABLE artifacts (
                    endpoint TEXT NOT NULL DEFAULT '',
                    bucket TEXT NOT NULL,
                    key TEXT NOT NULL,
                    sha256 TEXT NOT NULL,
                    size INTEGER NOT NULL,
                    function_name TEXT,
                    region TEXT NOT NULL,
                    uploaded_at REAL NOT NULL,
                    PRIMARY KEY (endpoint, bucket, key)
                ) WITHOUT ROWID;
                CREATE INDEX artifacts_by_sha ON artifacts(sha256);

                CREATE TABLE multipart_uploads (
                    endpoint TEXT NOT NULL DEFAULT '',
                    bucket TEXT NOT NULL,
                    key TEXT NOT NULL,
                    upload_id TEXT NOT NULL,
                    sha256 TEXT NOT NULL,
                    total_size INTEGER NOT NULL,
                    part_size INTEGER NOT NULL,
                    started_at REAL NOT NULL,
                    PRIMARY KEY (endpoint, bucket, key)
                ) WITHOUT ROWID;

                CREATE TABLE multipart_parts (
                    endpoint TEXT NOT NULL,
                    bucket TEXT NOT NULL,
                    key TEXT NOT NULL,
                    part_number INTEGER NOT NULL,
                    etag TEXT NOT NULL,
                    size INTEGER NOT NULL,
                    PRIMARY KEY (endpoint, bucket, key, part_number),
                    FOREIGN KEY (endpoint, bucket, key) REFERENCES multipart_uploads(endpoint, bucket, key) ON DELETE CASCADE
                ) WITHOUT ROWID;
                """)
        }
        return migrator
    }
}
