import Foundation
import KineticsCore

@testable import KineticsTUI

/// Plays the sample project, a scripted deploy and a history into a real console, for trying the console by hand
/// under tmux (see ``ConsoleDemo``). It answers like the pipeline will, with real delays.
@MainActor
final class DemoEffectHandler: EffectHandler {
    private var deploy: Task<Void, Never>?
    private var confirmed: CheckedContinuation<Bool, Never>?
    /// Stack events of the scripted deploy; the demo appends filler events to reach this many.
    private let eventCount: Int
    private let failing: Bool

    init(eventCount: Int = 40, failing: Bool = true) {
        self.eventCount = eventCount
        self.failing = failing
    }

    func perform(_ effect: Effect, sink: ActionSink) {
        switch effect {
        case .loadProject:
            sink.send(.projectLoaded(Sample.discovery))
            sink.send(.deployedFunctionsLoaded(Sample.deployed))
            Task {
                try? await Task.sleep(for: .milliseconds(400))
                sink.send(.regionResolved("us-east-1"))
                sink.send(.identityResolved(Sample.header.identity!))
            }
        case .startDeploy:
            deploy = Task { await self.playDeploy(sink) }
        case .startDestroy:
            deploy = Task {
                sink.send(.deploy(.started(stackName: Sample.stack, kind: .destroy, functions: [], at: Date())))
                try? await Task.sleep(for: .seconds(3))
                sink.send(.deploy(.finished(DeployResult(outcome: .succeeded, at: Date()))))
            }
        case .attachSession(let id, let kind):
            deploy = Task {
                let stack = Sample.sessions.first { $0.id == id }?.stackName ?? Sample.stack
                sink.send(.deploy(.started(stackName: stack, kind: kind, functions: [], at: Date())))
                sink.send(.deploy(.executing))
                try? await Task.sleep(for: .seconds(3))
                guard !Task.isCancelled else { return }
                sink.send(.deploy(.finished(DeployResult(outcome: .succeeded, message: "\(stack) is UPDATE_COMPLETE.", at: Date()))))
            }
        case .executeChangeSet:
            confirmed?.resume(returning: true)
            confirmed = nil
        case .discardChangeSet:
            confirmed?.resume(returning: false)
            confirmed = nil
        case .cancelDeploy:
            deploy?.cancel()
            confirmed?.resume(returning: false)
            confirmed = nil
            sink.send(.deploy(.finished(DeployResult(outcome: .cancelled, message: "Cancelled by the user.", at: Date()))))
        case .detach, .quit:
            deploy?.cancel()
        case .loadHistory:
            Task {
                try? await Task.sleep(for: .milliseconds(150))
                sink.send(.historyLoaded(sessions: Sample.sessions, stacks: Sample.stacks))
            }
        case .openSession(let id):
            sink.send(.sessionLoaded(Self.detail(id)))
        case .compareSessions(let a, let b):
            sink.send(.comparisonLoaded(Self.detail(a), Self.detail(b)))
        }
    }

    /// The failed sample session, or the succeeded one's content under the row of `id`.
    static func detail(_ id: String) -> SessionDetailModel {
        if id == Sample.failedSession.session.id { return Sample.failedSession }
        var detail = Sample.succeededSession
        detail.session = Sample.sessions.first { $0.id == id } ?? detail.session
        return detail
    }

    private func playDeploy(_ sink: ActionSink) async {
        func pause(_ ms: Int) async -> Bool {
            try? await Task.sleep(for: .milliseconds(ms))
            return !Task.isCancelled
        }
        let start = Date()
        guard await pause(600) else { return }
        sink.send(.deploy(.started(stackName: Sample.stack, kind: .deploy, functions: Sample.functionNames, at: start)))
        for name in ["ProductsGet", "ProductsList", "ReportsDaily"] {
            sink.send(.deploy(.function(FunctionProgressRow(name: name, stage: .skippedUnchanged, artifactHash: "7d793037a0760186"))))
        }
        for step in 0...20 {
            guard await pause(150) else { return }
            let f = Double(step) / 20
            sink.send(.deploy(.function(FunctionProgressRow(name: "OrdersCreate", stage: .building(fraction: f)))))
            sink.send(.deploy(.function(FunctionProgressRow(name: "OrdersProcess", stage: .building(fraction: f * 0.8)))))
        }
        let total: Int64 = 7_900_000
        for step in 0...16 {
            guard await pause(120) else { return }
            let sent = total * Int64(step) / 16
            sink.send(.deploy(.function(FunctionProgressRow(
                name: "OrdersCreate", stage: .uploading(sent: sent, total: total, bytesPerSecond: 3_400_000), artifactHash: "3f2a9c1e4b8d7f6a"))))
            sink.send(.deploy(.function(FunctionProgressRow(name: "OrdersProcess", stage: step < 8 ? .packaging : .done,
                                                             artifactHash: "b6e8a1c2d3f4e5a6", artifactBytes: 6_400_000))))
        }
        sink.send(.deploy(.function(Sample.finishedRows[0])))
        guard await pause(500) else { return }
        sink.send(.deploy(.changeSet(Sample.changeSet)))
        let go = await withCheckedContinuation { self.confirmed = $0 }
        guard go, !Task.isCancelled else { return }
        var events = Sample.runningEvents + (failing ? Sample.failingEvents : Sample.succeedingEvents)
        var n = 1000
        while events.count < eventCount {
            n += 1
            events.insert(Sample.event(n, 86, "Filler\(n)", "AWS::Lambda::Permission", n % 2 == 0 ? "CREATE_IN_PROGRESS" : "CREATE_COMPLETE"),
                          at: events.count - 2)
        }
        for (i, event) in events.enumerated() {
            guard await pause(eventCount > 200 ? 5 : 350) else { return }
            var shifted = event
            shifted.timestamp = Date()
            sink.send(.deploy(.events([shifted])))
            if failing, event.resourceStatus == "CREATE_FAILED", i < events.count, event.logicalResourceId == "OrdersCreateUrl" {
                sink.send(.deploy(.rootCause(Sample.rootCause)))
            }
        }
        sink.send(.deploy(.finished(DeployResult(outcome: failing ? .failed : .succeeded, outputs: failing ? [] : Sample.outputs, at: Date()))))
    }
}
