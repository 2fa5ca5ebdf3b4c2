import KineticsCore

/// Everything recorded about one session, for the session screen and for comparisons.
struct SessionDetailModel: Hashable, Sendable {
    var session: SessionRow
    /// The change set that was shown (and executed, unless the session ended before).
    var changeSet: [ChangeRow]
    /// Per function, its final stage and artifact hash.
    var functions: [FunctionProgressRow]
    /// The stack events of the session, oldest first.
    var events: [StackEvent]
    var rootCause: RootCauseInfo?
    /// Why the session ended as it did when no stack event says it (a build error, a refused change set); raw.
    var message: String?
    var outputs: [OutputRow]
    /// Logical id → resource type of every resource in the template deployed.
    var templateResources: [String: String]

    /// The sentence shown in place of a root cause for a session that failed without one.
    var failureMessage: String? {
        guard rootCause == nil, let message, !message.isEmpty else { return nil }
        switch session.outcome {
        case .failed, .rolledBack, .interrupted, .cancelled: return message
        default: return nil
        }
    }

    init(
        session: SessionRow,
        changeSet: [ChangeRow] = [],
        functions: [FunctionProgressRow] = [],
        events: [StackEvent] = [],
        rootCause: RootCauseInfo? = nil,
        message: String? = nil,
        outputs: [OutputRow] = [],
        templateResources: [String: String] = [:]
    ) {
        self.session = session
        self.changeSet = changeSet
        self.functions = functions
        self.events = events
        self.rootCause = rootCause
        self.message = message
        self.outputs = outputs
        self.templateResources = templateResources
    }
}
