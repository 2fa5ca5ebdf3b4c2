import Foundation
import Testing

@testable import KineticsCore

@Suite("Running real processes")
struct LiveProcessRunnerTests {
    @Test("stdout and stderr arrive as lines, a last line without newline too, then the exit status")
    func lines() async throws {
        let result = try await LiveProcessRunner().collect(
            ProcessSpec("/bin/sh", ["-c", "printf 'a\\nb\\n'; printf 'oops\\n' >&2; printf 'tail'; exit 3"])
        )
        #expect(result.stdout == ["a", "b", "tail"])
        #expect(result.stderr == ["oops"])
        #expect(result.termination == .exited(3))
    }

    @Test("the working directory and environment changes apply, and a program is found on PATH")
    func environment() async throws {
        let dir = try BuildFixtures.temporaryDirectory("runner")
        let result = try await LiveProcessRunner(baseEnvironment: ["PATH": "/usr/bin:/bin", "DROP": "x"]).collect(
            ProcessSpec("sh", ["-c", "pwd; echo ${KT_VALUE}-${DROP:-gone}"], workingDirectory: dir, environment: ["KT_VALUE": "set", "DROP": nil])
        )
        #expect(result.stdout == [dir, "set-gone"])
        #expect(result.termination.succeeded)
    }

    @Test("a missing program is a typed error with a sentence")
    func missing() async throws {
        do {
            _ = try await LiveProcessRunner().collect(ProcessSpec("kinetics-no-such-program"))
            Issue.record("expected an error")
        } catch let error as ProcessRunnerError {
            #expect(error.code == .notFound)
            #expect(error.description.contains("PATH"))
        }
    }

    @Test("cancelling the consuming task terminates the whole process group, grandchildren too")
    func cancellation() async throws {
        let dir = try BuildFixtures.temporaryDirectory("runner-cancel")
        let marker = "\(dir)/grandchild.pid"
        let consumer = Task {
            var pid: Int32 = 0
            for try await output in LiveProcessRunner().run(ProcessSpec("/bin/sh", ["-c", "sleep 60 & echo $! > \(marker); echo ready; wait"])) {
                if case .started(let p) = output { pid = p }
            }
            return pid
        }
        for _ in 0..<200 where !FileManager.default.fileExists(atPath: marker) {
            try await Task.sleep(for: .milliseconds(25))
        }
        try await Task.sleep(for: .milliseconds(100))
        consumer.cancel()
        let pid = try await consumer.value
        let grandchild = try #require(Int32(String(decoding: FileManager.default.contents(atPath: marker) ?? Data(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)))
        var gone = false
        for _ in 0..<100 {
            if !Self.isRunning(pid) && !Self.isRunning(grandchild) {
                gone = true
                break
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(gone, "sh \(pid) and sleep \(grandchild) should have been stopped")
    }

    /// Whether `pid` is a live process (a zombie waiting to be reaped does not count).
    static func isRunning(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        let state = stat[stat.index(close, offsetBy: 2)...].prefix(1)
        return state != "Z" && state != "X"
    }
}
