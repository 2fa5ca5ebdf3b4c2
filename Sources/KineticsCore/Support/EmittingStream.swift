extension AsyncThrowingStream where Failure == any Error, Element: Sendable {
    /// The stream of what `body` hands to its `emit`, run in a task of its own: the stream finishes when `body`
    /// returns, with its error when it throws, and a consumer that stops listening cancels the task. With
    /// `cancellationFinishes` a `CancellationError` ends the stream quietly instead of as an error.
    static func emitting(
        cancellationFinishes: Bool = false,
        _ body: @escaping @Sendable (_ emit: @escaping @Sendable (Element) -> Void) async throws -> Void
    ) -> AsyncThrowingStream<Element, any Error> {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: Element.self, throwing: (any Error).self)
        let task = Task {
            do {
                try await body { continuation.yield($0) }
                continuation.finish()
            } catch is CancellationError where cancellationFinishes {
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }
}
