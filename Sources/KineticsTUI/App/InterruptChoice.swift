/// The choices of the interrupt dialog, which depend on whether CloudFormation is already working.
enum InterruptChoice: Hashable, Sendable {
    /// Leave the console; CloudFormation carries on and the next start re-attaches.
    case detach
    /// Ask CloudFormation to cancel the update (or delete a stack still being created).
    case cancelUpdate
    /// Stop the local work (build, upload) before anything reached CloudFormation.
    case cancelDeploy
    case keepWatching

    static func choices(for phase: DeployPhase) -> [InterruptChoice] {
        phase == .executing ? [.detach, .cancelUpdate, .keepWatching] : [.cancelDeploy, .keepWatching]
    }

    var key: String {
        switch self {
        case .detach: return "d"
        case .cancelUpdate, .cancelDeploy: return "c"
        case .keepWatching: return "k"
        }
    }

    var label: String {
        switch self {
        case .detach: return "Detach"
        case .cancelUpdate: return "Cancel update"
        case .cancelDeploy: return "Cancel deploy"
        case .keepWatching: return "Keep watching"
        }
    }
}
