import Foundation
import Testing

/// The real `kinetics-tui` binary running in a tmux session of a fixed size, driven with `send-keys` and read with
/// `capture-pane`. Each instance has its own tmux server (its own socket), killed by ``stop()``.
///
/// The console runs under a small shell that, once it exits, prints its exit status and the terminal modes, then
/// waits: so a test can check that the terminal was given back (canonical mode and echo on, the alternate screen
/// left).
final class TmuxConsole: @unchecked Sendable {
    let socket: String
    private(set) var isRunning = true

    /// The built `kinetics-tui`, beside the test bundle in the build directory.
    static let binary: String = {
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        while url.pathComponents.count > 1 {
            url.deleteLastPathComponent()
            let candidate = url.appendingPathComponent("kinetics-tui").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return "kinetics-tui"
    }()

    static let repository: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    static var tmuxAvailable: Bool { ProcessRun.which("tmux") != nil }

    /// Starts `kinetics-tui arguments…` with `environment` added, in a `width`×`height` window.
    init(arguments: [String], environment: [String: String], width: Int = 100, height: Int = 30) throws {
        socket = "kt-e2e-\(getpid())-\(UUID().uuidString.prefix(8))"
        var environment = environment
        environment["TERM"] = environment["TERM"] ?? "tmux-256color"
        environment["LANG"] = environment["LANG"] ?? "C.UTF-8"
        let exports = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.quote($0.value))" }.joined(separator: " ")
        let command = "env \(exports) \(Self.quote(Self.binary)) \(arguments.map(Self.quote).joined(separator: " ")); "
            + "status=$?; modes=$(stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' '); "
            + "echo \"kinetics-tui exited $status, modes: $modes\"; sleep 600"
        try tmux(["-f", "/dev/null", "new-session", "-d", "-s", "kt", "-x", String(width), "-y", String(height), "sh", "-c", command])
        try tmux(["set-option", "-t", "kt", "status", "off"])
    }

    deinit { stop() }

    /// Kills this console's tmux server (and with it the console and the shell around it).
    func stop() {
        guard isRunning else { return }
        isRunning = false
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(atPath: "/tmp/tmux-\(getuid())/\(socket)")
    }

    // MARK: - Driving

    /// Keys as tmux names them (`Enter`, `Escape`, `C-c`, `Tab`, …) or literal text with `literal`.
    func send(_ keys: String..., literal: Bool = false) throws {
        try tmux(["send-keys", "-t", "kt"] + (literal ? ["-l"] : []) + keys)
    }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", "kt", "-x", String(width), "-y", String(height)])
    }

    /// The screen as text (`escapes`: with the SGR colour and attribute sequences, as `capture-pane -e`).
    func capture(escapes: Bool = false) throws -> String {
        try tmux(["capture-pane", "-p", "-t", "kt"] + (escapes ? ["-e"] : []))
    }

    /// A tmux format of the pane, e.g. `#{alternate_on}`.
    func paneFormat(_ format: String) throws -> String {
        try tmux(["display-message", "-p", "-t", "kt", format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Waits until the screen satisfies `condition`, returning that screen; fails the test with the last screen
    /// after `timeout`.
    @discardableResult
    func waitFor(
        _ what: String, timeout: Duration = .seconds(60), sourceLocation: SourceLocation = #_sourceLocation,
        _ condition: (String) -> Bool
    ) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        var screen = ""
        while ContinuousClock.now < deadline {
            screen = try capture()
            if condition(screen) { return screen }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("timed out waiting for \(what); the screen was:\n\(screen)", sourceLocation: sourceLocation)
        throw TmuxError(message: "timed out waiting for \(what)")
    }

    /// Waits until the screen shows `text`.
    @discardableResult
    func waitFor(_ text: String, timeout: Duration = .seconds(60), sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        try await waitFor("\"\(text)\"", timeout: timeout, sourceLocation: sourceLocation) { $0.contains(text) }
    }

    // MARK: - tmux

    struct TmuxError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        let result = try ProcessRun.run("tmux", ["-L", socket] + arguments)
        guard result.status == 0 else {
            throw TmuxError(message: "tmux \(arguments.first ?? "") failed (\(result.status)): \(result.error)")
        }
        return result.output
    }

    static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// Runs a program to completion and collects its output.
enum ProcessRun {
    struct Result {
        var status: Int32
        var output: String
        var error: String
    }

    static func which(_ name: String) -> String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// Spawned with `posix_spawn` and reaped with `waitpid`, output into files: the tmux server a call starts
    /// inherits the descriptors and lives on, so a pipe would never reach its end.
    static func run(_ program: String, _ arguments: [String]) throws -> Result {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("kt-run-\(UUID().uuidString)").path
        let outPath = base + ".out", errPath = base + ".err"
        defer {
            try? FileManager.default.removeItem(atPath: outPath)
            try? FileManager.default.removeItem(atPath: errPath)
        }
        let executable = which(program) ?? program
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        // The test process blocks some signals for its own use; the child must start with none blocked and default
        // handlers, or tmux's kill-server (a SIGTERM to itself) would never end the server.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        guard spawned == 0 else {
            throw TmuxConsole.TmuxError(message: "\(executable) could not be started: \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        let out = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        let exited = status & 0x7f == 0
        return Result(status: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f), output: out, error: err)
    }
}
