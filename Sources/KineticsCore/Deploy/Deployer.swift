import Foundation

/// Takes a template to a running stack through CloudFormation, and deletes stacks: the CloudFormation half of a
/// deploy, written to the cache as it happens.
///
/// A deploy stores the secrets in SSM first, the template documents in S3 when needed, then creates a change set
/// (`CREATE` or `UPDATE` as the stack exists) with a unique token, waits for it, describes it (every page, nested
/// change sets too) into a `ChangeSetDiff`, asks for confirmation, executes it with a ClientRequestToken and tails
/// the stack's events scoped to that token until the stack reaches a terminal status. A stack in
/// `ROLLBACK_COMPLETE` is deleted (after confirmation) and created again. Nothing is written to CloudFormation when
/// the template and artifacts equal the last successful deploy recorded in the cache and the stack is complete.
public struct Deployer: Sendable {
    public var cloudFormation: CloudFormationClient
    public var s3: S3Client
    public var ssm: SSMClient
    /// Where the session's change set, events and functions are written; `nil` records nothing.
    public var cache: LocalCache?
    /// Where stack events are read from (CloudFormation itself unless a test scripts them).
    public var events: any StackEventSource
    public var stacks: any StackStatusSource
    public var policy: PollPolicy
    public var clock: any EventClock
    /// Delay between `DescribeChangeSet` calls while the change set is being created.
    public var changeSetPollInterval: Duration
    /// How long a change set may take to be created.
    public var changeSetTimeout: Duration
    /// How long `attach` reads an operation that is already over back from its events before it takes the stack's
    /// status as the result (when the events of that operation cannot be told apart).
    public var readBackLimit: Duration = .seconds(20)
    /// Makes the ClientRequestToken of each operation (unique; fixed in tests that replay recorded events).
    public var newToken: @Sendable () -> String = { CloudFormationClient.newToken() }

    public init(
        client: AWSClient, cache: LocalCache?, events: (any StackEventSource)? = nil, stacks: (any StackStatusSource)? = nil,
        policy: PollPolicy = .default, clock: any EventClock = SystemEventClock(),
        changeSetPollInterval: Duration = .milliseconds(500), changeSetTimeout: Duration = .seconds(600)
    ) {
        let cloudFormation = CloudFormationClient(client: client)
        self.cloudFormation = cloudFormation
        self.s3 = S3Client(client: client)
        self.ssm = SSMClient(client: client)
        self.cache = cache
        self.events = events ?? cloudFormation
        self.stacks = stacks ?? cloudFormation
        self.policy = policy
        self.clock = clock
        self.changeSetPollInterval = changeSetPollInterval
        self.changeSetTimeout = changeSetTimeout
    }

    /// What to deploy.
    public struct Request: Sendable {
        public var stack: StackIdentity
        public var template: DeployTemplate
        /// SSM parameter name → secret value; kept in memory only.
        public var secrets: [String: String]
        /// The functions of this deploy with their artifacts; their SHA-256s are part of the "nothing changed"
        /// check, and they are recorded as `deployed` when the deploy succeeds.
        public var functions: [SessionFunction]
        /// The plan so far (functions); the change set's lines and the template's digest are added to it.
        public var plan: SessionPlan
        /// `false` for `--no-execute`: create and describe the change set, then stop.
        public var execute: Bool
        /// Skip everything when template and artifacts equal the last successful deploy.
        public var skipWhenUnchanged: Bool

        public init(
            stack: StackIdentity, template: DeployTemplate, secrets: [String: String] = [:], functions: [SessionFunction] = [],
            plan: SessionPlan = SessionPlan(), execute: Bool = true, skipWhenUnchanged: Bool = true
        ) {
            self.stack = stack
            self.template = template
            self.secrets = secrets
            self.functions = functions
            self.plan = plan
            self.execute = execute
            self.skipWhenUnchanged = skipWhenUnchanged
        }

        /// The digest recorded with a successful deploy and compared on the next one.
        public var fingerprint: DeployFingerprint {
            DeployFingerprint(
                template: template.fingerprint,
                artifacts: Dictionary(functions.compactMap { f in f.artifactSha256.map { (f.name, $0) } }, uniquingKeysWith: { a, _ in a }))
        }
    }

