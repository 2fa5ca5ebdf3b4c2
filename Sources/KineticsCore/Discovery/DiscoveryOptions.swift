import Foundation

/// Limits and resources of one discovery run.
public struct DiscoveryOptions: Sendable, Hashable {
    /// Files larger than this are skipped with a `file-too-large` diagnostic.
    public var maximumFileSize: Int
    /// How many source files are scanned at once.
    public var parallelism: Int

    public init(maximumFileSize: Int = 64 << 20, parallelism: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.maximumFileSize = maximumFileSize
        self.parallelism = max(1, parallelism)
    }
}
