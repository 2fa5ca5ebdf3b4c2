import Foundation

/// How the caller steers a running deploy: answer its confirmations, cancel it, or detach from it.
///
/// Any task may call these; the deploy reacts at the next point it can (`awaitingConfirmation` waits for an
/// answer; a cancel or detach during the tail takes effect at once).
public final class DeployControl: Sendable {
    /// What the user asked for while the deploy runs.
    public enum Interruption: String, Sendable, Hashable, Codable {
        /// Stop the operation: `CancelUpdateStack` for an update, `DeleteStack` for a stack still being created;
        /// before the change set is executed, just stop.
        case cancel
        /// Stop watching and leave the operation running; the session is marked detached.
        case detach
    }

    private struct State {
        var pendingDecision: Bool?
        var decisionWaiter: CheckedContinuation<Bool, Never>?
        var interruption: Interruption?
        var interruptionWaiters: [UUID: CheckedContinuation<Interruption?, Never>] = [:]
    }

    private let state = Locked(State())
    /// Answer every confirmation with yes (`--yes`).
    public let autoConfirm: Bool

    public init(autoConfirm: Bool = false) {
        self.autoConfirm = autoConfirm
    }

    // MARK: - The caller's side

    /// Yes to the pending (or next) confirmation.
    public func confirm() { answer(true) }

    /// No to the pending (or next) confirmation.
    public func decline() { answer(false) }

    public func cancel() { interrupt(.cancel) }

    public func detach() { interrupt(.detach) }

    /// The interruption asked for, if any.
    public var interruption: Interruption? { state.withLock { $0.interruption } }

    private func answer(_ yes: Bool) {
        let waiter = state.withLock { state -> CheckedContinuation<Bool, Never>? in
            if let waiter = state.decisionWaiter {
                state.decisionWaiter = nil
                return waiter
            }
            state.pendingDecision = yes
            return nil
        }
        waiter?.resume(returning: yes)
    }

    private func interrupt(_ interruption: Interruption) {
        let (decision, waiters) = state.withLock { state -> (CheckedContinuation<Bool, Never>?, [CheckedContinuation<Interruption?, Never>]) in
            guard state.interruption == nil else { return (nil, []) }
            state.interruption = interruption
            let decision = state.decisionWaiter
            state.decisionWaiter = nil
            let waiters = Array(state.interruptionWaiters.values)
            state.interruptionWaiters = [:]
            return (decision, waiters)
        }
        decision?.resume(returning: false)
        for waiter in waiters { waiter.resume(returning: interruption) }
    }

    // MARK: - The deploy's side

    /// Waits for the answer to a confirmation: `true` at once with `autoConfirm`, `false` after an interruption or
    /// when the waiting task is cancelled.
    func decision() async -> Bool {
        if autoConfirm { return interruption == nil }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                let immediate = state.withLock { state -> Bool? in
                    if state.interruption != nil { return false }
                    if Task.isCancelled { return false }
                    if let pending = state.pendingDecision {
                        state.pendingDecision = nil
                        return pending
                    }
                    state.decisionWaiter = continuation
                    return nil
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Bool, Never>? in
                defer { state.decisionWaiter = nil }
                return state.decisionWaiter
            }
            waiter?.resume(returning: false)
        }
    }

    /// Waits until a cancel or detach is asked for; `nil` when the waiting task is cancelled first.
    func nextInterruption() async -> Interruption? {
        let id = UUID()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Interruption?, Never>) in
                let immediate = state.withLock { state -> Interruption?? in
                    if let interruption = state.interruption { return .some(interruption) }
                    if Task.isCancelled { return .some(nil) }
                    state.interruptionWaiters[id] = continuation
                    return .none
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            let waiter = state.withLock { $0.interruptionWaiters.removeValue(forKey: id) }
            waiter?.resume(returning: nil)
        }
    }
}