    // MARK: - Deploy

    /// Runs a deploy to its end and returns how it ended; every step is also handed to `emit`.
    ///
    /// Throws `DeployError` (the deploy could not start or was refused before anything ran), an `AWSError`, a
    /// `CacheError` or an `EventEngineError`; a failed or rolled back stack operation is an outcome, not an error.
    public func deploy(
        _ request: Request, session: Int64?, control: DeployControl, emit: @escaping @Sendable (DeployEvent) -> Void
    ) async throws -> DeployOutcome {
        let started = ContinuousClock.now
        let stackName = request.template.stackName
        var plan = request.plan
        plan.templateSha256 = request.template.fingerprint
        func outcome(_ status: DeployOutcome.Status, _ message: String, result: StackOperationResult? = nil, diff: ChangeSetDiff? = nil) -> DeployOutcome {
            DeployOutcome(
                status: status, stackName: stackName, kind: .deploy, sessionId: session, finalStatus: result?.finalStatus,
                message: message, rootCause: result?.rootCause, outputs: result?.outputs ?? [], changes: diff?.counts,
                seconds: Self.seconds(since: started), operation: result)
        }

        // MARK: Secrets first (also when nothing else changed: a value may have)
        if !request.secrets.isEmpty {
            var names: [String] = []
            var unchanged: [String] = []
            for (name, value) in request.secrets.sorted(by: { $0.key < $1.key }) {
                // A parameter that already holds the value is not written again: every write is a new version,
                // and SSM keeps at most 100 (a parameter at the limit refuses writes until old ones are deleted).
                // When it cannot be read (missing, or no permission to decrypt), it is written.
                if let current = try? await ssm.getParameter(name: name), current.type == "SecureString", current.value == value {
                    unchanged.append(name)
                    continue
                }
                do {
                    try await ssm.putSecureString(name: name, value: value, overwrite: true)
                } catch {
                    throw DeployError(.secretsFailed, "Could not store the secret parameter \(name) in SSM: \(Self.message(error))", stackName: stackName)
                }
                names.append(name)
            }
            emit(.secretsStored(parameterNames: names, unchanged: unchanged))
        }

        // MARK: Nothing changed?
        if request.skipWhenUnchanged, let cache, let last = try DeployFingerprint.lastDeployed(of: request.stack, in: cache, excluding: session),
           last.fingerprint == request.fingerprint {
            let stack = try await cloudFormation.describeStack(name: stackName)
            if let stack, Self.isSettled(stack.status) {
                if let session { try cache.recordPlan(plan, session: session) }
                let reason = "The template and every artifact equal the last successful deploy (session \(last.session)) and \(stackName) is \(stack.status)."
                emit(.skipped(reason: reason))
                if !stack.outputs.isEmpty { emit(.outputs(stack.outputs)) }
                try recordDeployed(request.functions, session: session)
                var done = outcome(.skipped, "Nothing changed since session \(last.session); \(stackName) is \(stack.status).")
                done.finalStatus = stack.status
                done.outputs = stack.outputs
                return done
            }
        }

        // MARK: Where the stack stands
        var existing = try await cloudFormation.describeStack(name: stackName)
        if let stack = existing, stack.status == "ROLLBACK_COMPLETE" {
            let reason = "\(stackName) is in ROLLBACK_COMPLETE: its first create failed and was rolled back, so it holds nothing "
                + "and cannot be updated. It has to be deleted and created again."
            emit(.stackNeedsRecreation(status: stack.status, reason: reason))
            emit(.awaitingConfirmation(.recreateStack(stackName: stackName, status: stack.status)))
            guard await control.decision() else {
                return outcome(.declined, "Left \(stackName) in ROLLBACK_COMPLETE. Delete it (kinetics-tui destroy) or confirm the re-create to deploy.")
            }
            let deleted = try await deleteAndTail(stackName: stack.stackId, session: session, emit: emit)
            guard deleted.outcome == .deleted else {
                return outcome(.failed, "Could not delete \(stackName) to create it again: \(deleted.finalStatus). \(deleted.rootCause?.displayReason ?? "")", result: deleted)
            }
            existing = nil
        }
        if let stack = existing, StackStatus.isInProgress(stack.status), stack.status != "REVIEW_IN_PROGRESS" {
            throw DeployError(
                .stackBusy,
                "\(stackName) is \(stack.status): another operation is running. Wait for it (kinetics-tui events \(stackName) --follow) and deploy again.",
                stackName: stackName)
        }
        if let stack = existing, ["ROLLBACK_FAILED", "DELETE_FAILED", "UPDATE_ROLLBACK_FAILED"].contains(stack.status) {
            throw DeployError(
                .stackBusy,
                "\(stackName) is \(stack.status) and cannot be updated. Fix what the stack's events name (kinetics-tui events \(stackName)), "
                    + (stack.status == "UPDATE_ROLLBACK_FAILED" ? "continue the rollback in the AWS console, " : "delete the stack, ")
                    + "then deploy again.",
                stackName: stackName)
        }
        let changeSetType = existing == nil || existing?.status == "REVIEW_IN_PROGRESS" ? "CREATE" : "UPDATE"

        // MARK: Template documents
        let templateSource = try await storeTemplate(request.template)
        if case .url(let url) = templateSource {
            emit(.templateReady(sha256: request.template.root.sha256, bytes: request.template.root.body.utf8.count, s3URL: url))
        } else {
            emit(.templateReady(sha256: request.template.root.sha256, bytes: request.template.root.body.utf8.count, s3URL: nil))
        }

        // MARK: Change set
        do {
            _ = try await cloudFormation.validateTemplate(templateSource)
        } catch let error as AWSError where error.httpStatus == 400 {
            if let session { try cache?.recordPlan(plan, session: session) }
            return outcome(.failed, "The template of \(stackName) is not valid: \(Self.message(error))")
        }
        let changeSetName = Self.changeSetName()
        emit(.changeSetCreating(name: changeSetName, changeSetType: changeSetType))
        let created: (changeSetId: String, stackId: String)
        do {
            created = try await cloudFormation.createChangeSet(CloudFormationClient.ChangeSetInput(
                stackName: stackName, changeSetName: changeSetName, changeSetType: changeSetType, template: templateSource,
                parameters: request.template.parameters, capabilities: request.template.capabilities, tags: request.template.tags,
                description: "kinetics-tui deploy", includeNestedStacks: request.template.hasNestedStacks))
        } catch let error as AWSError where error.httpStatus == 400 && changeSetType == "UPDATE" && CloudFormationClient.isNoUpdates(error) {
            // Some endpoints (moto) refuse an update change set that changes nothing instead of creating an empty one.
            let diff = ChangeSetDiff(stackName: stackName, changeSetId: changeSetName, changeSetName: changeSetName,
                                     changeSetType: changeSetType, entries: [], statusReason: Self.message(error))
            emit(.changeSetReady(diff))
            if let session { try cache?.recordPlan(plan, session: session) }
            try recordDeployed(request.functions, session: session)
            return outcome(.noChanges, "No changes: \(stackName) already matches the template.", diff: diff)
        } catch let error as AWSError where error.httpStatus == 400 {
            if let session { try cache?.recordPlan(plan, session: session) }
            return outcome(.failed, "CloudFormation refused the change set for \(stackName): \(Self.message(error))")
        }
        let changeSetId = created.changeSetId.isEmpty ? changeSetName : created.changeSetId
        let described: ChangeSet
        switch try await waitForChangeSet(changeSetId, stackName: stackName, control: control) {
        case .ready(let changeSet):
            described = changeSet
        case .empty(let reason):
            try? await cloudFormation.deleteChangeSet(name: changeSetId, stackName: stackName)
            let diff = ChangeSetDiff(stackName: stackName, changeSetId: changeSetId, changeSetName: changeSetName,
                                     changeSetType: changeSetType, entries: [], statusReason: reason)
            emit(.changeSetReady(diff))
            if let session { try cache?.recordPlan(plan, session: session) }
            try recordDeployed(request.functions, session: session)
            return outcome(.noChanges, "No changes: \(stackName) already matches the template.", diff: diff)
        case .failed(let reason):
            if let session { try cache?.recordPlan(plan, session: session) }
            return outcome(.failed, "CloudFormation could not create the change set for \(stackName): \(TextSanitizer.sanitize(reason))")
        case .interrupted:
            try? await cloudFormation.deleteChangeSet(name: changeSetId, stackName: stackName)
            return outcome(.cancelled, "Stopped before the change set was executed; \(stackName) is unchanged.")
        }
        let diff = try await self.diff(described, stackName: stackName, changeSetType: changeSetType)
        plan.changes = diff.planChanges
        if let session { try cache?.recordPlan(plan, session: session) }
        emit(.changeSetReady(diff))

        guard request.execute else {
            return outcome(.notExecuted, "Change set \(changeSetName) of \(stackName) is ready and was not executed (--no-execute).", diff: diff)
        }
        emit(.awaitingConfirmation(.changeSet(diff)))
        guard await control.decision() else {
            try? await cloudFormation.deleteChangeSet(name: changeSetId, stackName: stackName)
            if control.interruption == .detach || control.interruption == .cancel {
                return outcome(.cancelled, "Stopped before the change set was executed; \(stackName) is unchanged.", diff: diff)
            }
            return outcome(.declined, "Not deployed: the change set was declined; \(stackName) is unchanged.", diff: diff)
        }

        // MARK: Execute and tail
        let token = newToken()
        if let session { try cache?.recordChangeSet(session: session, id: changeSetId, size: diff.rootChangeCount, clientRequestToken: token) }
        emit(.executing(changeSetId: changeSetId, clientRequestToken: token, changeCount: diff.rootChangeCount))
        do {
            try await cloudFormation.executeChangeSet(name: changeSetId, stackName: stackName, clientRequestToken: token)
        } catch let error as AWSError where error.httpStatus.map({ (400..<500).contains($0) }) ?? false {
            return outcome(.failed, "CloudFormation could not execute the change set for \(stackName): \(Self.message(error))", diff: diff)
        }
        let configuration = StackEventEngine.Configuration(
            stackName: created.stackId.isEmpty ? stackName : created.stackId,
            scope: .clientRequestToken(token, notBefore: described.creationTime), kind: .deploy,
            changeSetSize: diff.rootChangeCount, policy: policy)
        switch try await tail(configuration, session: session, control: control, emit: emit) {
        case .finished(let result):
            return try finish(result, request: request, session: session, diff: diff, started: started, emit: emit)
        case .interrupted(.detach):
            return outcome(.detached, Self.detachMessage(stackName, session: session), diff: diff)
        case .interrupted(.cancel):
            let result = try await cancel(stackName: stackName, stackId: created.stackId, creating: changeSetType == "CREATE",
                                          token: token, notBefore: described.creationTime, changeSetSize: diff.rootChangeCount,
                                          session: session, emit: emit)
            var done = outcome(.cancelled, "Cancelled: \(stackName) is \(result?.finalStatus ?? "being rolled back").", result: result, diff: diff)
            done.rootCause = nil
            return done
        }
    }

