@testable import KineticsTUI

/// An effect handler that records effects and answers `.loadProject` with the sample project.
@MainActor
final class RecordingEffectHandler: EffectHandler {
    private(set) var performed: [Effect] = []
    private(set) var sink: ActionSink?

    func perform(_ effect: Effect, sink: ActionSink) {
        performed.append(effect)
        self.sink = sink
        if effect == .loadProject { sink.send(.projectLoaded(Sample.discovery)) }
    }
}
