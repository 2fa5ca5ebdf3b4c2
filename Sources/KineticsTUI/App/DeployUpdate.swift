import Foundation
import KineticsCore

/// What the deploy pipeline reports to the console, one value per change, in order.
///
/// The pipeline's own progress events map onto these one to one; the console never asks the pipeline for
/// anything, it only listens.
enum DeployUpdate: Hashable, Sendable {
    /// Planning is done: the stack and the functions of this deploy (or destroy) are known.
    case started(stackName: String, kind: DeployKind, functions: [String], at: Date)
    /// One function moved to another stage.
    case function(FunctionProgressRow)
    /// The change set is ready for confirmation.
    case changeSet([ChangeRow])
    /// The change set is being executed (confirmed here, or with `--yes`).
    case executing
    /// New stack events, oldest first (duplicates by event id are ignored).
    case events([StackEvent])
    /// The event engine's count of resources done (of the change set's, when known).
    case progress(completed: Int, total: Int?)
    case rootCause(RootCauseInfo)
    case finished(DeployResult)
}