    private func finish(
        _ result: StackOperationResult, request: Request, session: Int64?, diff: ChangeSetDiff, started: ContinuousClock.Instant,
        emit: @Sendable (DeployEvent) -> Void
    ) throws -> DeployOutcome {
        let stackName = request.template.stackName
        if !result.outputs.isEmpty { emit(.outputs(result.outputs)) }
        let status: DeployOutcome.Status
        let message: String
        if result.succeeded {
            status = .succeeded
            message = "\(stackName) is \(result.finalStatus)."
            try recordDeployed(request.functions, session: session)
        } else {
            status = result.outcome == .rolledBack || result.rolledBack ? .rolledBack : .failed
            let cause = result.rootCause.map { " Root cause: \($0.displayName) \($0.status): \($0.displayReason)" } ?? ""
            message = "\(stackName) ended \(result.finalStatus).\(cause)"
        }
        return DeployOutcome(
            status: status, stackName: stackName, kind: .deploy, sessionId: session, finalStatus: result.finalStatus, message: message,
            rootCause: result.rootCause, outputs: result.outputs, changes: diff.counts, seconds: Self.seconds(since: started),
            operation: result)
    }

    func recordDeployed(_ functions: [SessionFunction], session: Int64?) throws {
        guard let cache, let session else { return }
        for var function in functions where function.status != .failed {
            function.status = .deployed
            try cache.recordFunction(function, session: session)
        }
    }

