import Foundation

/// The local AWS that `--local` runs against: the shared one `kinetics-tui local start` keeps running, else an
/// embedded `moto_server` this session starts on a free loopback port and ``close()`` stops.
///
/// ```swift
/// let local = try await LocalAWSSession.open()
/// defer { Task { await local.close() } }
/// let s3 = S3Client(client: AWSClient(configuration: local.configuration))
/// ```
/// Both take the dummy credentials of ``LocalAWSServer/dummyCredentials``; what is stored in an embedded server is
/// gone after `close()`, what is stored in the shared one lasts until `kinetics-tui local stop`.
public final class LocalAWSSession: Sendable {
    /// Every service pointed at the local endpoint, with dummy credentials.
    public let configuration: AWSConfiguration
    /// `http://127.0.0.1:<port>`.
    public let endpointURL: String
    /// Whether this is the server `kinetics-tui local start` runs (then `close()` leaves it running).
    public let isShared: Bool
    private let embedded: LocalAWSServer?

    private init(endpointURL: String, region: String, isShared: Bool, embedded: LocalAWSServer?) {
        self.endpointURL = endpointURL
        self.isShared = isShared
        self.embedded = embedded
        configuration = AWSConfiguration(
            credentials: LocalAWSServer.dummyCredentials, region: region, profile: "local", endpoint: AWSEndpoint(url: endpointURL))
    }

    /// Reuses the shared local AWS when its state file names a live, answering server; starts an embedded one
    /// otherwise.
    ///
    /// - Parameters:
    ///   - stateDirectory: where `kinetics-tui local start` keeps its state; ``LocalAWSState/defaultDirectory(environment:home:)``
    ///     when `nil`.
    ///   - options: how to start the embedded server when there is no shared one.
    public static func open(
        stateDirectory: URL? = nil, options: LocalAWSServer.Options = LocalAWSServer.Options()
    ) async throws -> LocalAWSSession {
        let directory = stateDirectory ?? LocalAWSState.defaultDirectory()
        if case .running(let state) = await LocalAWSDaemon.status(stateDirectory: directory, probeTimeout: .seconds(1)) {
            return LocalAWSSession(endpointURL: state.endpointURL, region: state.region, isShared: true, embedded: nil)
        }
        let server = try await LocalAWSServer.start(options)
        return LocalAWSSession(endpointURL: server.endpointURL, region: server.region, isShared: false, embedded: server)
    }

    /// Stops the embedded server; leaves a shared one running.
    public func close() async {
        await embedded?.stop()
    }
}
