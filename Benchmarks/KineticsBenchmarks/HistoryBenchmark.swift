import ArgumentParser
import Foundation
import KineticsCore
#if canImport(Glibc)
import Glibc
#endif

/// `kinetics-bench history`: fills a cache with many sessions and events through the real write API, then times
/// listing the history and opening one session, in this process and as whole `kinetics-tui history` processes,
/// and reports the database size per event.
///
/// On a machine shared with other work, wall times mostly measure waiting for a CPU; run it under
/// `chrt -f 10` (as root) to see what the same machine shows when it is otherwise idle. CPU times are printed too.
struct HistoryBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Time `history` on a large cache (default 10,000 sessions, 1,000,000 events)."
    )

    @Option(help: "Sessions to write.")
    var sessions = 10_000

    @Option(help: "Events per session.")
    var eventsPerSession = 100

    @Option(help: "Events per poll (one transaction each), as a deploy writes them.")
    var eventsPerPoll = 10

    @Option(help: "The cache file to create (removed first unless --reuse).")
    var path = "/tmp/kinetics-bench-history/cache.sqlite"

    @Flag(help: "Reuse an existing filled cache at --path instead of writing a new one.")
    var reuse = false

    @Option(help: "The kinetics-tui binary to time as whole processes.")
    var binary = ".build/release/kinetics-tui"

    @Option(help: "Repetitions of each timing.")
    var runs = 30

    func run() throws {
        let manager = FileManager.default
        if !reuse {
            for suffix in ["", "-wal", "-shm"] { try? manager.removeItem(atPath: path + suffix) }
            try fill()
        }
        try measure()
    }

    private func fill() throws {
        let cache = try LocalCache.open(path: path).cache
        var generator = SyntheticDeploy(seed: 7)
        let projects = 20
        let envs = ["dev", "staging"]
        var locks: [StackIdentity: DeployLock] = [:]
        let year: TimeInterval = 365 * 24 * 3600
        let base = Date().addingTimeInterval(-year)
        var events = 0
        let seconds = try HistoryClock.seconds {
            for n in 0..<sessions {
                let project = n % projects
                let env = envs[(n / projects) % envs.count]
                let name = "shop\(project)-\(env)"
                let stack = StackIdentity(name: name, region: "eu-west-1", account: "123456789012")
                let lock = try locks[stack] ?? DeployLock.acquire(stack, directory: cache.lockDirectory)
                locks[stack] = lock
                let started = base.addingTimeInterval(year * Double(n) / Double(sessions))
                let plan = SessionPlan(
                    functions: (0..<5).map { SessionPlan.Function(name: "Function\($0)", role: "endpoint", action: $0 == 0 ? "build" : "skip", reason: $0 == 0 ? "sources changed" : "unchanged since the last deploy") },
                    changes: [SessionPlan.Change(action: "Modify", logicalResourceId: "Function0", resourceType: "AWS::Lambda::Function", replacement: "False")]
                )
                let id = try cache.startSession(
                    SessionStart(projectPath: "/home/dev/shop\(project)", projectName: "shop\(project)", stack: stack, env: env,
                                 gitCommit: String(format: "%016llx", generator.random.next()), gitDirty: n % 7 == 0, plan: plan,
                                 user: "dev", host: "bench", startedAt: started),
                    lock: lock
                )
                let token = "kinetics-tui-\(UUID().uuidString.lowercased())"
                let arn = "arn:aws:cloudformation:eu-west-1:123456789012:stack/\(name)/0f4b1e70-0c2a-11f0-8d61-06a5c2e7b1a3"
                try cache.recordChangeSet(session: id, id: nil, size: 1, clientRequestToken: token)
                for f in 0..<5 {
                    try cache.recordFunction(SessionFunction(
                        name: "Function\(f)", role: "endpoint", status: f == 0 ? .uploaded : .skipped,
                        inputHash: String(format: "%016llx", generator.random.next()), artifactSha256: String(format: "%016llx", generator.random.next()),
                        s3Key: "artifacts/Function\(f)/x.zip", buildSkipped: f != 0, uploadSkipped: f != 0, artifactBytes: 3_500_000,
                        uploadedBytes: f == 0 ? 3_500_000 : 0, buildSeconds: f == 0 ? 41 : nil, uploadSeconds: f == 0 ? 1.2 : nil
                    ), session: id, at: started)
                }
                let (batch, failed) = generator.events(stack: name, arn: arn, token: token, start: started.addingTimeInterval(60), count: eventsPerSession)
                var index = 0
                while index < batch.count {
                    let poll = Array(batch[index..<min(batch.count, index + eventsPerPoll)])
                    try cache.appendEvents(poll, session: id)
                    index += poll.count
                }
                events += batch.count
                let status = failed ? "UPDATE_ROLLBACK_COMPLETE" : "UPDATE_COMPLETE"
                let cause = failed ? batch.first { $0.event.resourceStatus == "UPDATE_FAILED" }.map {
                    RootCause(logicalResourceId: $0.event.logicalResourceId, resourceType: $0.event.resourceType, stackName: name,
                              stackId: arn, status: "UPDATE_FAILED", reason: $0.event.resourceStatusReason ?? "",
                              timestamp: $0.event.timestamp, eventId: $0.event.eventId)
                } : nil
                try cache.finishSession(id, outcome: failed ? .rolledBack : .succeeded, result: StackOperationResult(
                    stackName: name, stackId: arn, finalStatus: status, outcome: StackOperationOutcome(finalStatus: status),
                    succeeded: !failed, rootCause: cause,
                    outputs: [StackOutput(key: "ApiUrl", value: "https://\(name).lambda-url.eu-west-1.on.aws/")]
                ), at: batch.last?.event.timestamp ?? started)
            }
        }
        try cache.checkpoint()
        print("fill: \(sessions) sessions, \(events) events in \(String(format: "%.1f", seconds)) s "
              + "(\(String(format: "%.0f", Double(events) / seconds)) events/s through appendEvents, \(eventsPerPoll) per transaction)")
    }

    private func measure() throws {
        var opening = try LocalCache.open(path: path)
        try opening.cache.checkpoint()
        let cache = opening.cache
        let total = try cache.countSessions()
        let size = cache.fileSize
        let events = try cache.listSessions(limit: 1).first.map { _ in try cache.countEvents() } ?? 0
        print("cache: \(total) sessions, \(events) events, \(size) bytes = \(String(format: "%.0f", Double(size) / Double(max(events, 1)))) bytes/event")

        var times: [Double] = []
        for _ in 0..<runs { times.append(try HistoryClock.seconds { _ = try LocalCache.open(path: path) }) }
        print("in process: open the cache                 median \(HistoryClock.ms(HistoryClock.median(times)))")

        times = []
        for _ in 0..<runs { times.append(try HistoryClock.seconds { _ = try cache.listSessions(limit: 20) }) }
        print("in process: list 20 newest sessions        median \(HistoryClock.ms(HistoryClock.median(times))), max \(HistoryClock.ms(times.max() ?? 0))")

        times = []
        for _ in 0..<runs {
            times.append(try HistoryClock.seconds {
                _ = try cache.listSessions(SessionFilter(projectPath: "/home/dev/shop3", env: "staging", outcome: .rolledBack), limit: 20)
            })
        }
        print("in process: list filtered (project, env, outcome) median \(HistoryClock.ms(HistoryClock.median(times)))")

        times = []
        for _ in 0..<runs { times.append(try HistoryClock.seconds { _ = try cache.listSessions(limit: 20, offset: total - 20) }) }
        print("in process: list the 20 oldest (offset)    median \(HistoryClock.ms(HistoryClock.median(times)))")

        var random = SplitMix(seed: 99)
        times = []
        var shown = 0
        for _ in 0..<runs {
            let id = Int64(random.next() % UInt64(max(total, 1))) + 1
            times.append(try HistoryClock.seconds { shown = try cache.session(id)?.events.count ?? 0 })
        }
        print("in process: open one session (\(shown) events)  median \(HistoryClock.ms(HistoryClock.median(times))), max \(HistoryClock.ms(times.max() ?? 0))")

        times = [try HistoryClock.seconds { _ = try cache.integrityCheck() }]
        print("in process: PRAGMA integrity_check          \(HistoryClock.ms(times[0]))")
        times = [try HistoryClock.seconds { opening = try LocalCache.open(path: path, verification: .quick) }]
        print("in process: open with quick_check          \(HistoryClock.ms(times[0]))")

        guard FileManager.default.isExecutableFile(atPath: binary) else {
            print("processes: \(binary) not found; build it with `swift build -c release --product kinetics-tui`")
            return
        }
        let id = Int64(random.next() % UInt64(max(total, 1))) + 1
        for (label, arguments) in [
            ("kinetics-tui history", ["history", "--cache", path]),
            ("kinetics-tui history --json", ["history", "--json", "--cache", path]),
            ("kinetics-tui history \(id)", ["history", String(id), "--cache", path]),
            ("kinetics-tui history \(id) --json", ["history", String(id), "--json", "--cache", path]),
            ("kinetics-tui --version (start-up alone)", ["--version"]),
        ] {
            times = []
            let before = Self.childCPU()
            for _ in 0..<max(5, runs / 3) { times.append(try timeProcess(arguments)) }
            let cpu = Self.childCPU() - before
            print("process: \(label.padding(toLength: 38, withPad: " ", startingAt: 0)) median \(HistoryClock.ms(HistoryClock.median(times))), max \(HistoryClock.ms(times.max() ?? 0)), CPU \(HistoryClock.ms(cpu / Double(times.count))) per run")
        }
    }

    /// CPU seconds (user and system) used by finished child processes so far.
    private static func childCPU() -> Double {
        var usage = rusage()
        getrusage(Int32(RUSAGE_CHILDREN.rawValue), &usage)
        let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        return user + system
    }

    private func timeProcess(_ arguments: [String]) throws -> Double {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        return try HistoryClock.seconds {
            try process.run()
            process.waitUntilExit()
            if process.terminationStatus != 0 { throw ValidationError("kinetics-tui \(arguments.joined(separator: " ")) exited \(process.terminationStatus)") }
        }
    }
}
