import Foundation
import GRDB
import Testing
@testable import KineticsCore

@Suite("The cache after a crash")
struct CrashRecoveryTests {
    @Test("kill -9 in the middle of writing leaves a sound database and the session marked interrupted, ready to re-attach")
    func killedWriter() async throws {
        let writer = BuiltProducts.path("kinetics-bench")
        try #require(FileManager.default.isExecutableFile(atPath: writer), "build the benchmarks first: swift build --build-tests")
        // The kill lands wherever the writer happens to be. Between one session's end and the next one's start
        // nothing is running, so there is nothing to mark; the writer says `finished` then, and the test kills a
        // new writer (that window is a few statements wide, so one more try is nearly always enough).
        var attempt = 0
        var killedIn: (dir: TemporaryDirectory, path: String, child: ChildProcess, output: [String])?
        while killedIn == nil && attempt < 5 {
            attempt += 1
            let dir = try TemporaryDirectory()
            let path = dir.file("cache.sqlite")
            let child = try ChildProcess(writer, ["cache-writer", "--cache", path, "--sessions", "0", "--events-per-poll", "3", "--verbose"])
            // Let it write a few sessions, then kill it in the middle of one.
            let line = try await child.waitForLine { line in
                guard line.hasPrefix("committed"), let session = Self.field("session", line) else { return false }
                return session >= 3 && (Self.field("events", line) ?? 0) >= 30
            }
            try #require(line != nil, "the writer did not report progress: \(child.output.suffix(3))")
            child.killHard()
            try #require(try await child.waitForEndOfOutput(), "the killed writer's output did not end")
            let output = child.output
            if output.last(where: { $0.hasPrefix("committed") || $0.hasPrefix("finished") })?.hasPrefix("finished") == true { continue }
            killedIn = (dir, path, child, output)
        }
        let (dir, path, child, output) = try #require(killedIn, "every kill fell between two sessions")
        _ = dir
        let lastCommitted = try #require(output.last { $0.hasPrefix("committed") })
        let session = try #require(Self.field("session", lastCommitted).map(Int64.init))
        let events = try #require(Self.field("events", lastCommitted))

        let opening = try LocalCache.open(path: path, verification: .quick)
        #expect(opening.warnings.isEmpty)
        #expect(try opening.cache.integrityCheck().isEmpty)
        let interrupted = try #require(opening.interruptedSessions.first)
        #expect(opening.interruptedSessions.count == 1)
        #expect(interrupted.id >= session)
        #expect(interrupted.pid == child.pid)
        #expect(interrupted.stack.name == "writer-dev")
        let detail = try #require(try opening.cache.session(interrupted.id))
        #expect(detail.summary.outcome == .interrupted)
        #expect(detail.summary.message?.contains("pid \(child.pid)") == true)
        if interrupted.id == session {
            // Everything the writer saw committed is there; at most the batch being written is lost.
            #expect(detail.events.count >= events)
            #expect(detail.summary.eventCount == detail.events.count)
        }
        // Re-attaching scopes the tail to the same operation.
        let tail = interrupted.tailConfiguration
        guard case .clientRequestToken(let token, _) = tail.scope else {
            Issue.record("re-attach is not scoped by the session's token")
            return
        }
        #expect(token == detail.summary.clientRequestToken)
        #expect(tail.stackName.hasPrefix("arn:aws:cloudformation:"))
        // Earlier sessions finished normally and are untouched.
        let finished = try opening.cache.listSessions(limit: 100).filter { $0.id < interrupted.id }
        #expect(!finished.isEmpty && finished.allSatisfy { $0.outcome == .succeeded || $0.outcome == .rolledBack })
        // A second open finds nothing more to mark.
        #expect(try LocalCache.open(path: path).interruptedSessions.isEmpty)
    }

    @Test("a running session whose process is alive and holds the stack's lock is left running")
    func liveSessionUntouched() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("cache.sqlite")
        let cache = try LocalCache.open(path: path).cache
        let lock = try DeployLock.acquire(LocalCacheTests.stack, directory: cache.lockDirectory)
        let id = try cache.startSession(SessionStart(projectPath: "/w", projectName: "w", stack: lock.stack, env: "dev"), lock: lock)
        let other = try LocalCache.open(path: path)
        #expect(other.interruptedSessions.isEmpty)
        #expect(try other.cache.session(id)?.summary.outcome == .running)
    }

    @Test("a running session whose lock nobody holds is interrupted even though its pid lives; resuming takes it back")
    func lockReleasedWithoutFinishing() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("cache.sqlite")
        let cache = try LocalCache.open(path: path).cache
        var lock: DeployLock? = try DeployLock.acquire(LocalCacheTests.stack, directory: cache.lockDirectory)
        let id = try cache.startSession(SessionStart(projectPath: "/w", projectName: "w", stack: LocalCacheTests.stack, env: "dev"), lock: try #require(lock))
        try cache.recordChangeSet(session: id, id: nil, size: 4, clientRequestToken: nil)
        lock = nil
        let reopened = try LocalCache.open(path: path)
        let interrupted = try #require(reopened.interruptedSessions.first)
        #expect(interrupted.id == id)
        #expect(interrupted.tailConfiguration.scope == .latestOperation)
        #expect(interrupted.tailConfiguration.changeSetSize == 4)
        #expect(try reopened.cache.session(id)?.summary.outcome == .interrupted)

        let again = try DeployLock.acquire(LocalCacheTests.stack, directory: cache.lockDirectory)
        try reopened.cache.resumeSession(id, lock: again)
        #expect(try reopened.cache.session(id)?.summary.outcome == .running)
        try reopened.cache.finishSession(id, outcome: .succeeded)
        #expect(try reopened.cache.session(id)?.summary.outcome == .succeeded)
    }

    static func field(_ name: String, _ line: String) -> Int? {
        line.split(separator: " ").first { $0.hasPrefix(name + "=") }.flatMap { Int($0.dropFirst(name.count + 1)) }
    }
}
