import Foundation
import KineticsCore
import Testing

@testable import KineticsTUI

@Suite("Deploy screen: pipeline updates, follow mode, change set and Ctrl-C")
struct DeployUpdateTests {
    @Test("function rows are replaced by name as their stages change")
    func functionRows() {
        var s = Script.deployBuilding()
        #expect(s.state.deploy.functions.count == 5)
        #expect(s.state.deploy.functionsFinished == 1)
        s.send(.deploy(.function(FunctionProgressRow(name: "ReportsDaily", stage: .skippedUnchanged))))
        #expect(s.state.deploy.functions.count == 5)
        #expect(s.state.deploy.functionsFinished == 2)
        #expect(s.state.deploy.phase == .building)
        #expect(s.state.isAnimating)
    }

    @Test("the change set waits for y; y executes it")
    func confirm() {
        var s = Script.deployChangeSet()
        #expect(s.state.deploy.phase == .awaitingConfirmation)
        #expect(s.press(.char("y")) == [.executeChangeSet])
        #expect(s.state.deploy.phase == .executing)
    }

    @Test("n discards the change set and the deploy ends without changes")
    func discard() {
        var s = Script.deployChangeSet()
        #expect(s.press(.char("n")) == [.discardChangeSet])
        #expect(s.state.deploy.phase == .cancelled)
        #expect(s.state.deploy.finishedAt == s.state.now)
        #expect(!s.state.isAnimating)
    }

    @Test("a change set arriving while the user is elsewhere says so in the hint bar")
    func changeSetNotice() {
        var s = Script.deployBuilding()
        s.press(.char("1"))
        s.send(.deploy(.changeSet(Sample.changeSet)))
        #expect(s.state.notice?.text.contains("change set is ready") == true)
        #expect(s.state.screen == .project)
    }

    @Test("events are kept once by id and each resource's elapsed time is worked out")
    func eventsAndElapsed() {
        var s = Script.deployExecuting()
        #expect(s.state.deploy.events.count == Sample.runningEvents.count)
        s.send(.deploy(.events(Sample.runningEvents)))
        #expect(s.state.deploy.events.count == Sample.runningEvents.count)
        let done = s.state.deploy.events.rows.first { $0.event.resourceStatus == "CREATE_COMPLETE" }
        #expect(done?.resourceElapsed == 22)
        #expect(s.state.deploy.resourcesDone == 3)
    }

    @Test("follow is on by default; scrolling up turns it off, f and G turn it back on")
    func follow() {
        var s = Script.deployExecuting()
        #expect(s.state.deploy.follow)
        s.press(.char("j"))
        #expect(s.state.deploy.follow)
        s.press(.char("k"))
        #expect(!s.state.deploy.follow)
        #expect(s.state.deploy.eventScroll.selection == Sample.runningEvents.count - 2)
        s.press(.char("j"), .char("j"), .char("j"))
        #expect(!s.state.deploy.follow)
        #expect(s.state.deploy.eventScroll.selection == Sample.runningEvents.count - 1)
        s.press(.char("f"))
        #expect(s.state.deploy.follow)
        s.press(.pageUp)
        #expect(!s.state.deploy.follow)
        s.press(.char("G"))
        #expect(s.state.deploy.follow)
        s.press(.char("g"))
        #expect(!s.state.deploy.follow)
        #expect(s.state.deploy.eventScroll.selection == 0)
    }

    @Test("while not following, new events do not move the cursor")
    func scrollbackStays() {
        var s = Script.deployExecuting()
        s.press(.char("g"))
        s.send(.deploy(.events(Sample.failingEvents)))
        #expect(s.state.deploy.eventScroll.selection == 0)
        #expect(s.state.deploy.events.count == Sample.runningEvents.count + Sample.failingEvents.count)
    }

    @Test("the mouse wheel scrolls the event table back")
    func wheel() {
        var s = Script.deployExecuting()
        s.send(.mouse(MouseEvent(kind: .wheelUp, x: 10, y: 10)))
        #expect(!s.state.deploy.follow)
        #expect(s.state.deploy.eventScroll.selection == Sample.runningEvents.count - 4)
    }

    @Test("Ctrl-C while CloudFormation works asks: detach, cancel update, keep watching")
    func interruptChoices() {
        var s = Script.deployExecuting()
        #expect(s.press(.ctrl("c")).isEmpty)
        #expect(s.state.modal == .interrupt(selected: 2))
        #expect(InterruptChoice.choices(for: s.state.deploy.phase) == [.detach, .cancelUpdate, .keepWatching])

        var keep = s
        #expect(keep.press(.enter).isEmpty)
        #expect(keep.state.modal == nil)
        #expect(!keep.state.shouldQuit)

        var detach = s
        #expect(detach.press(.char("d")) == [.detach, .quit])
        #expect(detach.state.shouldQuit)

        var cancel = s
        #expect(cancel.press(.left, .enter) == [.cancelDeploy])
        #expect(cancel.state.deploy.phase == .cancelling)
        #expect(!cancel.state.shouldQuit)

        var escape = s
        #expect(escape.press(.escape).isEmpty)
        #expect(escape.state.modal == nil)

        var twice = s
        #expect(twice.press(.ctrl("c")) == [.detach, .quit])
    }

