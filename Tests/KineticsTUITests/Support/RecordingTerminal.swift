@testable import KineticsTUI

/// A terminal that keeps the frames it is given and lets a test feed it events.
@MainActor
final class RecordingTerminal: Terminal {
    var size: Size
    let supportsUnicode = true
    let supportsColor = true
    let events: AsyncStream<TerminalEvent>
    private let continuation: AsyncStream<TerminalEvent>.Continuation
    private(set) var frames: [ScreenBuffer] = []
    private(set) var shutdownCount = 0

    init(size: Size = Size(width: 80, height: 24)) {
        self.size = size
        (events, continuation) = AsyncStream.makeStream()
    }

    func present(_ buffer: ScreenBuffer) {
        frames.append(buffer)
    }

    func shutdown() {
        shutdownCount += 1
        continuation.finish()
    }

    func send(_ event: TerminalEvent) {
        continuation.yield(event)
    }

    var lastFrame: ScreenBuffer? { frames.last }
}