    // MARK: - Destroy

    /// Deletes a stack after confirmation and tails it to `DELETE_COMPLETE`.
    public func destroy(
        stackName: String, session: Int64?, control: DeployControl, emit: @escaping @Sendable (DeployEvent) -> Void
    ) async throws -> DeployOutcome {
        let started = ContinuousClock.now
        guard let stack = try await cloudFormation.describeStack(name: stackName) else {
            return DeployOutcome(status: .noChanges, stackName: stackName, kind: .destroy, sessionId: session,
                                 message: "There is no stack named \(stackName): nothing to delete.", seconds: Self.seconds(since: started))
        }
        if StackStatus.isInProgress(stack.status) && stack.status != "REVIEW_IN_PROGRESS" {
            throw DeployError(.stackBusy, "\(stackName) is \(stack.status); wait for that operation to end and run destroy again.", stackName: stackName)
        }
        emit(.awaitingConfirmation(.deleteStack(stackName: stackName)))
        guard await control.decision() else {
            return DeployOutcome(status: .declined, stackName: stackName, kind: .destroy, sessionId: session,
                                 message: "Not deleted: \(stackName) is unchanged.", seconds: Self.seconds(since: started))
        }
        let token = newToken()
        if let session { try cache?.recordChangeSet(session: session, id: nil, size: 0, clientRequestToken: token) }
        emit(.executing(changeSetId: nil, clientRequestToken: token, changeCount: nil))
        let notBefore = clock.now().addingTimeInterval(-5)
        try await cloudFormation.deleteStack(name: stack.stackId, clientRequestToken: token)
        let configuration = StackEventEngine.Configuration(
            stackName: stack.stackId, scope: .clientRequestToken(token, notBefore: notBefore), kind: .destroy, policy: policy)
        switch try await tail(configuration, session: session, control: control, emit: emit) {
        case .finished(let result):
            let done = result.outcome == .deleted
            return DeployOutcome(
                status: done ? .succeeded : .failed, stackName: stackName, kind: .destroy, sessionId: session, finalStatus: result.finalStatus,
                message: done ? "\(stackName) is deleted." : "\(stackName) ended \(result.finalStatus): \(result.rootCause?.displayReason ?? "see its events")",
                rootCause: result.rootCause, seconds: Self.seconds(since: started), operation: result)
        case .interrupted:
            return DeployOutcome(status: .detached, stackName: stackName, kind: .destroy, sessionId: session,
                                 message: Self.detachMessage(stackName, session: session), seconds: Self.seconds(since: started))
        }
    }

