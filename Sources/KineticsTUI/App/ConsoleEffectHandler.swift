import Foundation
import KineticsCore

/// The console's effects, carried out with KineticsCore: discovery, the AWS identity, deploys and destroys through
/// ``DeployPipeline``, and the local cache's history.
///
/// Every effect starts a task and returns at once; results come back through the sink. Three things are started
/// once and shared by whoever needs them: the discovery of the project, the AWS the console talks to (resolved
/// from the configuration, or the embedded local AWS started), and the cache, opened in the background. A deploy
/// runs in a task of its own, steered through its ``DeployControl``; it keeps streaming while the user browses.
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
    private let cache: Task<LocalCache.Opening, any Error>
    private var work: [Task<Void, Never>] = []
    private var deploy: RunningDeploy?

    /// A deploy or destroy under way.
    private struct RunningDeploy {
        var task: Task<Void, Never>
        var control: DeployControl
        /// Set once CloudFormation executes: from then on a cancel is CloudFormation's to do.
        var executing: Locked<Bool>
    }

    /// How long leaving waits for a detached or cancelled deploy to record its session.
    nonisolated static let shutdownGrace = Duration.seconds(20)

    init(settings: Settings) {
        self.settings = settings
        let target = settings.target, environment = settings.environment, cachePath = settings.cachePath
        aws = Task.detached { try await ConsoleAWS.resolve(target, environment: environment) }
        cache = Task.detached { try LocalCache.open(path: cachePath) }
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
                    let cache = try await cache.value.cache
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
                    sink.send(.sessionLoaded(try Self.detail(id, in: try await cache.value.cache)))
                } catch {
                    sink.send(.failed(String(describing: error)))
                }
            }
        case .compareSessions(let a, let b):
            run { [cache = self.cache] in
                do {
                    let cache = try await cache.value.cache
                    sink.send(.comparisonLoaded(try Self.detail(a, in: cache), try Self.detail(b, in: cache)))
                } catch {
                    sink.send(.failed(String(describing: error)))
                }
            }
        case .startDeploy(let functions):
            startDeploy(.deploy, functions: functions, sink: sink)
        case .startDestroy:
            startDeploy(.destroy, functions: [], sink: sink)
        case .attachSession(let id, let kind):
            attach(id, kind: kind, sink: sink)
        case .executeChangeSet:
            deploy?.control.confirm()
        case .discardChangeSet:
            deploy?.control.decline()
        case .cancelDeploy:
            guard let deploy else { return }
            deploy.control.cancel()
            // Before CloudFormation executes there is only local work (build, upload): stop it.
            if !deploy.executing.withLock({ $0 }) { deploy.task.cancel() }
        case .detach:
            deploy?.control.detach()
        case .quit:
            for task in work { task.cancel() }
            work.removeAll()
        }
    }

    // MARK: - Deploy

    private func startDeploy(_ kind: DeployKind, functions: [String], sink: ActionSink) {
        let control = DeployControl()
        let executing = Locked(false)
        let aws = self.aws, cache = self.cache, discovery = self.discovery, settings = self.settings
        let task = Task.detached {
            var mapper = DeployEventMapper(kind: kind)
            func send(_ updates: [DeployUpdate]) {
                for update in updates { sink.send(.deploy(update)) }
            }
            do {
                let target = try await aws.value
                let opening = try await cache.value
                let pipeline = DeployPipeline(client: AWSClient(configuration: target.configuration), cache: opening.cache)
                let events: AsyncThrowingStream<DeployEvent, any Error>
                switch kind {
                case .deploy:
                    events = pipeline.run(DeployPipeline.Request(
                        projectDirectory: settings.directory, environmentName: settings.env, functions: functions,
                        publicEndpoints: target.endpoint == .aws, environment: settings.environment,
                        interruptedSessions: opening.interruptedSessions), control: control)
                case .destroy:
                    let project = try DeployPipeline.project(in: settings.directory, environment: settings.environment)
                    let stackName = try StackName(project: project.name, environment: settings.env).value
                    events = pipeline.destroy(
                        stackName: stackName, projectPath: project.root, projectName: project.name, env: settings.env, control: control)
                }
                for try await event in events {
                    switch event {
                    case .executing:
                        executing.withLock { $0 = true }
                    case .awaitingConfirmation(.deleteStack):
                        // The console asked before starting the destroy.
                        control.confirm()
                    default:
                        break
                    }
                    send(mapper.map(event, now: Date()))
                }
                await Self.sendDeployed(cache: cache, discovery: discovery, aws: target, settings: settings, sink: sink)
            } catch {
                if control.interruption == .cancel, !executing.withLock({ $0 }) {
                    send(mapper.cancelled(now: Date()))
                } else {
                    send(mapper.failed(error, now: Date()))
                }
            }
        }
        deploy = RunningDeploy(task: task, control: control, executing: executing)
    }

    /// Re-attaches to a detached or interrupted session's operation; it streams onto the Deploy screen like a
    /// deploy from its executing stage (Ctrl-C offers to detach again or cancel).
    private func attach(_ id: String, kind: DeployKind, sink: ActionSink) {
        let control = DeployControl()
        let aws = self.aws, cache = self.cache, discovery = self.discovery, settings = self.settings
        let task = Task.detached {
            var mapper = DeployEventMapper(kind: kind, attaching: true)
            func send(_ updates: [DeployUpdate]) {
                for update in updates { sink.send(.deploy(update)) }
            }
            do {
                guard let number = Int64(id) else { throw DeployError(.sessionNotFound, "There is no deploy session \(id).") }
                let target = try await aws.value
                let pipeline = DeployPipeline(client: AWSClient(configuration: target.configuration), cache: try await cache.value.cache)
                for try await event in pipeline.attach(.session(number), control: control) {
                    send(mapper.map(event, now: Date()))
                }
                await Self.sendDeployed(cache: cache, discovery: discovery, aws: target, settings: settings, sink: sink)
            } catch {
                send(mapper.failed(error, now: Date()))
            }
        }
        // CloudFormation is at work from the start: a cancel is CloudFormation's to do.
        deploy = RunningDeploy(task: task, control: control, executing: Locked(true))
    }

    /// Stops what the console started: an embedded local AWS (a shared one keeps running), and the cache's connections.
    func shutdown() async {
        if let deploy {
            // A detached or cancelled deploy records how it ended; do not wait for ever.
            let finished = Task.detached { await deploy.task.value }
            let timeout = Task.detached {
                try? await Task.sleep(for: Self.shutdownGrace)
                deploy.task.cancel()
            }
            await finished.value
            timeout.cancel()
        }
        for task in work { task.cancel() }
        discovery?.cancel()
        if let target = try? await aws.value, let local = target.localSession {
            await local.close()
        }
        if let opening = try? await cache.value { try? opening.cache.close() }
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
        cache: Task<LocalCache.Opening, any Error>, discovery: Task<DiscoveryResult, any Error>?, aws: ConsoleAWS,
        settings: Settings, sink: ActionSink
    ) async {
        do {
            let cache = try await cache.value.cache
            let filter = SessionFilter(projectPath: await projectPath(discovery, settings), env: settings.env, outcome: .succeeded)
            let summaries = try cache.listSessions(filter, limit: deployedLookback).filter {
                $0.kind == .deploy && $0.stack.region == aws.configuration.region && $0.stack.endpoint == aws.cacheEndpoint
            }
            let details = try summaries.compactMap { try cache.session($0.id, eventLimit: 0) }
            var paths: [String: String] = [:]
            let result = try? await discovery?.value
            for function in (result?.projects.flatMap(\.functions) ?? []) {
                if case .endpoint(let settings) = function.trigger { paths[function.name] = settings.urlPath }
            }
            sink.send(.deployedFunctionsLoaded(CacheRecords.deployedFunctions(details, paths: paths)))
        } catch {
            sink.send(.failed("The deploy history could not be read: \(error)"))
        }
    }
}
