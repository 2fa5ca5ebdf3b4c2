import Foundation
import Testing

@testable import KineticsTUI

/// The run loop with a recording terminal: frames, effects, ticks only while something moves, quitting.
@MainActor
@Suite("The run loop draws, runs effects, ticks only while animating and gives the terminal back")
struct ConsoleAppTests {
    /// Waits (yielding the main actor) until `condition` holds: at once on an idle machine, and for at most twenty
    /// seconds on one the whole suite keeps busy.
    func eventually(_ condition: () -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(20)
        while !condition() {
            if ContinuousClock.now > deadline { return false }
            try? await Task.sleep(for: .milliseconds(2))
        }
        return true
    }

    @Test("the first frame is drawn before the project has loaded, the next one shows it")
    func firstFrame() async {
        let terminal = RecordingTerminal()
        let effects = RecordingEffectHandler()
        let app = ConsoleApp(terminal: terminal, effects: effects, header: Sample.header)
        let running = Task { await app.run() }
        #expect(await eventually { terminal.frames.count >= 2 })
        #expect(terminal.frames.first?.text().contains("Discovering") == true)
        #expect(effects.performed.first == .loadProject)
        #expect(await eventually { terminal.lastFrame?.text().contains("OrdersCreate") == true })
        terminal.send(.key(.char("q")))
        await running.value
        #expect(terminal.shutdownCount == 1)
        #expect(effects.performed.last == .quit)
    }

    @Test("an idle console has no ticker; a running deploy ticks until it ends")
    func ticks() async {
        let terminal = RecordingTerminal()
        let effects = RecordingEffectHandler()
        let app = ConsoleApp(terminal: terminal, effects: effects, header: Sample.header)
        let running = Task { await app.run() }
        #expect(await eventually { app.state.project.load == .loaded })
        #expect(!app.isTicking)
        terminal.send(.key(.char("d")))
        #expect(await eventually { app.isTicking })
        #expect(effects.performed.contains(.startDeploy(functions: [])))
        let framesBefore = terminal.frames.count
        #expect(await eventually { terminal.frames.count >= framesBefore + 2 })
        effects.sink?.send(.deploy(.finished(DeployResult(outcome: .succeeded, at: Date()))))
        #expect(await eventually { !app.isTicking })
        // The frame of the finished deploy may be drawn just after the ticker stops; from then on, nothing.
        #expect(await eventually { terminal.lastFrame?.text().contains("deployed in") == true })
        let settled = terminal.frames.count
        try? await Task.sleep(for: .milliseconds(350))
        #expect(terminal.frames.count == settled)
        terminal.send(.key(.char("q")))
        await running.value
    }

    @Test("a resize redraws at the new size")
    func resize() async {
        let terminal = RecordingTerminal()
        let app = ConsoleApp(terminal: terminal, effects: RecordingEffectHandler(), header: Sample.header)
        let running = Task { await app.run() }
        #expect(await eventually { app.state.project.load == .loaded })
        terminal.size = Size(width: 120, height: 40)
        terminal.send(.resize(terminal.size))
        #expect(await eventually { terminal.lastFrame?.size == Size(width: 120, height: 40) })
        terminal.send(.terminate)
        await running.value
        #expect(terminal.shutdownCount == 1)
    }

    @Test("results sent by background work while browsing arrive on screen")
    func background() async {
        let terminal = RecordingTerminal()
        let effects = RecordingEffectHandler()
        let app = ConsoleApp(terminal: terminal, effects: effects, header: Sample.header)
        let running = Task { await app.run() }
        #expect(await eventually { app.state.project.load == .loaded })
        terminal.send(.key(.char("3")))
        #expect(await eventually { effects.performed.contains(.loadHistory) })
        effects.sink?.send(.historyLoaded(sessions: Sample.sessions, stacks: Sample.stacks))
        #expect(await eventually { terminal.lastFrame?.text().contains("s-0007") == false && terminal.lastFrame?.text().contains("1m41s") == true })
        terminal.send(.key(.ctrl("c")))
        await running.value
    }
}
