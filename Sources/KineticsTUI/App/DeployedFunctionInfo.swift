import Foundation

/// What the cache knows about a function's last successful deploy to the current environment.
struct DeployedFunctionInfo: Hashable, Sendable {
    var name: String
    var artifactHash: String
    var deployedAt: Date
    /// The function URL, for endpoints.
    var url: String?

    init(name: String, artifactHash: String, deployedAt: Date, url: String? = nil) {
        self.name = name
        self.artifactHash = artifactHash
        self.deployedAt = deployedAt
        self.url = url
    }
}
