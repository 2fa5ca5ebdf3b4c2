/// Where background work sends its results: into the console's one action stream, from any thread.
struct ActionSink: Sendable {
    private let deliver: @Sendable (Action) -> Void

    init(_ deliver: @escaping @Sendable (Action) -> Void) {
        self.deliver = deliver
    }

    func send(_ action: Action) {
        deliver(action)
    }
}
