import Foundation
import KineticsCore

/// The Deploy screen: the current (or last) deploy of this console, everything it reported so far, and how the
/// user is looking at it.
struct DeployState: Sendable {
    var kind: DeployKind = .deploy
    /// The History session this screen re-attached to (`a`), when it follows one instead of its own deploy.
    var attachedSession: String?
    var phase: DeployPhase = .idle
    var stackName: String?
    var startedAt: Date?
    var finishedAt: Date?
    var functions: [FunctionProgressRow] = []
    var changeSet: [ChangeRow] = []
    private(set) var events = EventLog()
    /// Resources done as the event engine counts them (it also sees completions no event row shows).
    var reportedResourcesDone: Int?
    var rootCause: RootCauseInfo?
    var outputs: [OutputRow] = []
    /// The pipeline's closing sentence (build error, "no changes").
    var message: String?
    /// Whether the event table sticks to the newest event.
    var follow = true
    /// The event under the cursor (when not following) and the first event row shown.
    var eventScroll = ListScroll()

    /// A fresh deploy of `kind`, started at `now`.
    static func starting(_ kind: DeployKind, at now: Date) -> DeployState {
        var state = DeployState()
        state.kind = kind
        state.phase = .preparing
        state.startedAt = now
        return state
    }

    // MARK: - Events

    /// Adds events oldest first, skipping any already seen.
    mutating func append(_ newEvents: [StackEvent]) {
        events.append(newEvents)
    }

    // MARK: - Progress

    /// Functions that reached an end state.
    var functionsFinished: Int { functions.lazy.filter(\.stage.isFinished).count }

    /// Resources of the change set whose newest status is a completion, or the engine's count when higher.
    var resourcesDone: Int {
        let fromEvents = changeSet.lazy.filter { change in
            guard let status = events.latestStatus[change.logicalId] else { return false }
            return ResourceStatusKind(status: status) == .complete
        }.count
        return min(changeSet.count, max(fromEvents, reportedResourcesDone ?? 0))
    }

    /// Time since the deploy started, up to `now` while running and to its end after.
    func elapsed(now: Date) -> TimeInterval? {
        guard let startedAt else { return nil }
        return max(0, (finishedAt ?? now).timeIntervalSince(startedAt))
    }
}
