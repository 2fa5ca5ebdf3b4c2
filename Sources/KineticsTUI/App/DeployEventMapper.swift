import Foundation
import KineticsCore

/// Turns the deploy pipeline's ``DeployEvent`` stream into the console's ``DeployUpdate``s.
///
/// Pure and stateful: it remembers each function's row (so a byte count keeps the artifact's hash), which
/// functions cargo is building (so unit progress moves all of them), the outputs (so the result carries them)
/// and whether the root cause was sent. One mapper per deploy.
struct DeployEventMapper: Sendable {
    let kind: DeployKind
    /// Whether the stream re-attaches to a session's operation (``DeployPipeline/attach(_:control:)``): its first
    /// event, the session found, starts the screen at the executing stage.
    let attaching: Bool
    private(set) var stackName: String?
    private var functions: [String]?
    private var startedSent = false
    private var rows: [String: FunctionProgressRow] = [:]
    private var building: [String] = []
    private var lastBuildPercent = -1
    private var outputs: [StackOutput] = []
    private var rootCauseSent: RootCause?

    init(kind: DeployKind, attaching: Bool = false) {
        self.kind = kind
        self.attaching = attaching
    }

    mutating func map(_ event: DeployEvent, now: Date) -> [DeployUpdate] {
        switch event {
        case .sessionStarted(let info):
            stackName = info.stack.name
            if kind == .destroy, functions == nil { functions = [] }
            return started(now)
        case .discovered(_, let names):
            if functions == nil { functions = names }
            return started(now)
        case .planned(let plan):
            stackName = stackName ?? plan.stackName
            functions = plan.functions.map(\.name)
            var updates = started(now)
            for function in plan.functions {
                let stage: FunctionProgressRow.Stage = function.action == "skip" ? .skippedUnchanged : .queued
                updates += set(function.name, stage)
            }
            return updates
        case .artifact(let artifact):
            return map(artifact)
        case .upload(let upload):
            return map(upload)
        case .awaitingConfirmation(let question):
            switch question {
            case .changeSet(let diff):
                return [.changeSet(Self.rows(diff))]
            case .recreateStack(let name, _):
                return [.changeSet([ChangeRow(action: .remove, logicalId: name, resourceType: "AWS::CloudFormation::Stack")])]
            case .deleteStack:
                return []
            }
        case .executing:
            return [.executing]
        case .stackEvent(let update):
            switch update {
            case .events(let tracked):
                return tracked.isEmpty ? [] : [.events(tracked.map(\.event))]
            case .rootCause(let cause):
                return rootCause(cause)
            case .operationFinished(let result):
                if !result.outputs.isEmpty { outputs = result.outputs }
                if let cause = result.rootCause { return rootCause(cause) }
                return []
            case .progress(let progress):
                return [.progress(completed: progress.completed, total: progress.total)]
            case .operationStarted, .nestedStackFollowed, .resources, .rollbackStarted, .throttled, .retrying:
                return []
            }
        case .outputs(let list):
            outputs = list
            return []
        case .finished(let outcome):
            var updates: [DeployUpdate] = []
            if let cause = outcome.rootCause { updates += rootCause(cause) }
            // Functions still moving when the deploy ended did not get there.
            for (name, row) in rows.sorted(by: { $0.key < $1.key }) where !row.stage.isFinished {
                updates += set(name, outcome.succeeded ? .done : .failed("stopped: \(outcome.status.rawValue.replacingOccurrences(of: "_", with: " "))"))
            }
            let list = outcome.outputs.isEmpty ? outputs : outcome.outputs
            updates.append(.finished(DeployResult(
                outcome: Self.outcome(outcome.status), message: outcome.message,
                outputs: list.map { OutputRow(key: $0.key, value: $0.value, description: $0.description) }, at: now)))
            return updates
        case .interruptedSessionFound(let session, _) where attaching:
            stackName = session.stack.name
            if functions == nil { functions = [] }
            return started(now) + [.executing]
        case .interruptedSessionFound, .secretsStored, .templateReady, .skipped, .stackNeedsRecreation, .changeSetCreating,
             .changeSetReady, .cancelling:
            return []
        }
    }

    /// The end of a stream that threw instead of finishing.
    mutating func failed(_ error: any Error, now: Date) -> [DeployUpdate] {
        var updates: [DeployUpdate] = []
        for (name, row) in rows.sorted(by: { $0.key < $1.key }) where !row.stage.isFinished {
            updates += set(name, .failed("stopped"))
        }
        updates.append(.finished(DeployResult(outcome: .failed, message: String(describing: error), at: now)))
        return updates
    }

    /// The end of a deploy the user cancelled before CloudFormation was involved.
    mutating func cancelled(now: Date) -> [DeployUpdate] {
        var updates: [DeployUpdate] = []
        for (name, row) in rows.sorted(by: { $0.key < $1.key }) where !row.stage.isFinished {
            updates += set(name, .failed("cancelled"))
        }
        updates.append(.finished(DeployResult(outcome: .cancelled, message: "Cancelled before anything was deployed.", at: now)))
        return updates
    }

