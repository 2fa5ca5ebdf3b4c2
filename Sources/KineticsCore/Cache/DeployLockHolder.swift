import Foundation

/// Who holds a stack's deploy lock: written into the lock file by the holder, read by whoever is refused.
public struct DeployLockHolder: Codable, Sendable, Hashable {
    public var pid: Int32
    public var host: String
    public var since: Date
    /// The session the holder is recording, when it has started one.
    public var sessionId: Int64?

    public init(pid: Int32, host: String, since: Date, sessionId: Int64? = nil) {
        self.pid = pid
        self.host = host
        self.since = since
        self.sessionId = sessionId
    }

    /// "pid 4242 on build-1 since 2025-03-14T10:02:11Z"
    public var summary: String {
        let session = sessionId.map { ", session \($0)" } ?? ""
        return "pid \(pid) on \(TextSanitizer.sanitize(host)) since \(since.formatted(Date.ISO8601FormatStyle()))\(session)"
    }
}
