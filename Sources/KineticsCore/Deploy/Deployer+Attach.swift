import Foundation

extension Deployer {
    /// Follows the stack operation of a detached or interrupted session to its end and says how it ended; the
    /// caller records that in the session (`DeploySession.finish`). An operation already over is read back from
    /// its events to its final status; a stack that no longer exists ends the session at once.
    ///
    /// The session's functions are recorded as deployed when a deploy succeeded (so that the next deploy can be
    /// skipped when nothing changed). A detach of `control` stops following (the outcome is `detached`); a cancel
    /// cancels a deploy's operation as `deploy` does (`CancelUpdateStack`, or `DeleteStack` of a stack being created).
    /// Throws an `AWSError`, a `CacheError` or an `EventEngineError`.
    public func attach(
        _ session: InterruptedSession, control: DeployControl, emit: @escaping @Sendable (DeployEvent) -> Void
    ) async throws -> DeployOutcome {
        let started = ContinuousClock.now
        let name = session.stack.name
        guard let stack = try await stacks.describeStack(stackName: session.stackArn ?? name) else {
            emit(.interruptedSessionFound(session, reattaching: false))
            let deleted = session.kind == .destroy
            return DeployOutcome(
                status: deleted ? .succeeded : .failed, stackName: name, kind: session.kind, sessionId: session.id,
                message: deleted
                    ? "\(name) is deleted."
                    : "\(name) no longer exists: the operation of session \(session.id) is over and its stack was deleted since.",
                seconds: Self.seconds(since: started))
        }
        let running = StackStatus.isInProgress(stack.status) && stack.status != "REVIEW_IN_PROGRESS"
        emit(.interruptedSessionFound(session, reattaching: running))
        var configuration = session.tailConfiguration
        configuration.policy = policy
        let end = running
            ? try await tail(configuration, session: session.id, control: control, emit: emit)
            : try await readBack(configuration, stack: stack, session: session, control: control, emit: emit)
        switch end {
        case .finished(let result):
            if !result.outputs.isEmpty { emit(.outputs(result.outputs)) }
            let status: DeployOutcome.Status
            let message: String
            switch SessionOutcome(result, kind: session.kind) {
            case .succeeded:
                status = .succeeded
                message = session.kind == .destroy ? "\(name) is deleted." : "\(name) is \(result.finalStatus)."
                if session.kind == .deploy, let detail = try cache?.session(session.id, eventLimit: 0) {
                    try recordDeployed(detail.functions, session: session.id)
                }
            case let outcome:
                status = outcome == .rolledBack || result.rolledBack ? .rolledBack : .failed
                let cause = result.rootCause.map { " Root cause: \($0.displayName) \($0.status): \($0.displayReason)" } ?? ""
                message = "\(name) ended \(result.finalStatus).\(cause)"
            }
            return DeployOutcome(
                status: status, stackName: name, kind: session.kind, sessionId: session.id, finalStatus: result.finalStatus,
                message: message, rootCause: result.rootCause, outputs: result.outputs, seconds: Self.seconds(since: started),
                operation: result)
        case .interrupted(.cancel) where session.kind == .deploy && session.clientRequestToken != nil:
            let result = try await cancel(
                stackName: name, stackId: stack.stackId, creating: stack.status == "CREATE_IN_PROGRESS",
                token: session.clientRequestToken ?? "", notBefore: session.firstEventAt, changeSetSize: session.changeSetSize ?? 0,
                session: session.id, emit: emit)
            return DeployOutcome(
                status: .cancelled, stackName: name, kind: session.kind, sessionId: session.id, finalStatus: result?.finalStatus,
                message: "Cancelled: \(name) is \(result?.finalStatus ?? "being rolled back").", outputs: result?.outputs ?? [],
                seconds: Self.seconds(since: started), operation: result)
        case .interrupted:
            return DeployOutcome(
                status: .detached, stackName: name, kind: session.kind, sessionId: session.id, message: Self.detachMessage(name, session: session.id),
                seconds: Self.seconds(since: started))
        }
    }

    /// The end of an operation that is over: read back from its events, or, when they cannot be found within
    /// `readBackLimit` (an endpoint that puts no ClientRequestToken on events, and no event was recorded), the
    /// stack's status as `DescribeStacks` gives it.
    private func readBack(
        _ configuration: StackEventEngine.Configuration, stack: StackSummary, session: InterruptedSession, control: DeployControl,
        emit: @escaping @Sendable (DeployEvent) -> Void
    ) async throws -> TailEnd {
        let limit = readBackLimit
        let read: TailEnd? = try await withThrowingTaskGroup(of: TailEnd?.self) { group in
            group.addTask { try await tail(configuration, session: session.id, control: control, emit: emit) }
            group.addTask {
                try await Task.sleep(for: limit)
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            return first
        }
        if let read { return read }
        let outcome = StackOperationOutcome(finalStatus: stack.status)
        let result = StackOperationResult(
            stackName: stack.stackName, stackId: stack.stackId, finalStatus: stack.status, statusReason: stack.statusReason,
            outcome: outcome, succeeded: session.kind.isSuccess(outcome), rolledBack: outcome == .rolledBack, outputs: stack.outputs,
            finishedAt: stack.lastUpdatedAt)
        emit(.stackEvent(.operationFinished(result)))
        return .finished(result)
    }
}