    // MARK: - Build and upload

    private mutating func map(_ event: ArtifactEvent) -> [DeployUpdate] {
        switch event {
        case .functionUnchanged(let artifact, _):
            return set(artifact.functionName, .skippedUnchanged, artifact: artifact)
        case .functionQueued(let name, _, _):
            return set(name, .queued)
        case .cargoStarted(_, let names, let planned):
            building = names
            lastBuildPercent = -1
            return names.flatMap { set($0, .building(fraction: planned == nil ? nil : 0)) }
        case .unitCompiled(let progress):
            guard let planned = progress.planned, planned > 0 else { return [] }
            let fraction = min(1, Double(progress.compiled) / Double(planned))
            let percent = Int(fraction * 100)
            guard percent != lastBuildPercent else { return [] }
            lastBuildPercent = percent
            return building.filter { rows[$0].map { if case .building = $0.stage { true } else { false } } ?? true }
                .flatMap { set($0, .building(fraction: fraction)) }
        case .functionBuilt(let name, _, _):
            return set(name, .packaging)
        case .packaged(let artifact, _):
            return set(artifact.functionName, .packaging, artifact: artifact)
        case .functionFailed(let name, let diagnostics):
            let message = diagnostics.first(where: { $0.severity == .error })?.message ?? diagnostics.first?.message ?? "the build failed"
            return set(name, .failed(message))
        case .stageStarted, .stageFinished, .compilerDiagnostic, .finished:
            return []
        }
    }

    private mutating func map(_ event: UploadEvent) -> [DeployUpdate] {
        switch event {
        case .artifact(let artifact):
            return map(artifact)
        case .alreadyUploaded(let artifact):
            let skipped = rows[artifact.functionName]?.stage == .skippedUnchanged
            return set(artifact.functionName, skipped ? .skippedUnchanged : .done, artifact: artifact)
        case .uploadStarted(let artifact, _, _):
            return set(artifact.functionName, .uploading(sent: 0, total: artifact.size, bytesPerSecond: nil), artifact: artifact)
        case .bytesSent(let progress):
            return set(progress.function, .uploading(sent: progress.bytesSent, total: progress.totalBytes, bytesPerSecond: progress.bytesPerSecond))
        case .uploaded(let artifact, _):
            return set(artifact.functionName, .done, artifact: artifact)
        case .uploadFailed(let name, let message):
            return set(name, .failed(message))
        case .bootstrap, .bucketReady, .multipartStarted, .resumeAbandoned, .finished:
            return []
        }
    }

    // MARK: - Helpers

    private mutating func started(_ now: Date) -> [DeployUpdate] {
        guard !startedSent, let stackName, let functions else { return [] }
        startedSent = true
        return [.started(stackName: stackName, kind: kind, functions: functions, at: now)]
    }

    private mutating func set(_ name: String, _ stage: FunctionProgressRow.Stage, artifact: PackagedArtifact? = nil) -> [DeployUpdate] {
        var row = rows[name] ?? FunctionProgressRow(name: name, stage: stage)
        row.stage = stage
        if let artifact {
            row.artifactHash = artifact.sha256
            row.artifactBytes = artifact.size
        }
        guard rows[name] != row else { return [] }
        rows[name] = row
        return [.function(row)]
    }

    private mutating func rootCause(_ cause: RootCause) -> [DeployUpdate] {
        guard rootCauseSent != cause else { return [] }
        rootCauseSent = cause
        return [.rootCause(CacheRecords.rootCause(cause))]
    }

    static func outcome(_ status: DeployOutcome.Status) -> DeployResult.Outcome {
        switch status {
        case .succeeded: return .succeeded
        case .noChanges, .skipped: return .noChanges
        case .notExecuted, .declined, .cancelled, .detached: return .cancelled
        case .failed, .rolledBack: return .failed
        }
    }

    /// The change set's lines, nested stacks' changes after their stack's line with the nested stack's id in front.
    static func rows(_ diff: ChangeSetDiff, prefix: String = "") -> [ChangeRow] {
        diff.entries.flatMap { entry -> [ChangeRow] in
            let action: ChangeRow.Action
            switch entry.action {
            case .add: action = .add
            case .modify: action = .modify
            case .remove: action = .remove
            case .import: action = .import
            case .dynamic: action = .dynamic
            }
            let replacement: ChangeRow.Replacement?
            switch entry.replacement {
            case .always: replacement = .yes
            case .conditional: replacement = .conditional
            case .never: replacement = .no
            case nil: replacement = nil
            }
            let row = ChangeRow(action: action, logicalId: prefix + entry.logicalResourceId, resourceType: entry.resourceType, replacement: replacement)
            return [row] + entry.nested.flatMap { rows($0, prefix: prefix + entry.logicalResourceId + "/") }
        }
    }
}
