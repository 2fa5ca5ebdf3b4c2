/// The effect handler of a console that has a project loader and nothing else: it discovers the project and
/// answers every other effect with a sentence saying what this build cannot do.
///
/// The pipeline-backed handler (deploys, the cache's history) replaces it; the project part stays the same.
@MainActor
final class StandaloneEffectHandler: EffectHandler {
    private let loader: ProjectLoader
    private let directory: String
    private var loading: Task<Void, Never>?

    init(loader: ProjectLoader, directory: String) {
        self.loader = loader
        self.directory = directory
    }

    func perform(_ effect: Effect, sink: ActionSink) {
        switch effect {
        case .loadProject:
            let loader = loader, directory = directory
            loading = Task.detached {
                do {
                    sink.send(.projectLoaded(try await loader.load(directory)))
                } catch {
                    sink.send(.projectFailed(String(describing: error)))
                }
            }
        case .startDeploy, .startDestroy:
            sink.send(.deploy(.finished(DeployResult(
                outcome: .failed, message: ConsoleError(code: .featureUnavailable, context: "deploy").description, at: .now))))
        case .loadHistory, .openSession, .compareSessions:
            sink.send(.historyLoaded(sessions: [], stacks: []))
            sink.send(.failed(ConsoleError(code: .featureUnavailable, context: "read the deploy history").description))
        case .executeChangeSet, .discardChangeSet, .cancelDeploy, .detach:
            break
        case .quit:
            loading?.cancel()
        }
    }
}
