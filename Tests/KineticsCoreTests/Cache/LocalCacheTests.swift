import Foundation
import GRDB
import Testing
@testable import KineticsCore

@Suite("The local cache on real SQLite files")
struct LocalCacheTests {
    static let stack = StackIdentity(name: "shop-dev", region: "eu-west-1", endpoint: "http://127.0.0.1:5000", account: "123456789012")
    static let arn = "arn:aws:cloudformation:eu-west-1:123456789012:stack/shop-dev/0f4b1e70-0c2a-11f0-8d61-06a5c2e7b1a3"

    func start(_ cache: LocalCache, lock: DeployLock, env: String = "dev", at: Date = Date(), project: String = "/work/shop") throws -> Int64 {
        try cache.startSession(
            SessionStart(projectPath: project, projectName: "shop", stack: lock.stack, env: env, gitCommit: "1a2b3c4d5e6f",
                         gitDirty: true, user: "alice", host: ProcessInfo.processInfo.hostName, startedAt: at),
            lock: lock
        )
    }

    // MARK: - Files, schema, WAL

    @Test("creates a private cache with every table from an empty folder, in WAL mode with foreign keys")
    func createsFromEmpty() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("nested/state/cache.sqlite")
        let opening = try LocalCache.open(path: path)
        #expect(opening.warnings.isEmpty)
        #expect(opening.interruptedSessions.isEmpty)
        let cache = opening.cache
        let (mode, foreignKeys, tables, migrations) = try cache.database.read { db in
            (
                try String.fetchOne(db, sql: "PRAGMA journal_mode"),
                try Int.fetchOne(db, sql: "PRAGMA foreign_keys"),
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'grdb%' ORDER BY name"),
                try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
            )
        }
        #expect(mode == "wal")
        #expect(foreignKeys == 1)
        #expect(tables == ["artifacts", "events", "multipart_parts", "multipart_uploads", "projects", "session_functions", "sessions", "stacks"])
        #expect(migrations.count == 1)
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
        #expect(try cache.integrityCheck().isEmpty)
    }

    @Test("reopening keeps everything and applies no migration twice")
    func reopens() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("cache.sqlite")
        var id: Int64 = 0
        do {
            let cache = try LocalCache.open(path: path).cache
            let lock = try DeployLock.acquire(Self.stack, directory: cache.lockDirectory)
            id = try start(cache, lock: lock)
            try cache.finishSession(id, outcome: .noChanges)
            try cache.close()
        }
        let again = try LocalCache.open(path: path)
        #expect(again.interruptedSessions.isEmpty)
        #expect(try again.cache.session(id)?.summary.outcome == .noChanges)
        #expect(try again.cache.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM grdb_migrations") } == 1)
    }

    @Test("the default location follows KINETICS_TUI_CACHE, then XDG_STATE_HOME, then ~/.local/state")
    func defaultLocation() {
        #expect(CacheLocation.defaultPath(environment: ["KINETICS_TUI_CACHE": "/tmp/x.sqlite", "XDG_STATE_HOME": "/s"], home: "/h") == "/tmp/x.sqlite")
        #expect(CacheLocation.defaultPath(environment: ["KINETICS_TUI_CACHE": "~/c.sqlite"], home: "/h") == "/h/c.sqlite")
        #expect(CacheLocation.defaultPath(environment: ["XDG_STATE_HOME": "/s"], home: "/h") == "/s/kinetics-tui/cache.sqlite")
        #expect(CacheLocation.defaultPath(environment: ["XDG_STATE_HOME": "relative/ignored", "KINETICS_TUI_CACHE": ""], home: "/h")
            == "/h/.local/state/kinetics-tui/cache.sqlite")
        #expect(CacheLocation.lockDirectory(forCacheAt: "/s/kinetics-tui/cache.sqlite") == "/s/kinetics-tui/locks")
    }

    // MARK: - Damaged files

    @Test("a file that is not a database is moved aside, a fresh cache is made, and the caller is told")
    func garbageFile() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("cache.sqlite")
        let garbage = Data("this is not SQLite, it is a shopping list: eggs, milk\n".utf8) + Data(repeating: 0xAB, count: 8192)
        try garbage.write(to: URL(fileURLWithPath: path))
        let opening = try LocalCache.open(path: path, now: Date(timeIntervalSince1970: 1_741_946_400))
        guard case .corruptFileSetAside(let original, let aside, _)? = opening.warnings.first else {
            Issue.record("no warning about the damaged file")
            return
        }
        #expect(original == path)
        #expect(aside == path + ".corrupt-20250314-100000")
        #expect(FileManager.default.contents(atPath: aside) == garbage)
        #expect(opening.warnings.first?.description.contains("moved to") == true)
        let lock = try DeployLock.acquire(Self.stack, directory: opening.cache.lockDirectory)
        let id = try start(opening.cache, lock: lock)
        #expect(try opening.cache.session(id) != nil)
        #expect(try opening.cache.integrityCheck().isEmpty)
    }

    @Test("a database damaged inside is caught by quick_check and set aside too")
    func damagedPages() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("cache.sqlite")
        do {
            let cache = try LocalCache.open(path: path).cache
            let lock = try DeployLock.acquire(Self.stack, directory: cache.lockDirectory)
            let id = try start(cache, lock: lock)
            var m = EventMaker(stackName: "shop-dev", stackId: Self.arn)
            let events = (0..<400).map { TrackedStackEvent(event: m.resource(Double($0), "Fn\($0)", "UPDATE_IN_PROGRESS", reason: String(repeating: "x", count: 200)), stackPath: [], isRootStackEvent: false) }
            try cache.appendEvents(events, session: id)
            try cache.checkpoint()
            try cache.close()
        }
        // Overwrite the middle of the file (b-tree pages of the events table and its indexes) with noise.
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: size / 2)
        try handle.write(contentsOf: Data((0..<16384).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }))
        try handle.close()

        let opening = try LocalCache.open(path: path, verification: .quick)
        #expect(opening.warnings.count == 1)
        #expect(try opening.cache.listSessions().isEmpty)
        let asides = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".corrupt-") && !$0.hasSuffix("-wal") }
        #expect(asides.count == 1)
    }

    @Test("a path that cannot be a cache is a clear error, not a crash")
    func unusablePath() throws {
        let dir = try TemporaryDirectory()
        let blocker = dir.file("file")
        try Data("x".utf8).write(to: URL(fileURLWithPath: blocker))
        #expect(throws: CacheError.self) { try LocalCache.open(path: blocker + "/cache.sqlite") }
        do {
            _ = try LocalCache.open(path: blocker + "/cache.sqlite")
        } catch {
            #expect(error.code == .cannotCreateDirectory)
            #expect(error.description.contains("KINETICS_TUI_CACHE"))
        }
        try FileManager.default.createDirectory(atPath: dir.file("folder.sqlite"), withIntermediateDirectories: true)
        #expect(throws: CacheError.self) { try LocalCache.open(path: dir.file("folder.sqlite")) }
    }

    // MARK: - A session, as a deploy writes it

    @Test("a session written step by step reads back whole: plan, functions, events across nested stacks, root cause, outputs")
    func sessionRoundTrip() throws {
        let dir = try TemporaryDirectory()
        let cache = try LocalCache.open(path: dir.file("cache.sqlite")).cache
        let lock = try DeployLock.acquire(Self.stack, directory: cache.lockDirectory)
        let started = Date(timeIntervalSince1970: 1_741_950_000)
        let id = try start(cache, lock: lock, at: started)
        let plan = SessionPlan(
            functions: [.init(name: "ApiFunction", role: "endpoint", action: "build", reason: "sources changed", inputHash: "abc")],
            changes: [.init(action: "Add", logicalResourceId: "JobsQueue", resourceType: "AWS::SQS::Queue")]
        )
        try cache.recordPlan(plan, session: id)
        try cache.recordChangeSet(session: id, id: "arn:aws:cloudformation:eu-west-1:123456789012:changeSet/kt/1", size: 2, clientRequestToken: "tok-1")
        try cache.recordFunction(.init(name: "ApiFunction", role: "endpoint", status: .building, inputHash: "abc"), session: id)
        try cache.recordFunction(.init(name: "ApiFunction", role: "endpoint", status: .uploaded, inputHash: "abc", artifactSha256: "f00d",
                                       s3Key: "artifacts/ApiFunction/f00d.zip", artifactBytes: 4_200_000, uploadedBytes: 4_200_000,
                                       buildSeconds: 41.5, uploadSeconds: 1.25), session: id)
        try cache.recordFunction(.init(name: "Worker", status: .skipped, buildSkipped: true, uploadSkipped: true, skipReason: "unchanged"), session: id)

        var root = EventMaker(stackName: "shop-dev", stackId: Self.arn, token: "tok-1")
        let childArn = "arn:aws:cloudformation:eu-west-1:123456789012:stack/shop-dev-Data-1ABC/22"
        var child = EventMaker(stackName: "shop-dev-Data-1ABC", stackId: childArn, token: "tok-1")
        let first = [
            TrackedStackEvent(event: root.root(0, "UPDATE_IN_PROGRESS", "User Initiated"), stackPath: [], isRootStackEvent: true),
            TrackedStackEvent(event: root.resource(1, "Data", "UPDATE_IN_PROGRESS", type: "AWS::CloudFormation::Stack", physical: childArn), stackPath: [], isRootStackEvent: false),
        ]
        var second = [
            TrackedStackEvent(event: child.resource(2, "Table", "UPDATE_FAILED", type: "AWS::DynamoDB::Table", reason: "Boom \u{1B}[31mred\u{1B}[0m"), stackPath: ["Data"], isRootStackEvent: false),
            TrackedStackEvent(event: root.root(3, "UPDATE_ROLLBACK_IN_PROGRESS", "The following resource(s) failed to update: [Data]. "), stackPath: [], isRootStackEvent: true),
        ]
        second[1].event.clientRequestToken = "someone-else"
        #expect(try cache.appendEvents(first, session: id) == 2)
        #expect(try cache.appendEvents(second, session: id) == 2)
        #expect(try cache.appendEvents(first + second, session: id) == 0)

        let cause = RootCause(tracked: second[0], isStackLevel: false)
        let result = StackOperationResult(
            stackName: "shop-dev", stackId: Self.arn, finalStatus: "UPDATE_ROLLBACK_COMPLETE", outcome: .rolledBack,
            succeeded: false, rootCause: cause, rolledBack: true, outputs: [StackOutput(key: "ApiUrl", value: "https://x.on.aws/")]
        )
        try cache.finishSession(id, outcome: SessionOutcome(result, kind: .deploy), result: result, at: started.addingTimeInterval(95))

        let detail = try #require(try cache.session(id))
        let s = detail.summary
        #expect(s.outcome == .rolledBack)
        #expect(s.duration == 95)
        #expect(s.stack == Self.stack)
        #expect(s.projectPath == SessionStart.canonicalProjectPath("/work/shop"))
        #expect(s.gitCommit == "1a2b3c4d5e6f" && s.gitDirty == true && s.user == "alice")
        #expect(s.changeSetSize == 2 && s.clientRequestToken == "tok-1")
        #expect(s.eventCount == 4 && s.functionCount == 2)
        #expect(s.finalStatus == "UPDATE_ROLLBACK_COMPLETE")
        #expect(s.rootCause == cause)
        #expect(detail.plan == plan)
        #expect(detail.functions.map(\.name) == ["ApiFunction", "Worker"])
        #expect(detail.functions[0].status == .uploaded && detail.functions[0].buildSeconds == 41.5 && detail.functions[0].artifactBytes == 4_200_000)
        #expect(detail.functions[1].buildSkipped && detail.functions[1].skipReason == "unchanged")
        #expect(detail.outputs == result.outputs)
        #expect(detail.events == first + second)
        #expect(detail.events[2].event.resourceStatusReason?.contains("\u{1B}[31m") == true)
        #expect(!detail.eventsTruncated)
        let limited = try #require(try cache.session(id, eventLimit: 3))
        #expect(limited.events.count == 3 && limited.eventsTruncated)

        let status = try #require(try cache.lastKnownStatus(of: Self.stack))
        #expect(status.status == "UPDATE_ROLLBACK_COMPLETE" && status.stackId == Self.arn && status.outputs == result.outputs)
        let nested = try cache.database.read { db in try Row.fetchOne(db, sql: "SELECT parent_id, path, name FROM stacks WHERE arn = ?", arguments: [childArn]) }
        #expect(nested?["path"] == "Data")
        #expect(nested?["name"] == "shop-dev-Data-1ABC")
    }

    @Test("lists sessions newest first, filtered by project, environment and outcome, a page at a time")
    func listing() throws {
        let dir = try TemporaryDirectory()
        let cache = try LocalCache.open(path: dir.file("cache.sqlite")).cache
        let dev = try DeployLock.acquire(Self.stack, directory: cache.lockDirectory)
        let prodStack = StackIdentity(name: "shop-prod", region: "eu-west-1", account: "123456789012")
        let prod = try DeployLock.acquire(prodStack, directory: cache.lockDirectory)
        let base = Date(timeIntervalSince1970: 1_741_950_000)
        var ids: [Int64] = []
        for n in 0..<12 {
            let lock = n % 3 == 0 ? prod : dev
            let id = try start(cache, lock: lock, env: n % 3 == 0 ? "prod" : "dev", at: base.addingTimeInterval(Double(n) * 60),
                               project: n == 11 ? "/work/other" : "/work/shop")
            try cache.finishSession(id, outcome: n % 4 == 0 ? .failed : .succeeded, message: n % 4 == 0 ? "build failed" : nil,
                                    at: base.addingTimeInterval(Double(n) * 60 + 30))
            ids.append(id)
        }
        let all = try cache.listSessions(limit: 100)
        #expect(all.map(\.id) == ids.reversed())
        #expect(try cache.listSessions(limit: 5).map(\.id) == Array(ids.reversed().prefix(5)))
        #expect(try cache.listSessions(limit: 5, offset: 10).map(\.id) == [ids[1], ids[0]])
        #expect(try cache.listSessions(SessionFilter(env: "prod")).allSatisfy { $0.env == "prod" && $0.stack.name == "shop-prod" })
        #expect(try cache.countSessions(SessionFilter(env: "prod")) == 4)
        #expect(try cache.listSessions(SessionFilter(outcome: .failed)).map(\.id) == [ids[8], ids[4], ids[0]])
        #expect(try cache.listSessions(SessionFilter(projectPath: "/work/other")).map(\.id) == [ids[11]])
        #expect(try cache.listSessions(SessionFilter(projectPath: "/nowhere")).isEmpty)
        #expect(try cache.listSessions(SessionFilter(outcome: .failed, stackName: "shop-prod")).map(\.id) == [ids[0]])
        #expect(try cache.listSessions(limit: -3).isEmpty)
    }

    @Test("the last successful deploy's functions are what the planner compares against")
    func lastDeployed() throws {
        let dir = try TemporaryDirectory()
        let cache = try LocalCache.open(path: dir.file("cache.sqlite")).cache
        let lock = try DeployLock.acquire(Self.stack, directory: cache.lockDirectory)
        let base = Date(timeIntervalSince1970: 1_741_950_000)
        let good = try start(cache, lock: lock, at: base)
        try cache.recordFunction(.init(name: "ApiFunction", status: .deployed, inputHash: "good"), session: good)
        try cache.finishSession(good, outcome: .succeeded)
        let bad = try start(cache, lock: lock, at: base.addingTimeInterval(60))
        try cache.recordFunction(.init(name: "ApiFunction", status: .failed, inputHash: "bad"), session: bad)
        try cache.finishSession(bad, outcome: .rolledBack)
        #expect(try cache.lastDeployedFunctions(of: Self.stack).map(\.inputHash) == ["good"])
        #expect(try cache.lastDeployedFunctions(of: StackIdentity(name: "nope", region: "eu-west-1")).isEmpty)
    }

    @Test("artifacts and multipart uploads round-trip, parts included, and are forgotten on request")
    func artifactsAndUploads() throws {
        let dir = try TemporaryDirectory()
        let cache = try LocalCache.open(path: dir.file("cache.sqlite")).cache
        let artifact = ArtifactRecord(sha256: "ab12", bucket: "shop-artifacts", key: "artifacts/Api/ab12.zip", size: 123, functionName: "Api",
                                      region: "eu-west-1", uploadedAt: Date(timeIntervalSince1970: 1_741_950_000))
        try cache.recordArtifact(artifact)
        #expect(try cache.artifact(sha256: "ab12", bucket: "shop-artifacts") == artifact)
        #expect(try cache.artifact(sha256: "ab12", bucket: "other") == nil)
        try cache.forgetArtifact(bucket: "shop-artifacts", key: "artifacts/Api/ab12.zip")
        #expect(try cache.artifact(sha256: "ab12", bucket: "shop-artifacts") == nil)

        var upload = MultipartUploadRecord(bucket: "b", key: "k.zip", uploadId: "u-1", sha256: "ff", totalSize: 20_000_000,
                                           partSize: 8_388_608, startedAt: Date(timeIntervalSince1970: 1_741_950_000))
        try cache.beginMultipartUpload(upload)
        try cache.recordMultipartPart(.init(number: 2, etag: "\"e2\"", size: 8_388_608), of: upload)
        try cache.recordMultipartPart(.init(number: 1, etag: "\"e1\"", size: 8_388_608), of: upload)
        try cache.recordMultipartPart(.init(number: 1, etag: "\"e1b\"", size: 8_388_608), of: upload)
        upload.parts = [.init(number: 1, etag: "\"e1b\"", size: 8_388_608), .init(number: 2, etag: "\"e2\"", size: 8_388_608)]
        #expect(try cache.multipartUpload(bucket: "b", key: "k.zip") == upload)
        try cache.finishMultipartUpload(bucket: "b", key: "k.zip")
        #expect(try cache.multipartUpload(bucket: "b", key: "k.zip") == nil)
        #expect(try cache.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM multipart_parts") } == 0)
    }

    // MARK: - Bad input

    @Test("refuses what does not make sense, with errors that say so")
    func badInput() throws {
        let dir = try TemporaryDirectory()
        let cache = try LocalCache.open(path: dir.file("cache.sqlite")).cache
        let lock = try DeployLock.acquire(Self.stack, directory: cache.lockDirectory)
        let other = StackIdentity(name: "other-dev", region: "eu-west-1")
        func code(_ body: () throws -> Void) -> CacheError.Code? {
            do {
                try body()
                return nil
            } catch let error as CacheError {
                return error.code
            } catch {
                return nil
            }
        }
        #expect(code { _ = try cache.startSession(SessionStart(projectPath: "/p", projectName: "p", stack: other, env: "dev"), lock: lock) } == .invalidArgument)
        #expect(code { _ = try cache.startSession(SessionStart(projectPath: "/p", projectName: "p", stack: Self.stack, env: ""), lock: lock) } == .invalidArgument)
        let id = try start(cache, lock: lock)
        #expect(code { try cache.finishSession(id, outcome: .running) } == .invalidArgument)
        #expect(code { try cache.finishSession(9999, outcome: .failed) } == .sessionNotFound)
        #expect(code { try cache.recordPlan(SessionPlan(), session: 9999) } == .sessionNotFound)
        var maker = EventMaker()
        let stray = TrackedStackEvent(event: maker.root(0, "UPDATE_IN_PROGRESS"), stackPath: [], isRootStackEvent: true)
        #expect(code { _ = try cache.appendEvents([stray], session: 9999) } == .sessionNotFound)
        #expect(code { _ = try DeployLock.acquire(StackIdentity(name: "", region: "x"), directory: cache.lockDirectory) } == .invalidArgument)
        #expect(try cache.session(9999) == nil)
        #expect(try cache.appendEvents([], session: 9999) == 0)
        #expect(CacheError(code: .sessionNotFound, detail: "9999").description.contains("kinetics-tui history"))
    }
}
