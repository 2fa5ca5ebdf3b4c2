import Foundation

/// Everything a deploy (or destroy) says while it runs, in order: the one stream the console and the headless
/// printers render. See docs/deploy-events.md.
///
/// Build and upload progress arrive wrapped (`artifact`, `upload`); the CloudFormation part follows as
/// `changeSetCreating` → `changeSetReady` → `awaitingConfirmation` → `executing` → `stackEvent`… → `outputs`
/// → `finished`. `finished` is always the last event of a stream that does not throw.
public enum DeployEvent: Sendable {
    /// The session is recorded and the stack's deploy lock is held.
    case sessionStarted(DeploySessionInfo)
    /// A session that a dead process left running was found; `reattaching` when its operation still runs and
    /// is tailed (its events follow as `stackEvent`) before this deploy goes on.
    case interruptedSessionFound(InterruptedSession, reattaching: Bool)
    /// The project was discovered.
    case discovered(projectName: String, functions: [String])
    /// What will be built, uploaded and deployed.
    case planned(DeployPlan)
    /// A build or package event of the artifact stage (see docs/build-events.md).
    case artifact(ArtifactEvent)
    /// A bucket or upload event of the upload stage (never its `.artifact` case: those arrive as `artifact`).
    case upload(UploadEvent)
    /// The secrets are in SSM Parameter Store as SecureStrings: `parameterNames` were written (new or changed
    /// values), `unchanged` already held the value and were left alone. Parameter names only.
    case secretsStored(parameterNames: [String], unchanged: [String])
    /// The template is ready (and stored in S3 at `s3URL` when it had to be).
    case templateReady(sha256: String, bytes: Int, s3URL: String?)
    /// The template and artifacts equal the stack's last successful deploy and the stack is in a complete state:
    /// nothing is sent to CloudFormation.
    case skipped(reason: String)
    /// The stack is in `ROLLBACK_COMPLETE` (a failed first create) and has to be deleted before it can be created
    /// again; a confirmation follows unless `--yes`.
    case stackNeedsRecreation(status: String, reason: String)
    /// A change set is being created; `changeSetType` is `CREATE` or `UPDATE`.
    case changeSetCreating(name: String, changeSetType: String)
    /// The change set is ready; an empty diff means "no changes" and `finished` follows.
    case changeSetReady(ChangeSetDiff)
    /// The deploy waits for `DeployControl.confirm()` or `decline()`.
    case awaitingConfirmation(DeployConfirmation)
    /// The change set (or the delete) is being executed with this ClientRequestToken.
    case executing(changeSetId: String?, clientRequestToken: String, changeCount: Int?)
    /// A live update of the event engine: events, resources, progress n/m, rollback, root cause, final status.
    case stackEvent(StackEventUpdate)
    /// A cancel was requested and sent (`CancelUpdateStack`, or `DeleteStack` of a stack still being created).
    case cancelling(action: String)
    /// The stack's outputs after the operation.
    case outputs([StackOutput])
    /// The last event.
    case finished(DeployOutcome)
}

/// The session a deploy stream runs in.
public struct DeploySessionInfo: Codable, Sendable, Hashable {
    /// The cache's session id; `nil` when running without a cache.
    public var sessionId: Int64?
    public var stack: StackIdentity
    public var env: String
    public var kind: StackOperationKind

    public init(sessionId: Int64?, stack: StackIdentity, env: String, kind: StackOperationKind) {
        self.sessionId = sessionId
        self.stack = stack
        self.env = env
        self.kind = kind
    }
}

/// What the user is asked to confirm.
public enum DeployConfirmation: Sendable, Hashable {
    /// Execute this change set.
    case changeSet(ChangeSetDiff)
    /// Delete a stack left in `ROLLBACK_COMPLETE` so that it can be created again.
    case recreateStack(stackName: String, status: String)
    /// Delete the stack (`destroy`).
    case deleteStack(stackName: String)

    /// The question, display-safe.
    public var question: String {
        switch self {
        case .changeSet(let diff): "Execute the change set for \(TextSanitizer.sanitize(diff.stackName))?"
        case .recreateStack(let name, let status):
            "Delete \(TextSanitizer.sanitize(name)) (\(status), nothing usable in it) and create it again?"
        case .deleteStack(let name): "Delete the stack \(TextSanitizer.sanitize(name)) and every resource in it?"
        }
    }
}
