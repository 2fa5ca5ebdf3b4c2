/// The console's top-level screens, in tab order.
enum Screen: Int, CaseIterable, Hashable, Sendable {
    case project
    case deploy
    case history
    case compare

    var title: String {
        switch self {
        case .project: return "Project"
        case .deploy: return "Deploy"
        case .history: return "History"
        case .compare: return "Compare"
        }
    }

    var next: Screen { Screen(rawValue: (rawValue + 1) % Self.allCases.count)! }
    var previous: Screen { Screen(rawValue: (rawValue + Self.allCases.count - 1) % Self.allCases.count)! }
}
