import Foundation

/// The time source and sleeper of the AWS client, injectable so retry tests run without waiting.
public protocol AWSClock: Sendable {
    /// The wall-clock time requests are signed with.
    func now() -> Date
    func sleep(for duration: Duration) async throws
}

/// The real clock.
public struct SystemAWSClock: AWSClock {
    public init() {}
    public func now() -> Date { Date() }
    public func sleep(for duration: Duration) async throws { try await Task.sleep(for: duration) }
}
