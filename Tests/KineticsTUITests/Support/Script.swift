import Foundation
import KineticsCore

@testable import KineticsTUI

/// Drives ``AppUpdate`` like the run loop does: sets the time, applies actions, collects the effects.
struct Script {
    var state: AppState
    private(set) var effects: [Effect] = []

    init(size: Size = Size(width: 80, height: 24), now: Date = Sample.at(0), header: HeaderInfo = Sample.header) {
        state = AppState(size: size, now: now, header: header)
    }

    /// Applies actions at the current time (or `at`, which then stays the time); returns their effects.
    @discardableResult
    mutating func send(_ actions: Action..., at time: Date? = nil) -> [Effect] {
        if let time { state.now = time }
        var produced: [Effect] = []
        for action in actions {
            produced += AppUpdate.update(&state, action)
        }
        effects += produced
        return produced
    }

    @discardableResult
    mutating func press(_ keys: Key...) -> [Effect] {
        var produced: [Effect] = []
        for key in keys { produced += send(.key(key)) }
        return produced
    }

    /// Presses one `.char` key per character.
    @discardableResult
    mutating func type(_ text: String) -> [Effect] {
        var produced: [Effect] = []
        for c in text { produced += send(.key(.char(c))) }
        return produced
    }

    // MARK: - Scenarios

    /// History with a detached session (selected) and a stack that was never deployed.
    static func historyDetached(_ size: Size = Size(width: 80, height: 24)) -> Script {
        var s = project(size)
        s.press(.char("3"))
        s.send(.historyLoaded(sessions: Sample.sessionsWithDetached, stacks: Sample.stacks + [Sample.neverDeployedStack]))
        return s
    }

    /// `a` on the detached session: re-attached, its operation streaming on the Deploy screen.
    static func deployAttached(_ size: Size = Size(width: 80, height: 24)) -> Script {
        var s = historyDetached(size)
        s.press(.char("a"))
        s.send(.deploy(.started(stackName: Sample.stack, kind: .deploy, functions: [], at: Sample.at(0.1))))
        s.send(.deploy(.executing))
        s.send(.deploy(.events(Sample.runningEvents)))
        s.state.now = Sample.at(12)
        return s
    }

    /// The shop project discovered, with what the cache knows of its last deploys.
    static func project(_ size: Size = Size(width: 80, height: 24)) -> Script {
        var s = Script(size: size)
        s.send(.projectLoaded(Sample.discovery), .deployedFunctionsLoaded(Sample.deployed))
        return s
    }

    /// `d` pressed; two functions build and upload, one is unchanged, one waits.
    static func deployBuilding(_ size: Size = Size(width: 80, height: 24)) -> Script {
        var s = project(size)
        s.press(.char("d"))
        s.send(.deploy(.started(stackName: Sample.stack, kind: .deploy, functions: Sample.functionNames, at: Sample.at(0.2))))
        for row in Sample.buildingRows { s.send(.deploy(.function(row))) }
        s.state.now = Sample.at(42.3)
        return s
    }

    /// Every function finished; the change set waits for the user.
    static func deployChangeSet(_ size: Size = Size(width: 80, height: 24)) -> Script {
        var s = deployBuilding(size)
        for row in Sample.finishedRows { s.send(.deploy(.function(row))) }
        s.send(.deploy(.changeSet(Sample.changeSet)), at: Sample.at(55))
        return s
    }

    /// The change set confirmed; CloudFormation is half way.
    static func deployExecuting(_ size: Size = Size(width: 80, height: 24)) -> Script {
        var s = deployChangeSet(size)
        s.press(.char("y"))
        s.send(.deploy(.events(Sample.runningEvents)), at: Sample.at(87))
        return s
    }

    /// The function URL failed, the stack rolled back; the user scrolled up to read.
    static func deployFailed(_ size: Size = Size(width: 80, height: 24)) -> Script {
        var s = deployExecuting(size)
        s.send(.deploy(.events(Sample.failingEvents)), .deploy(.rootCause(Sample.rootCause)))
        s.send(.deploy(.finished(DeployResult(outcome: .failed, at: Sample.at(101)))), at: Sample.at(105))
        s.press(.char("k"), .char("k"), .char("k"), .char("k"), .char("k"), .char("k"), .char("k"), .char("k"))
        return s
    }

    /// Everything deployed; the outputs are shown.
    static func deploySucceeded(_ size: Size = Size(width: 80, height: 24)) -> Script {
        var s = deployExecuting(size)
        s.send(.deploy(.events(Sample.succeedingEvents)))
        s.send(.deploy(.finished(DeployResult(outcome: .succeeded, outputs: Sample.outputs, at: Sample.at(124)))), at: Sample.at(130))
        return s
    }

    /// History loaded, the second session selected, the first two marked.
    static func history(_ size: Size = Size(width: 80, height: 24)) -> Script {
        var s = project(size)
        s.press(.char("3"))
        s.send(.historyLoaded(sessions: Sample.sessions, stacks: Sample.stacks))
        s.press(.char(" "), .char("j"), .char(" "))
        return s
    }

    /// The failed session opened from History.
    static func session(_ size: Size = Size(width: 80, height: 24)) -> Script {
        var s = history(size)
        s.press(.char("k"), .enter)
        s.send(.sessionLoaded(Sample.failedSession))
        return s
    }

    /// The two marked sessions compared.
    static func compare(_ size: Size = Size(width: 80, height: 24)) -> Script {
        var s = history(size)
        s.press(.char("c"))
        s.send(.comparisonLoaded(Sample.failedSession, Sample.succeededSession))
        return s
    }
}
