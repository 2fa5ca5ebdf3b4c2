import Foundation

// MARK: - What new events mean

extension StackEventEngine {
    /// Folds the poll's new events, oldest first, into the operation: resource states, progress, rollback,
    /// root cause and the end.
    mutating func apply(_ events: [TrackedStackEvent]) -> [StackEventUpdate] {
        var updates: [StackEventUpdate] = []
        var changed: [String] = []

        for tracked in events {
            let event = tracked.event
            if tracked.isRootStackEvent {
                if operation.finished {
                    guard configuration.follow, StackStatus.isInProgress(event.resourceStatus) else { continue }
                    if !changed.isEmpty { updates.append(.resources(changed.compactMap { operation.resources[$0] })) }
                    changed = []
                    startNewOperation()
                }
                noteStart(of: event, into: &updates)
                applyRoot(tracked, into: &updates)
                continue
            }
            if operation.finished && !configuration.follow { continue }
            noteStart(of: event, into: &updates)
            if event.isStackEvent {
                // A nested stack's own status: its resource in the parent says the same, so only failures count.
                considerFailure(tracked, stackLevel: true)
                if StackStatus.isTerminal(event.resourceStatus), let index = tailByStackId[event.stackId] {
                    tails[index].endedAt = max(tails[index].endedAt ?? event.timestamp, event.timestamp)
                }
                continue
            }
            let key = applyResource(tracked)
            if !changed.contains(key) { changed.append(key) }
            if tracked.stackPath.isEmpty { count(event) }
            if !(operation.inCleanup && event.resourceStatus == "DELETE_FAILED") {
                considerFailure(tracked, stackLevel: event.resourceType == "AWS::CloudFormation::Stack")
            }
        }

        if !changed.isEmpty { updates.append(.resources(changed.compactMap { operation.resources[$0] })) }
        if operation.finished, let status = operation.rootStatus,
            configuration.kind.isSuccess(StackOperationOutcome(finalStatus: status)), let total = operation.progress.total
        {
            operation.progress.completed = total
        }
        if operation.progress != lastProgress {
            lastProgress = operation.progress
            updates.append(.progress(operation.progress))
        }
        if let cause = operation.rootCause, cause != operation.emittedCause {
            operation.emittedCause = cause
            updates.append(.rootCause(cause))
        }
        return updates
    }

    private mutating func noteStart(of event: StackEvent, into updates: inout [StackEventUpdate]) {
        guard operation.startedAt == nil else { return }
        operation.startedAt = event.timestamp
        let root = tails[0]
        updates.append(.operationStarted(
            stackName: rootStackName ?? root.stackName,
            stackId: root.stackId ?? event.stackId,
            at: event.timestamp
        ))
    }

    private mutating func applyRoot(_ tracked: TrackedStackEvent, into updates: inout [StackEventUpdate]) {
        let event = tracked.event
        let status = event.resourceStatus
        rootStackName = event.stackName
        operation.rootStatus = status
        operation.rootReason = event.resourceStatusReason
        if StackStatus.isRollbackStart(status), !operation.rollingBack {
            operation.rollingBack = true
            operation.rollbackReason = event.resourceStatusReason
            updates.append(.rollbackStarted(reason: event.resourceStatusReason, at: event.timestamp))
        }
        operation.inCleanup = StackStatus.isCleanup(status)
        considerFailure(tracked, stackLevel: true)
        if StackStatus.isTerminal(status) {
            operation.finished = true
            operation.finishedAt = event.timestamp
        }
    }

    /// Updates the resource's state and returns its key.
    private mutating func applyResource(_ tracked: TrackedStackEvent) -> String {
        let event = tracked.event
        let key = event.stackId + "|" + event.logicalResourceId
        let phase = ResourceProgress.phase(of: event.resourceStatus)
        var resource = operation.resources[key] ?? ResourceProgress(
            logicalResourceId: event.logicalResourceId,
            resourceType: event.resourceType,
            stackPath: tracked.stackPath,
            stackId: event.stackId,
            status: event.resourceStatus,
            phase: phase
        )
        if operation.resources[key] == nil { operation.resourceOrder.append(key) }
        if phase == .inProgress {
            if resource.phase != .inProgress || resource.startedAt == nil || resource.finishedAt != nil {
                resource.startedAt = event.timestamp
                resource.finishedAt = nil
            }
        } else {
            if resource.startedAt == nil { resource.startedAt = event.timestamp }
            resource.finishedAt = event.timestamp
        }
        resource.phase = phase
        resource.status = event.resourceStatus
        resource.reason = event.resourceStatusReason
        resource.resourceType = event.resourceType
        if let detailed = event.detailedStatus, !detailed.isEmpty { resource.detailedStatus = detailed }
        if let physical = event.physicalResourceId, !physical.isEmpty { resource.physicalResourceId = physical }
        operation.resources[key] = resource
        return key
    }

    /// Progress counts each root-stack resource once when it completes, and takes it back when it completes
    /// again while rolling back; cleanup after an update does not count.
    private mutating func count(_ event: StackEvent) {
        guard StackStatus.isComplete(event.resourceStatus) else { return }
        if operation.rollingBack {
            if operation.counted.remove(event.logicalResourceId) != nil {
                operation.progress.completed = max(0, operation.progress.completed - 1)
            }
        } else if !operation.inCleanup, operation.counted.insert(event.logicalResourceId).inserted {
            operation.progress.completed += 1
            if let total = operation.progress.total {
                operation.progress.completed = min(operation.progress.completed, total)
            }
        }
    }

    /// The root cause is the earliest resource failure whose reason is not noise; stack-level failures stand in
    /// until one is seen.
    private mutating func considerFailure(_ tracked: TrackedStackEvent, stackLevel: Bool) {
        let event = tracked.event
        guard StackStatus.isFailure(event.resourceStatus), !RootCause.isNoise(event.resourceStatusReason ?? "") else {
            return
        }
        let cause = RootCause(tracked: tracked, isStackLevel: stackLevel)
        if stackLevel {
            if operation.stackCause.map({ cause.timestamp < $0.timestamp }) ?? true { operation.stackCause = cause }
        } else {
            if operation.resourceCause.map({ cause.timestamp < $0.timestamp }) ?? true { operation.resourceCause = cause }
        }
    }

    private mutating func startNewOperation() {
        operation = Operation(total: nil)
        lastProgress = nil
        nestedBegin = [:]
        finishedOperationReported = false
        for index in tails.indices where index != 0 { tails[index].active = false }
    }

    func makeResult(_ summary: StackSummary?) -> StackOperationResult {
        let status = operation.rootStatus ?? summary?.status ?? "UNKNOWN"
        let outcome = StackOperationOutcome(finalStatus: status)
        let succeeded = configuration.kind.isSuccess(outcome)
        return StackOperationResult(
            stackName: rootStackName ?? summary?.stackName ?? configuration.stackName,
            stackId: rootStackId ?? summary?.stackId,
            finalStatus: status,
            statusReason: operation.rootReason ?? summary?.statusReason,
            outcome: outcome,
            succeeded: succeeded,
            rootCause: succeeded ? nil : operation.rootCause,
            rolledBack: operation.rollingBack,
            rollbackReason: operation.rollbackReason,
            outputs: summary?.outputs ?? [],
            startedAt: operation.startedAt,
            finishedAt: operation.finishedAt,
            progress: operation.progress
        )
    }
}
