import Foundation
import Synchronization

/// A real child process whose standard output is read line by line, for tests that need another process to
/// hold a lock or to be killed in the middle of writing.
final class ChildProcess: @unchecked Sendable {
    /// Lines read so far, and the unfinished tail of the output.
    private final class Lines: Sendable {
        let complete = Mutex<[String]>([])
        let pending = Mutex("")
        /// Set when the pipe reached its end (the child and everything it started closed their output).
        let ended = Mutex(false)

        func append(_ data: Data) {
            let lines = pending.withLock { buffer -> [String] in
                buffer += String(decoding: data, as: UTF8.self)
                var parts = buffer.components(separatedBy: "\n")
                buffer = parts.removeLast()
                return parts
            }
            complete.withLock { $0 += lines }
        }
    }

    private let process: Process
    private let lines = Lines()

    /// `mergeStandardError` reads the child's standard error into the same lines (else it goes to /dev/null).
    init(_ executable: String, _ arguments: [String], mergeStandardError: Bool = false) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = mergeStandardError ? pipe : FileHandle.nullDevice
        pipe.fileHandleForReading.readabilityHandler = { [lines] handle in
            let data = handle.availableData
            if data.isEmpty {
                handle.readabilityHandler = nil
                lines.ended.withLock { $0 = true }
            } else {
                lines.append(data)
            }
        }
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }
    var output: [String] { lines.complete.withLock { $0 } }
    var isRunning: Bool { process.isRunning }

    /// Waits (up to `timeout` seconds) until a line satisfies `predicate`; returns it.
    func waitForLine(timeout: TimeInterval = 60, _ predicate: (String) -> Bool) async throws -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let line = output.last(where: predicate) { return line }
            if !process.isRunning, let line = output.last(where: predicate) { return line }
            try await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }

    /// Waits (up to `timeout` seconds) until every line the child wrote has been read (its output reached its
    /// end); whether it did.
    func waitForEndOfOutput(timeout: TimeInterval = 10) async throws -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while !lines.ended.withLock({ $0 }) && Date() < deadline { try await Task.sleep(for: .milliseconds(10)) }
        return lines.ended.withLock { $0 }
    }

    /// Waits (up to `timeout` seconds) for the process to exit; its status, or `nil` if it still runs.
    func waitForExit(timeout: TimeInterval = 60) async throws -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
        guard !process.isRunning else { return nil }
        // Let the pipe's last lines arrive.
        try await Task.sleep(for: .milliseconds(200))
        return process.terminationStatus
    }

    /// `kill -9`, then waits for the process to be gone.
    func killHard() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}

/// Executables built beside the test bundle (`swift build --build-tests` builds them all).
enum BuiltProducts {
    static func path(_ name: String) -> String {
        let bundle = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        let candidates = [
            bundle.appendingPathComponent(name).path,
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent(name).path,
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
    }
}
