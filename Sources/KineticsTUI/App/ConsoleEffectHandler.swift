import Foundation
import KineticsCore

/// The console's effects, carried out with KineticsCore: discovery, the AWS identity, the local cache's history.
///
/// Every effect starts a task and returns at once; results come back through the sink. Three things are started
/// once and shared by whoever needs them: the discovery of the project, the AWS the console talks to (resolved
/// from the configuration, or the embedded local AWS started), and the cache, opened in the background.
@MainActor
final class ConsoleEffectHandler: EffectHandler {
    struct Settings: Sendable {
        /// The project directory (absolute).
        var directory: String
        var env: String
        /// The process environment (AWS settings, `KINETICS_SECRET_*` names).
        var environment: [String: String]
        /// The cache file.
        var cachePath: String
        var target: ConsoleTarget
        var loader: ProjectLoader
    }

    /// How many sessions History lists (newest first); the screen filters these.
    nonisolated static let historyLimit = 1_000
    /// How many of the newest successful sessions are read to find each function's last deploy.
    nonisolated static let deployedLookback = 20

    let settings: Settings
    private var discovery: Task<DiscoveryResult, any Error>?
    private let aws: Task<ConsoleAWS, any Error>
    private let cache: Task<LocalCache, any Error>
    private var work: [Task<Void, Never>] = []

    init(settings: Settings) {
        self.settings = settings
        let target = settings.target, environment = settings.environment, cachePath = settings.cachePath
        aws = Task.detached { try await ConsoleAWS.resolve(target, environment: environment) }
        cache = Task.detached { try LocalCache.open(path: cachePath).cache }
    }

    func perform(_ effect: Effect, sink: ActionSink) {
        switch effect {
        case .loadProject:
            let loader = settings.loader, directory = settings.directory
            let discovery = Task.detached { try await loader.load(directory) }
            self.discovery = discovery
            run {
                do {
                    sink.send(.projectLoaded(try await discovery.value))
                } catch {
                    sink.send(.projectFailed(String(describing: error)))
                }
            }
            run { [aws = self.aws, cache = self.cache, settings = self.settings] in
                let target: ConsoleAWS
                do {
                    target = try await aws.value
                } catch {
                    sink.send(.failed(String(describing: error)))
                    return
                }
                sink.send(.regionResolved(target.configuration.region))
                sink.send(.endpointResolved(target.endpoint))
                async let deployed: Void = Self.sendDeployed(
                    cache: cache, discovery: discovery, aws: target, settings: settings, sink: sink)
                do {
                    let identity = try await STSClient(client: AWSClient(configuration: target.configuration)).getCallerIdentity()
                    sink.send(.identityResolved(AWSIdentity(account: identity.account, arn: identity.arn)))
                } catch {
                    sink.send(.failed("The AWS identity is unknown: \(error)"))
                }
                await deployed
            }
        case .loadHistory:
            run { [cache = self.cache, discovery = self.discovery, settings = self.settings] in
                do {
                    let cache = try await cache.value
                    let filter = SessionFilter(projectPath: await Self.projectPath(discovery, settings))
                    let sessions = try cache.listSessions(filter, limit: Self.historyLimit)
                    let stacks = CacheRecords.stacks(of: sessions) { try? cache.lastKnownStatus(of: $0) }
                    sink.send(.historyLoaded(sessions: sessions.map { CacheRecords.row($0) }, stacks: stacks))
                } catch {
                    sink.send(.failed("The deploy history could not be read: \(error)"))
                }
            }
        case .openSession(let id):
            run { [cache = self.cache] in
                do {
                    sink.send(.sessionLoaded(try Self.detail(id, in: try await cache.value)))
                } catch {
                    sink.send(.failed(String(describing: error)))
                }
            }
        case .compareSessions(let a, let b):
            run { [cache = self.cache] in
                do {
                    let cache = try await cache.value
                    sink.send(.comparisonLoaded(try Self.detail(a, in: cache), try Self.detail(b, in: cache)))
                } catch {
                    sink.send(.failed(String(describing: error)))
                }
            }
        case .startDeploy, .startDestroy:
            sink.send(.deploy(.finished(DeployResult(
                outcome: .failed, message: ConsoleError(code: .featureUnavailable, context: "deploy").description, at: .now))))
        case .executeChangeSet, .discardChangeSet, .cancelDeploy, .detach:
            break
        case .quit:
            for task in work { task.cancel() }
            work.removeAll()
        }
    }

    /// Stops what the console started: the embedded local AWS, and the cache's connections.
    func shutdown() async {
        for task in work { task.cancel() }
        discovery?.cancel()
        if let target = try? await aws.value, let server = target.localServer {
            await server.stop()
        }
        if let cache = try? await cache.value { try? cache.close() }
    }

    // MARK: - Work

    private func run(_ body: @escaping @Sendable () async -> Void) {
        work.removeAll { $0.isCancelled }
        work.append(Task.detached(operation: body))
    }

    /// The folder that names the project in the cache: the discovered project's root, else the directory.
    nonisolated private static func projectPath(_ discovery: Task<DiscoveryResult, any Error>?, _ settings: Settings) async -> String {
        let result = try? await discovery?.value
        let project = result?.projects.first { $0.relativeRoot == "." } ?? result?.projects.first
        return SessionStart.canonicalProjectPath(project?.root ?? settings.directory)
    }

    nonisolated private static func detail(_ id: String, in cache: LocalCache) throws -> SessionDetailModel {
        guard let number = Int64(id), let detail = try cache.session(number) else {
            throw CacheError(code: .sessionNotFound, path: cache.path, detail: id)
        }
        return CacheRecords.detail(detail)
    }

    /// What the cache knows of the project's functions on this environment, region and endpoint.
    nonisolated private static func sendDeployed(
        cache: Task<LocalCache, any Error>, discovery: Task<DiscoveryResult, any Error>, aws: ConsoleAWS,
        settings: Settings, sink: ActionSink
    ) async {
        do {
            let cache = try await cache.value
            let filter = SessionFilter(projectPath: await projectPath(discovery, settings), env: settings.env, outcome: .succeeded)
            let summaries = try cache.listSessions(filter, limit: deployedLookback).filter {
                $0.kind == .deploy && $0.stack.region == aws.configuration.region && $0.stack.endpoint == aws.cacheEndpoint
            }
            let details = try summaries.compactMap { try cache.session($0.id, eventLimit: 0) }
            sink.send(.deployedFunctionsLoaded(CacheRecords.deployedFunctions(details)))
        } catch {
            sink.send(.failed("The deploy history could not be read: \(error)"))
        }
    }
}