    // MARK: - Re-attach

    /// Tails the operation of a session a dead process left behind, if it still runs, and finishes the session
    /// with its result. Returns `nil` when the operation is no longer running (the session stays `interrupted`).
    public func reattach(
        _ interrupted: InterruptedSession, control: DeployControl, emit: @escaping @Sendable (DeployEvent) -> Void
    ) async throws -> StackOperationResult? {
        guard try await isRunning(interrupted) else {
            emit(.interruptedSessionFound(interrupted, reattaching: false))
            return nil
        }
        emit(.interruptedSessionFound(interrupted, reattaching: true))
        var configuration = interrupted.tailConfiguration
        configuration.policy = policy
        switch try await tail(configuration, session: interrupted.id, control: control, emit: emit) {
        case .finished(let result):
            // The session's functions went out with a deploy that succeeded: recorded as deployed, so that the
            // next deploy can be skipped when nothing changed since.
            if interrupted.kind == .deploy, result.succeeded, let detail = try cache?.session(interrupted.id, eventLimit: 0) {
                try recordDeployed(detail.functions, session: interrupted.id)
            }
            try cache?.finishSession(
                interrupted.id, outcome: SessionOutcome(result, kind: interrupted.kind), result: result,
                message: "Re-attached after the process that started it ended; \(result.finalStatus).")
            return result
        case .interrupted:
            return nil
        }
    }

    /// Whether the stack operation of an interrupted session still runs.
    public func isRunning(_ interrupted: InterruptedSession) async throws -> Bool {
        guard let stack = try await stacks.describeStack(stackName: interrupted.stackArn ?? interrupted.stack.name) else { return false }
        return StackStatus.isInProgress(stack.status) && stack.status != "REVIEW_IN_PROGRESS"
    }

    // MARK: - Steps

