import Foundation
import KineticsCore

/// The live process runner, counting and recording what it starts; lets a test prove cargo did not run, or
/// stop a real cargo by its pid.
final class CountingProcessRunner: ProcessRunner, @unchecked Sendable {
    private let live: LiveProcessRunner
    private let lock = NSLock()
    private var started: [ProcessSpec] = []
    private var pids: [Int32] = []

    init(_ live: LiveProcessRunner = LiveProcessRunner()) {
        self.live = live
    }

    var specs: [ProcessSpec] { lock.withLock { started } }
    var startedPIDs: [Int32] { lock.withLock { pids } }

    /// The cargo builds started (not `cargo metadata` or version probes).
    var cargoBuilds: [ProcessSpec] {
        specs.filter { $0.executable == "cargo" && ($0.arguments.first == "build" || $0.arguments.prefix(2) == ["lambda", "build"]) }
    }

    func run(_ spec: ProcessSpec) -> AsyncThrowingStream<ProcessOutput, any Error> {
        lock.withLock { started.append(spec) }
        let upstream = live.run(spec)
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    for try await output in upstream {
                        if case .started(let pid) = output { self.lock.withLock { self.pids.append(pid) } }
                        continuation.yield(output)
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}

/// Plays back scripted output for each command, for tests of how output is read (no process is started).
final class ScriptedProcessRunner: ProcessRunner, @unchecked Sendable {
    private let lock = NSLock()
    private var script: [(matches: @Sendable (ProcessSpec) -> Bool, outputs: [ProcessOutput])]
    private(set) var received: [ProcessSpec] = []

    init() {
        script = []
    }

    func on(_ matches: @escaping @Sendable (ProcessSpec) -> Bool, outputs: [ProcessOutput]) {
        lock.withLock { script.append((matches, outputs)) }
    }

    func run(_ spec: ProcessSpec) -> AsyncThrowingStream<ProcessOutput, any Error> {
        let outputs: [ProcessOutput]? = lock.withLock {
            received.append(spec)
            return script.first { $0.matches(spec) }?.outputs
        }
        return AsyncThrowingStream { continuation in
            guard let outputs else {
                continuation.finish(throwing: ProcessRunnerError(code: .notFound, executable: spec.executable, reason: "not scripted"))
                return
            }
            for output in outputs { continuation.yield(output) }
            continuation.finish()
        }
    }
}
