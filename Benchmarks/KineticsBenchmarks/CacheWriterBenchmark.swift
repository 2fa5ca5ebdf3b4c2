import ArgumentParser
import Foundation
import KineticsCore

/// `kinetics-bench cache-writer`: writes deploy sessions into a cache the way a deploy does (one transaction per
/// poll of events), as fast as it can, and reports the write rate. With `--sessions 0` it never stops, which is
/// what the crash tests `kill -9` in the middle of; it prints a `committed` line after every transaction
/// and a `finished` line after each session's last.
struct CacheWriterBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache-writer",
        abstract: "Write deploy sessions and events into a cache in a loop; report the write rate."
    )

    @Option(help: "The cache file.")
    var cache: String

    @Option(help: "Sessions to write; 0 writes until killed.")
    var sessions = 200

    @Option(help: "Events per session.")
    var events = 100

    @Option(help: "Events per poll (one transaction each).")
    var eventsPerPoll = 10

    @Flag(help: "Print a line after every committed transaction.")
    var verbose = false

    func run() throws {
        let opening = try LocalCache.open(path: cache)
        let cache = opening.cache
        let stack = StackIdentity(name: "writer-dev", region: "eu-west-1", endpoint: "http://127.0.0.1:5000")
        let lock = try DeployLock.acquire(stack, directory: cache.lockDirectory)
        let arn = "arn:aws:cloudformation:eu-west-1:123456789012:stack/writer-dev/\(UUID().uuidString.lowercased())"
        var generator = SyntheticDeploy(seed: 42)
        var written = 0
        var commits = 0
        let elapsed = try HistoryClock.seconds {
            var n = 0
            while sessions == 0 || n < sessions {
                n += 1
                let token = "kinetics-tui-\(UUID().uuidString.lowercased())"
                let start = Date()
                let id = try cache.startSession(
                    SessionStart(projectPath: "/work/writer", projectName: "writer", stack: stack, env: "dev", gitCommit: "0123456789abcdef"),
                    lock: lock
                )
                try cache.recordChangeSet(session: id, id: "arn:aws:cloudformation:eu-west-1:123456789012:changeSet/kt-\(n)/x", size: 10, clientRequestToken: token)
                try cache.recordFunction(SessionFunction(name: "ApiFunction", role: "endpoint", status: .uploaded, inputHash: "h\(n)", artifactBytes: 4_000_000), session: id)
                commits += 3
                let (batch, failed) = generator.events(stack: "writer-dev", arn: arn, token: token, start: start, count: events)
                var index = 0
                var stored = 0
                while index < batch.count {
                    let poll = Array(batch[index..<min(batch.count, index + eventsPerPoll)])
                    // Synthetic event ids can repeat across sessions of the same stack; the cache keeps one of
                    // each, so report what it stored, which is what a crash must not lose.
                    stored += try cache.appendEvents(poll, session: id)
                    index += poll.count
                    written += poll.count
                    commits += 1
                    if verbose { FileHandle.standardOutput.write(Data("committed session=\(id) events=\(stored)\n".utf8)) }
                }
                let status = failed ? "UPDATE_ROLLBACK_COMPLETE" : "UPDATE_COMPLETE"
                try cache.finishSession(id, outcome: failed ? .rolledBack : .succeeded, result: StackOperationResult(
                    stackName: "writer-dev", stackId: arn, finalStatus: status, outcome: StackOperationOutcome(finalStatus: status),
                    succeeded: !failed
                ))
                commits += 1
                if verbose { FileHandle.standardOutput.write(Data("finished session=\(id)\n".utf8)) }
            }
        }
        print("cache-writer: \(sessions) sessions, \(written) events, \(commits) transactions in \(String(format: "%.2f", elapsed)) s")
        print(String(format: "cache-writer: %.0f events/s, %.0f transactions/s, %.0f bytes/event", Double(written) / elapsed,
                     Double(commits) / elapsed, Double(cache.fileSize) / Double(max(written, 1))))
    }
}