    enum ChangeSetWait {
        case ready(ChangeSet)
        case empty(reason: String?)
        case failed(reason: String)
        case interrupted
    }

    /// Polls `DescribeChangeSet` until the change set is created (or refused).
    func waitForChangeSet(_ id: String, stackName: String, control: DeployControl) async throws -> ChangeSetWait {
        let deadline = clock.now().addingTimeInterval(Self.seconds(changeSetTimeout))
        var delay = changeSetPollInterval
        while true {
            if control.interruption != nil { return .interrupted }
            let changeSet = try await cloudFormation.describeChangeSet(name: id, stackName: stackName)
            switch changeSet.status {
            case "CREATE_COMPLETE":
                return .ready(changeSet)
            case "FAILED":
                if changeSet.isEmpty { return .empty(reason: changeSet.statusReason) }
                return .failed(reason: changeSet.statusReason ?? "no reason given")
            case "DELETE_COMPLETE", "DELETE_FAILED", "DELETE_IN_PROGRESS", "DELETE_PENDING":
                return .failed(reason: "the change set was deleted while it was being created")
            default:
                guard clock.now() < deadline else {
                    return .failed(reason: "it was still \(changeSet.status) after \(Int(Self.seconds(changeSetTimeout))) s")
                }
                try await clock.sleep(for: delay)
                delay = min(delay * 2, .seconds(3))
            }
        }
    }

    /// The diff of a described change set (all pages), nested change sets included.
    func diff(_ first: ChangeSet, stackName: String, changeSetType: String) async throws -> ChangeSetDiff {
        var changeSet = first
        while let token = changeSet.nextToken {
            let next = try await cloudFormation.describeChangeSet(name: first.changeSetId, stackName: stackName, nextToken: token)
            changeSet.changes += next.changes
            changeSet.nextToken = next.nextToken
        }
        var nested: [String: ChangeSetDiff] = [:]
        for change in changeSet.changes {
            guard let id = change.changeSetId, !id.isEmpty else { continue }
            let inner = try await cloudFormation.describeChangeSetAllPages(name: id)
            nested[id] = try await diff(inner, stackName: inner.stackName ?? change.logicalResourceId, changeSetType: changeSetType)
        }
        return ChangeSetDiff(changeSet: changeSet, stackName: stackName, changeSetType: changeSetType, nested: nested)
    }

    /// Stores the template documents that need S3 and says how CloudFormation gets the root.
    func storeTemplate(_ template: DeployTemplate) async throws -> TemplateSource {
        var documents = template.documentsToUpload
        if template.root.needsS3Upload && !documents.contains(where: { $0.s3Key == template.root.s3Key }) {
            documents.append(template.root)
        }
        guard !documents.isEmpty else { return .body(template.root.body) }
        guard let bucket = template.bucket else {
            throw DeployError(
                .templateUploadFailed,
                "The template of \(template.stackName) has to be stored in S3 but no template bucket is known; deploy again so that the artifact bucket is set up.",
                stackName: template.stackName)
        }
        for document in documents {
            do {
                if try await s3.headObject(bucket: bucket, key: document.s3Key) == nil {
                    try await s3.putObject(bucket: bucket, key: document.s3Key, body: .data(Data(document.body.utf8)), contentType: "application/json")
                }
            } catch {
                throw DeployError(
                    .templateUploadFailed, "Could not store the template in s3://\(bucket)/\(document.s3Key): \(Self.message(error))",
                    stackName: template.stackName)
            }
        }
        guard template.root.needsS3Upload else { return .body(template.root.body) }
        return .url(template.rootTemplateURL ?? s3.request(method: "GET", bucket: bucket, key: template.root.s3Key).urlString)
    }

    enum TailEnd {
        case finished(StackOperationResult)
        case interrupted(DeployControl.Interruption)
    }

