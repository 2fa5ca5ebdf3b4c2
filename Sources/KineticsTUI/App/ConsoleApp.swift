import Foundation

/// The console's run loop: one stream of actions (input, ticks, background results) applied one at a time on
/// the main actor, each followed by a redraw.
///
/// Ticks run only while ``AppState/isAnimating``; otherwise the loop sleeps until input or a background result
/// arrives, so an idle console uses no CPU. Redraws are coalesced when actions arrive faster than frames.
@MainActor
final class ConsoleApp {
    private(set) var state: AppState
    private let terminal: any Terminal
    private let effects: any EffectHandler
    private let clock: any ConsoleClock
    private let context: RenderContext
    private let actions: AsyncStream<Action>
    private let continuation: AsyncStream<Action>.Continuation
    private var ticker: Task<Void, Never>?
    private var inputForwarder: Task<Void, Never>?
    private var drawScheduled = false
    private var lastDraw = ContinuousClock.now
    /// Leave once the first frame with the discovered project is painted (start-up measurement).
    private let exitAfterFirstFullFrame: Bool
    private var isLeaving = false

    /// Ticks a second while something animates.
    static let tickInterval = Duration.milliseconds(100)
    /// The longest a burst of actions may hold back a redraw.
    static let maximumFrameDelay = Duration.milliseconds(50)

    init(
        terminal: any Terminal,
        effects: any EffectHandler,
        header: HeaderInfo,
        clock: any ConsoleClock = SystemConsoleClock(),
        timeZone: TimeZone = .current,
        exitAfterFirstFullFrame: Bool = false
    ) {
        self.exitAfterFirstFullFrame = exitAfterFirstFullFrame
        self.terminal = terminal
        self.effects = effects
        self.clock = clock
        context = RenderContext.forEnvironment(
            unicode: terminal.supportsUnicode, color: terminal.supportsColor, timeZone: timeZone)
        state = AppState(size: terminal.size, now: clock.now(), header: header)
        (actions, continuation) = AsyncStream.makeStream(bufferingPolicy: .unbounded)
    }

    /// Where background work sends actions.
    var sink: ActionSink {
        let continuation = continuation
        return ActionSink { continuation.yield($0) }
    }

    /// Runs until the user quits (or a signal ends the console), then gives the terminal back.
    func run() async {
        draw()
        let events = terminal.events
        let continuation = continuation
        inputForwarder = Task {
            for await event in events {
                continuation.yield(Self.action(for: event))
            }
        }
        perform([.loadProject])
        for await action in actions {
            apply(action)
            if state.shouldQuit { break }
        }
        stop()
    }

    /// Applies one action: update, effects, ticker, redraw.
    func apply(_ action: Action) {
        state.now = clock.now()
        let produced = AppUpdate.update(&state, action)
        perform(produced)
        updateTicker()
        if case .resize = action {
            draw()
        } else {
            scheduleDraw()
        }
    }

    private func perform(_ effects: [Effect]) {
        let sink = sink
        for effect in effects {
            self.effects.perform(effect, sink: sink)
        }
    }

    // MARK: - Drawing

    /// Draws once the current burst of actions is handled, or at once when frames have been held back too long.
    private func scheduleDraw() {
        if ContinuousClock.now - lastDraw >= Self.maximumFrameDelay {
            draw()
            return
        }
        guard !drawScheduled else { return }
        drawScheduled = true
        Task { [weak self] in
            guard let self, self.drawScheduled else { return }
            self.draw()
        }
    }

    private func draw() {
        drawScheduled = false
        lastDraw = ContinuousClock.now
        terminal.present(RootView.render(state, context: context))
        if exitAfterFirstFullFrame, !isLeaving, state.project.load != .loading {
            isLeaving = true
            continuation.yield(.terminate)
        }
    }

    // MARK: - Ticks

    private func updateTicker() {
        if state.isAnimating, ticker == nil {
            let clock = clock, continuation = continuation
            ticker = Task {
                while !Task.isCancelled {
                    do { try await clock.sleep(for: Self.tickInterval) } catch { return }
                    continuation.yield(.tick)
                }
            }
        } else if !state.isAnimating, let running = ticker {
            running.cancel()
            ticker = nil
        }
    }

    /// Whether a tick task is running (for tests of the no-busy-loop promise).
    var isTicking: Bool { ticker != nil }

    private func stop() {
        ticker?.cancel()
        ticker = nil
        inputForwarder?.cancel()
        inputForwarder = nil
        continuation.finish()
        terminal.shutdown()
    }

    static func action(for event: TerminalEvent) -> Action {
        switch event {
        case .key(let key): return .key(key)
        case .mouse(let mouse): return .mouse(mouse)
        case .resize(let size): return .resize(size)
        case .interrupt: return .interrupt
        case .terminate: return .terminate
        }
    }
}