    @Test("Ctrl-C before CloudFormation is involved offers to cancel the local work")
    func interruptWhileBuilding() {
        var s = Script.deployBuilding()
        s.press(.ctrl("c"))
        #expect(InterruptChoice.choices(for: s.state.deploy.phase) == [.cancelDeploy, .keepWatching])
        #expect(s.press(.char("c")) == [.cancelDeploy])
    }

    @Test("q during a deploy asks too; q with nothing running quits")
    func quit() {
        var running = Script.deployExecuting()
        #expect(running.press(.char("q")).isEmpty)
        #expect(running.state.modal != nil)
        var idle = Script.project()
        #expect(idle.press(.char("q")) == [.quit])
        #expect(idle.state.shouldQuit)
    }

    @Test("SIGTERM detaches from CloudFormation work and stops local work")
    func terminate() {
        var executing = Script.deployExecuting()
        #expect(executing.send(.terminate) == [.detach, .quit])
        var building = Script.deployBuilding()
        #expect(building.send(.terminate) == [.cancelDeploy, .quit])
        var idle = Script.project()
        #expect(idle.send(.terminate) == [.quit])
    }

    @Test("the end of a deploy stops the animation, closes the Ctrl-C dialog and refreshes a loaded history")
    func finished() {
        var s = Script.deployExecuting()
        s.press(.char("3"))
        s.send(.historyLoaded(sessions: Sample.sessions, stacks: Sample.stacks))
        s.press(.char("q"))
        #expect(s.state.modal != nil)
        let effects = s.send(.deploy(.finished(DeployResult(outcome: .succeeded, outputs: Sample.outputs, at: Sample.at(124)))))
        #expect(effects == [.loadHistory])
        #expect(s.state.modal == nil)
        #expect(!s.state.isAnimating)
        #expect(s.state.deploy.outputs == Sample.outputs)
        #expect(s.state.notice?.text == "Deploy of shop-dev succeeded.")
    }

    @Test("a deploy running in the background keeps streaming while History is browsed")
    func background() {
        var s = Script.deployExecuting()
        s.press(.char("3"))
        s.send(.historyLoaded(sessions: Sample.sessions, stacks: Sample.stacks))
        s.press(.char("j"), .char("j"))
        s.send(.deploy(.events(Sample.failingEvents)))
        #expect(s.state.screen == .history)
        #expect(s.state.history.list.selection == 2)
        #expect(s.state.deploy.events.count == 20)
        let text = RootView.render(s.state, context: RenderContext()).text()
        #expect(text.contains("rolling back"))
    }

    @Test("re-attaching to a deploy that started before the console fills the screen from its start time")
    func reattach() {
        var s = Script.project()
        s.send(.deploy(.started(stackName: "shop-dev", kind: .deploy, functions: ["OrdersCreate"], at: Sample.at(-30))))
        #expect(s.state.deploy.phase == .building)
        #expect(s.state.deploy.startedAt == Sample.at(-30))
        #expect(s.state.deploy.elapsed(now: s.state.now) == 30)
    }

    @Test("once the stack rolls back, the tab line says so")
    func rollingBack() {
        var s = Script.deployExecuting()
        s.send(.deploy(.events(Array(Sample.failingEvents.prefix(4)))))
        #expect(s.state.deploy.events.stackStatus == "UPDATE_ROLLBACK_IN_PROGRESS")
        #expect(TabBarView.deployStatus(s.state, RenderContext()).map(\.text).joined().contains("rolling back"))
    }

    @Test("escape sequences in event reasons never reach the screen")
    func sanitisedReasons() {
        for size in [Size(width: 80, height: 24), Size(width: 160, height: 48)] {
            let buffer = RootView.render(Script.deployFailed(size).state, context: RenderContext())
            let text = buffer.text()
            #expect(!text.contains("\u{1B}"))
            #expect(!text.contains("[31m"))
            #expect(!text.contains("[0m"))
            #expect(text.contains("AuthType NONE"))
        }
    }

    @Test("a dialog dims the screen behind it and is drawn undimmed")
    func dialogDims() {
        var s = Script.deployExecuting()
        s.press(.ctrl("c"))
        let buffer = RootView.render(s.state, context: RenderContext())
        #expect(buffer[1, 0].style.attributes.contains(.dim))
        #expect(buffer[1, 23].style.attributes.contains(.dim))
        let row = (0..<buffer.height).first { buffer.rowText($0).contains("Keep watching") }!
        let column = buffer.rowText(row).distance(from: buffer.rowText(row).startIndex,
                                                  to: buffer.rowText(row).range(of: "Keep watching")!.lowerBound)
        #expect(!buffer[column, row].style.attributes.contains(.dim))
    }

    @Test("D asks before destroying; y starts it, n leaves everything alone")
    func destroy() {
        var s = Script.project()
        s.press(.char("D"))
        #expect(s.state.modal == .confirmDestroy(selected: 1))
        var no = s
        #expect(no.press(.enter).isEmpty)
        #expect(no.state.modal == nil)
        var yes = s
        #expect(yes.press(.char("y")) == [.startDestroy])
        #expect(yes.state.deploy.kind == .destroy)
        #expect(yes.state.screen == .deploy)
    }

    @Test("D is refused while a deploy runs")
    func destroyWhileRunning() {
        var s = Script.deployExecuting()
        s.press(.char("D"))
        #expect(s.state.modal == nil)
        #expect(s.state.notice?.kind == .error)
    }
}
