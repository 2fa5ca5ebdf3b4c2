import Foundation

/// What `kinetics-tui local start` leaves behind so later commands find the shared local AWS: its state file.
///
/// The file is `local-aws.json` in the state directory (beside the cache: `$XDG_STATE_HOME/kinetics-tui`, or the
/// folder of `$KINETICS_TUI_CACHE`). It holds no secret: the local AWS takes dummy credentials.
public struct LocalAWSState: Codable, Sendable, Hashable {
    public var processIdentifier: Int32
    public var port: Int
    public var endpointURL: String
    public var region: String
    public var logPath: String
    /// Whole seconds, as the state file keeps it.
    public var startedAt: Date
    /// The process's start time in clock ticks since boot (`/proc/<pid>/stat`), so a recycled pid is not
    /// mistaken for the server; `nil` where the system does not say.
    public var processStartTicks: UInt64?

    public init(
        processIdentifier: Int32, port: Int, endpointURL: String, region: String, logPath: String, startedAt: Date = Date(),
        processStartTicks: UInt64? = nil
    ) {
        self.processIdentifier = processIdentifier
        self.port = port
        self.endpointURL = endpointURL
        self.region = region
        self.logPath = logPath
        self.startedAt = Date(timeIntervalSince1970: startedAt.timeIntervalSince1970.rounded(.down))
        self.processStartTicks = processStartTicks
    }

    static let fileName = "local-aws.json"

    /// The state directory used when none is given: the folder of the cache.
    public static func defaultDirectory(
        environment: [String: String] = ProcessInfo.processInfo.environment, home: String = NSHomeDirectory()
    ) -> URL {
        URL(fileURLWithPath: CacheLocation.defaultPath(environment: environment, home: home)).deletingLastPathComponent()
    }

    static func file(in directory: URL) -> URL { directory.appendingPathComponent(fileName) }

    /// The recorded state, or `nil` when there is no readable state file.
    static func read(from directory: URL) -> LocalAWSState? {
        guard let data = FileManager.default.contents(atPath: file(in: directory).path) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try? decoder.decode(LocalAWSState.self, from: data)
    }

    func write(to directory: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try encoder.encode(self).write(to: Self.file(in: directory), options: .atomic)
        } catch {
            throw AWSError(
                code: .localServerUnavailable,
                summary: "The local AWS state file \(Self.file(in: directory).path) could not be written (\(error.localizedDescription))",
                advice: "Check that the directory is writable, or set KINETICS_TUI_CACHE to a path in a writable one.")
        }
    }

    static func remove(from directory: URL) {
        try? FileManager.default.removeItem(at: file(in: directory))
    }

    /// The start time of process `pid` in clock ticks since boot, from `/proc/<pid>/stat`.
    static func startTicks(of pid: Int32) -> UInt64? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")")
        else { return nil }
        // Fields after the command name (which may hold spaces), starting with field 3 (state); field 22 is starttime.
        let fields = text[text.index(after: close)...].split(separator: " ")
        return fields.count > 19 ? UInt64(fields[19]) : nil
    }

    /// Whether the recorded process still exists and is the one that was started.
    var processIsAlive: Bool {
        guard processIdentifier > 0, kill(processIdentifier, 0) == 0 || errno == EPERM else { return false }
        guard let recorded = processStartTicks, let now = Self.startTicks(of: processIdentifier) else { return true }
        return recorded == now
    }
}
