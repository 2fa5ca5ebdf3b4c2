import Foundation
import KineticsCore

/// Which AWS the console talks to, as the command line asks.
enum ConsoleTarget: Sendable {
    /// AWS (or a custom endpoint) from the usual configuration: environment, `~/.aws` files, these overrides.
    case configured(AWSConfiguration.Overrides)
    /// The local AWS: the shared one `kinetics-tui local start` keeps running (its state beside the cache file),
    /// else an embedded one the console starts and stops when it ends.
    case local(stateDirectory: URL)
}

/// The AWS the console talks to, once resolved (the local one started).
struct ConsoleAWS: Sendable {
    var configuration: AWSConfiguration
    /// The local AWS, shared or embedded, when the console runs against it.
    var localSession: LocalAWSSession?

    /// What the header shows.
    var endpoint: HeaderInfo.Endpoint {
        if let localSession { return .local(localSession.endpointURL) }
        if let url = configuredEndpointURL { return .custom(url) }
        return .aws
    }

    /// The endpoint part of a stack's identity in the cache: the URL of a custom or local endpoint, empty for AWS.
    var cacheEndpoint: String { localSession?.endpointURL ?? configuredEndpointURL ?? "" }

    private var configuredEndpointURL: String? {
        guard let endpoint = configuration.defaultEndpoint, endpoint.isCustom else { return nil }
        return endpoint.url
    }

    /// Resolves the configuration, or starts the local AWS.
    static func resolve(_ target: ConsoleTarget, environment: [String: String]) async throws -> ConsoleAWS {
        switch target {
        case .configured(let overrides):
            return ConsoleAWS(configuration: try AWSConfiguration.resolve(environment: environment, overrides: overrides))
        case .local(let stateDirectory):
            let region = environment["AWS_REGION"].flatMap { $0.isEmpty ? nil : $0 } ?? "us-east-1"
            let session = try await LocalAWSSession.open(stateDirectory: stateDirectory, options: LocalAWSServer.Options(region: region))
            return ConsoleAWS(configuration: session.configuration, localSession: session)
        }
    }
}
