import Foundation
import KineticsCore

/// Which AWS the console talks to, as the command line asks.
enum ConsoleTarget: Sendable {
    /// AWS (or a custom endpoint) from the usual configuration: environment, `~/.aws` files, these overrides.
    case configured(AWSConfiguration.Overrides)
    /// The embedded local AWS, started by the console and stopped when it ends.
    case local
}

/// The AWS the console talks to, once resolved (the local one started).
struct ConsoleAWS: Sendable {
    var configuration: AWSConfiguration
    /// The embedded local AWS when the console started one.
    var localServer: LocalAWSServer?

    /// What the header shows.
    var endpoint: HeaderInfo.Endpoint {
        if let localServer { return .local(localServer.endpointURL) }
        if let url = configuredEndpointURL { return .custom(url) }
        return .aws
    }

    /// The endpoint part of a stack's identity in the cache: the URL of a custom or local endpoint, empty for AWS.
    var cacheEndpoint: String { localServer?.endpointURL ?? configuredEndpointURL ?? "" }

    private var configuredEndpointURL: String? {
        guard let endpoint = configuration.defaultEndpoint, endpoint.isCustom else { return nil }
        return endpoint.url
    }

    /// Resolves the configuration, or starts the local AWS.
    static func resolve(_ target: ConsoleTarget, environment: [String: String]) async throws -> ConsoleAWS {
        switch target {
        case .configured(let overrides):
            return ConsoleAWS(configuration: try AWSConfiguration.resolve(environment: environment, overrides: overrides))
        case .local:
            let region = environment["AWS_REGION"].flatMap { $0.isEmpty ? nil : $0 } ?? "us-east-1"
            let server = try await LocalAWSServer.start(LocalAWSServer.Options(region: region))
            return ConsoleAWS(configuration: server.configuration(), localServer: server)
        }
    }
}
