import Foundation
import Testing
@testable import KineticsCore

@Suite("kinetics-tui history, the real binary")
struct HistoryCommandTests {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    func history(_ arguments: [String]) throws -> Output {
        let binary = BuiltProducts.path("kinetics-tui")
        try #require(FileManager.default.isExecutableFile(atPath: binary), "build first: swift build --build-tests")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["history"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["KINETICS_TUI_CACHE"] = nil
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// A cache with two sessions: a clean deploy and one that rolled back with an escape-laden reason.
    func makeCache(_ dir: TemporaryDirectory) throws -> (path: String, good: Int64, bad: Int64) {
        let path = dir.file("cache.sqlite")
        let cache = try LocalCache.open(path: path).cache
        let lock = try DeployLock.acquire(LocalCacheTests.stack, directory: cache.lockDirectory)
        let start = Date(timeIntervalSince1970: 1_741_950_000)
        let good = try cache.startSession(SessionStart(projectPath: dir.path, projectName: "shop", stack: lock.stack, env: "dev",
                                                       gitCommit: "1a2b3c4d5e6f7a8b", startedAt: start), lock: lock)
        try cache.recordFunction(.init(name: "ApiFunction", role: "endpoint", status: .deployed, artifactSha256: "f00dfeedbeef0123",
                                       artifactBytes: 4_200_000, buildSeconds: 41.5, uploadSeconds: 1.2), session: good)
        try cache.finishSession(good, outcome: .succeeded, at: start.addingTimeInterval(75))

        let bad = try cache.startSession(SessionStart(projectPath: dir.path, projectName: "shop", stack: lock.stack, env: "dev",
                                                      startedAt: start.addingTimeInterval(3600)), lock: lock)
        try cache.recordChangeSet(session: bad, id: nil, size: 1, clientRequestToken: "tok-1")
        var m = EventMaker(stackName: "shop-dev", stackId: LocalCacheTests.arn, token: "tok-1")
        m.base = start.addingTimeInterval(3610)
        let evil = "Seed failed\u{1B}]0;owned\u{07}\u{1B}[2J\u{1B}[31m: connection refused\u{9B}6n"
        let events = [
            TrackedStackEvent(event: m.root(0, "UPDATE_IN_PROGRESS", "User Initiated"), stackPath: [], isRootStackEvent: true),
            TrackedStackEvent(event: m.resource(2, "SeedData", "CREATE_FAILED", type: "Custom::SeedData", reason: evil), stackPath: [], isRootStackEvent: false),
            TrackedStackEvent(event: m.root(4, "UPDATE_ROLLBACK_COMPLETE"), stackPath: [], isRootStackEvent: true),
        ]
        try cache.appendEvents(events, session: bad)
        let cause = RootCause(tracked: events[1], isStackLevel: false)
        try cache.finishSession(bad, outcome: .rolledBack, result: StackOperationResult(
            stackName: "shop-dev", stackId: LocalCacheTests.arn, finalStatus: "UPDATE_ROLLBACK_COMPLETE", outcome: .rolledBack,
            succeeded: false, rootCause: cause, rolledBack: true
        ), at: start.addingTimeInterval(3620))
        try cache.close()
        return (path, good, bad)
    }

    static func hasControl(_ text: String) -> Bool {
        text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) }
    }

    @Test("lists sessions newest first as a table, the root cause inline and clean")
    func table() throws {
        let dir = try TemporaryDirectory()
        let (path, good, bad) = try makeCache(dir)
        let result = try history(["--cache", path])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("ID") == true)
        #expect(lines.count == 3)
        #expect(lines[1].hasPrefix("\(bad) "))
        #expect(lines[1].contains("rolled_back") && lines[1].contains("SeedData: Seed failed: connection refused"))
        #expect(lines[2].hasPrefix("\(good) ") && lines[2].contains("succeeded") && lines[2].contains("1 min 15 s") && lines[2].contains("1a2b3c4"))
        #expect(!Self.hasControl(result.stdout))
    }

    @Test("shows one session with its root cause, functions and events, free of escape sequences")
    func detail() throws {
        let dir = try TemporaryDirectory()
        let (path, _, bad) = try makeCache(dir)
        let result = try history([String(bad), "--cache", path])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Session \(bad): shop-dev (dev) deploy, rolled_back"))
        #expect(result.stdout.contains("Root cause\n  SeedData (Custom::SeedData) CREATE_FAILED"))
        #expect(result.stdout.contains("Events (3)"))
        #expect(result.stdout.contains("User Initiated"))
        #expect(!result.stdout.contains("owned"))
        #expect(!Self.hasControl(result.stdout))
    }

    @Test("prints stable JSON for the list and for one session, text sanitized")
    func json() throws {
        let dir = try TemporaryDirectory()
        let (path, good, bad) = try makeCache(dir)
        let list = try history(["--json", "--cache", path])
        #expect(list.status == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [String: Any])
        #expect(document["total"] as? Int == 2)
        #expect(document["cache"] as? String == path)
        let sessions = try #require(document["sessions"] as? [[String: Any]])
        #expect(sessions.map { $0["id"] as? Int } == [Int(bad), Int(good)])
        #expect(sessions[0]["outcome"] as? String == "rolled_back")
        #expect((sessions[0]["startedAt"] as? String)?.hasSuffix("Z") == true)
        let cause = try #require(sessions[0]["rootCause"] as? [String: Any])
        #expect(cause["reason"] as? String == "Seed failed: connection refused")

        let one = try history([String(bad), "--json", "--cache", path])
        #expect(one.status == 0)
        let detail = try #require(try JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as? [String: Any])
        let session = try #require(detail["session"] as? [String: Any])
        let events = try #require(session["events"] as? [[String: Any]])
        #expect(events.count == 3)
        #expect((events[1]["event"] as? [String: Any])?["resourceStatusReason"] as? String == "Seed failed: connection refused")
        #expect((events[0]["event"] as? [String: Any])?["clientRequestToken"] as? String == "tok-1")
        #expect(session["eventsTruncated"] as? Bool == false)
        #expect(!one.stdout.contains("\\u001b") && !one.stdout.contains("\\u009b"))
    }

    @Test("filters by project and environment; an unknown session exits 1; bad usage exits 2")
    func filtersAndExitCodes() throws {
        let dir = try TemporaryDirectory()
        let (path, _, _) = try makeCache(dir)
        #expect(try history(["--cache", path, "--env", "prod"]).stdout.contains("No deploy sessions recorded yet."))
        #expect(try history(["--cache", path, "--project", dir.path, "--outcome", "succeeded", "--json"]).stdout.contains("\"total\" : 1"))
        let missing = try history(["424242", "--cache", path])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("No deploy session 424242"))
        #expect(try history(["7", "--cache", dir.file("none.sqlite")]).status == 1)
        #expect(!FileManager.default.fileExists(atPath: dir.file("none.sqlite")))
        #expect(try history(["--cache", dir.file("none.sqlite")]).status == 0)
        for bad in [["--limit", "0"], ["--limit", "many"], ["--outcome", "exploded"], ["0"], ["-3"], ["--frobnicate"], ["1", "--env", "dev"]] {
            let result = try history(bad + ["--cache", path])
            #expect(result.status == 2, "history \(bad.joined(separator: " ")) exited \(result.status)")
            #expect(result.stderr.contains("Error:") || result.stderr.contains("Usage:"))
        }
    }
}
