import Foundation
import Testing

@testable import KineticsCore
@testable import KineticsTUI

/// Re-attaching from History to a detached or interrupted session: the key, the screens, the hint bar and help,
/// and the re-attach stream through the mapper onto the Deploy screen; no terminal involved.
@Suite("History: re-attaching to a detached session")
struct AttachUpdateTests {
    @Test("a on a detached session opens the Deploy screen on its stack and asks for the attach; Ctrl-C then offers to detach")
    func attachDetached() {
        var s = Script.historyDetached()
        #expect(HistoryView.selectedSession(s.state.history)?.id == "s-0008")
        #expect(s.press(.char("a")) == [.attachSession(id: "s-0008", kind: .deploy)])
        #expect(s.state.screen == .deploy)
        #expect(s.state.deploy.phase == .preparing)
        #expect(s.state.deploy.stackName == Sample.stack)
        #expect(s.state.deploy.attachedSession == "s-0008")
        s.send(.deploy(.started(stackName: Sample.stack, kind: .deploy, functions: [], at: Sample.at(0.1))), .deploy(.executing))
        #expect(s.state.deploy.phase == .executing)
        s.press(.ctrl("c"))
        guard case .interrupt = s.state.modal else {
            Issue.record("Ctrl-C during a re-attached operation should ask, not \(String(describing: s.state.modal))")
            return
        }
        #expect(InterruptChoice.choices(for: s.state.deploy.phase).contains(.detach))
        s.press(.escape)
        // The end reloads the history (it was loaded), so the session shows its recorded outcome.
        #expect(s.send(.deploy(.finished(DeployResult(outcome: .succeeded, message: "shop-dev is UPDATE_COMPLETE.", at: Sample.at(30))))) == [.loadHistory])
        #expect(s.state.deploy.phase == .succeeded)
    }

    @Test("a inside an opened detached session re-attaches too; inside a finished one it says why")
    func attachFromDetail() {
        var s = Script.historyDetached()
        #expect(s.press(.enter) == [.openSession(id: "s-0008")])
        #expect(KeyHelp.bar(s.state, .unicode).contains(KeyHint("a", "re-attach")))
        #expect(KeyHelp.sections(s.state, .unicode).first?.keys.contains { $0.key == "a" } == true)
        #expect(s.press(.char("a")) == [.attachSession(id: "s-0008", kind: .deploy)])
        #expect(s.state.screen == .deploy)
        #expect(s.state.history.detail == nil)

        var finished = Script.historyDetached()
        finished.press(.char("j"))
        finished.press(.enter)
        #expect(!KeyHelp.bar(finished.state, .unicode).contains(KeyHint("a", "re-attach")))
        #expect(finished.press(.char("a")).isEmpty)
        #expect(finished.state.screen == .history)
        #expect(finished.state.history.detail != nil)
        #expect(finished.state.notice == .info("Session s-0007 ended failed; only a detached or interrupted one can be re-attached."))
    }

    @Test("a on a session that cannot be re-attached, or while a deploy runs, says why and starts nothing")
    func refused() {
        var s = Script.historyDetached()
        s.press(.char("j"))
        #expect(HistoryView.selectedSession(s.state.history)?.outcome == .failed)
        #expect(s.press(.char("a")).isEmpty)
        #expect(s.state.screen == .history)
        #expect(s.state.notice == .info("Session s-0007 ended failed; only a detached or interrupted one can be re-attached."))

        var never = Script.project()
        never.press(.char("3"))
        never.send(.historyLoaded(sessions: [SessionRow(id: "9", startedAt: Sample.at(0), env: "dev", stackName: Sample.stack,
                                                        outcome: .interrupted, duration: nil, functionsChanged: 0)], stacks: []))
        #expect(never.press(.char("a")).isEmpty)
        #expect(never.state.notice == .info("Session 9 stopped before its stack operation started: there is nothing to re-attach to."))

        var busy = Script.deployExecuting()
        busy.press(.char("3"))
        busy.send(.historyLoaded(sessions: Sample.sessionsWithDetached, stacks: Sample.stacks))
        #expect(busy.press(.char("a")).isEmpty)
        #expect(busy.state.screen == .history)
        #expect(busy.state.deploy.phase == .executing)
        #expect(busy.state.notice?.kind == .error)
        #expect(busy.state.notice?.text.contains("A deploy is running") == true)
    }

    @Test("the hint bar offers a only on a session that can be re-attached; the help lists it")
    func hints() {
        var s = Script.historyDetached()
        #expect(KeyHelp.bar(s.state, .unicode).contains(KeyHint("a", "re-attach")))
        let text = RootView.render(s.state, context: GoldenScreenTests.context).text()
        #expect(text.contains("a re-attach"))
        s.press(.char("j"))
        #expect(!KeyHelp.bar(s.state, .unicode).contains(KeyHint("a", "re-attach")))
        #expect(KeyHelp.sections(s.state, .unicode).first?.keys.contains { $0.key == "a" } == true)
    }

    @Test("the re-attach stream: the session found starts the screen executing; in a deploy the same event changes nothing")
    func mapper() {
        let session = InterruptedSession(
            id: 8, stack: StackIdentity(name: "shop-dev", region: "us-east-1"), stackArn: nil, env: "dev", kind: .deploy,
            clientRequestToken: "t", changeSetSize: 3, startedAt: Sample.at(-600), firstEventAt: nil, pid: 1, outcome: .detached)
        let now = Sample.at(1)
        var attaching = DeployEventMapper(kind: .deploy, attaching: true)
        #expect(attaching.map(.interruptedSessionFound(session, reattaching: true), now: now)
            == [.started(stackName: "shop-dev", kind: .deploy, functions: [], at: now), .executing])
        var deploying = DeployEventMapper(kind: .deploy)
        #expect(deploying.map(.interruptedSessionFound(session, reattaching: true), now: now).isEmpty)
    }
}
