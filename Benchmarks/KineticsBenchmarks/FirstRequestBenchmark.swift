import ArgumentParser
import Foundation
import KineticsCore

/// `kinetics-bench first-request`: resolves the configuration and sends one signed STS `GetCallerIdentity`, so a
/// script can time process start to the first signed request arriving at a listener.
struct FirstRequestBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "first-request", abstract: "Send one signed request as soon as the process starts.")

    @Option(help: "The endpoint that receives the request.") var endpointURL: String

    func run() async throws {
        let configuration = try AWSConfiguration.resolve(overrides: .init(endpointURL: endpointURL))
        let client = AWSClient(configuration: configuration, retry: RetryStrategy(policy: .init(maxAttempts: 1)))
        _ = try? await STSClient(client: client).getCallerIdentity()
    }
}
