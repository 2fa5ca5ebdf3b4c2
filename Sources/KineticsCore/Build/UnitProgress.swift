/// How far cargo has got: `compiled` units reported of `planned`.
public struct UnitProgress: Codable, Sendable, Hashable {
    /// The package of the unit just reported.
    public var crate: String
    /// Its target (library, bin or build script name).
    public var target: String
    /// Whether cargo found it up to date rather than compiling it.
    public var fresh: Bool
    public var compiled: Int
    /// The expected total (see ``UnitEstimate``); never below `compiled`; `nil` when nothing could be estimated.
    public var planned: Int?

    public init(crate: String, target: String, fresh: Bool, compiled: Int, planned: Int?) {
        self.crate = crate
        self.target = target
        self.fresh = fresh
        self.compiled = compiled
        self.planned = planned
    }
}
