/// Carries out the ``Effect``s of the update: starts deploys, queries the cache, and so on.
///
/// ``perform(_:sink:)`` is called on the main actor and must return at once: long work runs in a task of the
/// handler's own and reports through the sink, so input is never blocked by it.
@MainActor
protocol EffectHandler: AnyObject {
    func perform(_ effect: Effect, sink: ActionSink)
}
