import KineticsCore

/// How the console gets its project: a seam, so discovery is one closure.
struct ProjectLoader: Sendable {
    /// Discovers the project in a directory (absolute path).
    var load: @Sendable (_ directory: String) async throws -> DiscoveryResult

    init(_ load: @escaping @Sendable (_ directory: String) async throws -> DiscoveryResult) {
        self.load = load
    }
}
