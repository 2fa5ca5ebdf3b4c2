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
    var outputs: [OutputRow]
    /// Logical id → resource type of every resource in the template deployed.
    var templateResources: [String: String]

    init(
        session: SessionRow,
        changeSet: [ChangeRow] = [],
        functions: [FunctionProgressRow] = [],
        events: [StackEvent] = [],
        rootCause: RootCauseInfo? = nil,
        outputs: [OutputRow] = [],
        templateResources: [String: String] = [:]
    ) {
        self.session = session
        self.changeSet = changeSet
        self.functions = functions
        self.events = events
        self.rootCause = rootCause
        self.outputs = outputs
        self.templateResources = templateResources
    }
}