    /// Tails one operation, recording its events, until it ends or the user interrupts.
    func tail(
        _ configuration: StackEventEngine.Configuration, session: Int64?, control: DeployControl,
        emit: @escaping @Sendable (DeployEvent) -> Void
    ) async throws -> TailEnd {
        let tailer = StackEventTailer(events: events, stacks: stacks, clock: clock)
        let cache = self.cache
        return try await withThrowingTaskGroup(of: TailEnd?.self) { group in
            group.addTask {
                var recordError: (any Error)?
                let result = try await tailer.run(configuration) { update in
                    if case .events(let list) = update, let cache, let session, recordError == nil {
                        do { try cache.appendEvents(list, session: session) } catch { recordError = error }
                    }
                    emit(.stackEvent(update))
                }
                if let recordError { throw recordError }
                guard let result else {
                    throw DeployError(.stackBusy, "The tail of \(configuration.stackName) ended without a final status.")
                }
                return .finished(result)
            }
            group.addTask {
                await control.nextInterruption().map { .interrupted($0) }
            }
            while let next = try await group.next() {
                if let end = next {
                    group.cancelAll()
                    return end
                }
            }
            throw CancellationError()
        }
    }

    /// Stops a running operation: `CancelUpdateStack` for an update, `DeleteStack` for a stack being created; then
    /// tails what CloudFormation does about it.
    func cancel(
        stackName: String, stackId: String, creating: Bool, token: String, notBefore: Date?, changeSetSize: Int, session: Int64?,
        emit: @escaping @Sendable (DeployEvent) -> Void
    ) async throws -> StackOperationResult? {
        let target = stackId.isEmpty ? stackName : stackId
        let configuration: StackEventEngine.Configuration
        if creating {
            let deleteToken = newToken()
            emit(.cancelling(action: "DeleteStack"))
            try await cloudFormation.deleteStack(name: target, clientRequestToken: deleteToken)
            configuration = StackEventEngine.Configuration(
                stackName: target, scope: .clientRequestToken(deleteToken, notBefore: clock.now().addingTimeInterval(-5)), kind: .destroy,
                policy: policy)
        } else {
            emit(.cancelling(action: "CancelUpdateStack"))
            do {
                try await cloudFormation.cancelUpdateStack(name: target)
            } catch let error as AWSError where error.httpStatus == 400 {
                emit(.stackEvent(.retrying(attempt: 1, retryIn: .zero, message: "CancelUpdateStack: \(Self.message(error))")))
            }
            configuration = StackEventEngine.Configuration(
                stackName: target, scope: .clientRequestToken(token, notBefore: notBefore), kind: .deploy, changeSetSize: changeSetSize,
                policy: policy)
        }
        let end = try await tail(configuration, session: session, control: DeployControl(), emit: emit)
        if case .finished(let result) = end { return result }
        return nil
    }

    /// Deletes a stack (one left in `ROLLBACK_COMPLETE`) and waits for it to be gone.
    func deleteAndTail(stackName: String, session: Int64?, emit: @escaping @Sendable (DeployEvent) -> Void) async throws -> StackOperationResult {
        let token = newToken()
        let notBefore = clock.now().addingTimeInterval(-5)
        try await cloudFormation.deleteStack(name: stackName, clientRequestToken: token)
        let configuration = StackEventEngine.Configuration(
            stackName: stackName, scope: .clientRequestToken(token, notBefore: notBefore), kind: .destroy, policy: policy)
        guard case .finished(let result) = try await tail(configuration, session: session, control: DeployControl(), emit: emit) else {
            throw CancellationError()
        }
        return result
    }

    // MARK: - Helpers

    /// A stack status a deploy can be skipped in: complete, not rolled back, nothing running.
    static func isSettled(_ status: String) -> Bool {
        ["CREATE_COMPLETE", "UPDATE_COMPLETE", "IMPORT_COMPLETE"].contains(status)
    }

    static func changeSetName() -> String {
        "kinetics-\(Int(Date().timeIntervalSince1970))-\(UUID().uuidString.prefix(8).lowercased())"
    }

    static func detachMessage(_ stackName: String, session: Int64? = nil) -> String {
        "Detached: the operation on \(stackName) goes on in CloudFormation. Follow it with `kinetics-tui events \(stackName) --follow`"
            + (session.map { ", or `kinetics-tui attach \($0)` to follow it and record how it ends." } ?? ".")
    }

    static func message(_ error: any Error) -> String {
        if let error = error as? AWSError { return TextSanitizer.sanitize(error.serviceMessage ?? error.summary) }
        return TextSanitizer.sanitize(String(describing: error))
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double { seconds(ContinuousClock.now - start) }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
