/// What a deploy session set out to do, as recorded in the cache.
///
/// It holds names, hashes and change set lines only: no environment values and no secret values can be put
/// in it, so none can reach the cache.
public struct SessionPlan: Codable, Sendable, Hashable {
    public struct Function: Codable, Sendable, Hashable {
        public var name: String
        /// `endpoint`, `worker` or `cron`.
        public var role: String?
        /// `build`, `upload` or `skip`.
        public var action: String
        /// Why, e.g. "sources changed", "unchanged since the last deploy".
        public var reason: String?
        public var inputHash: String?

        public init(name: String, role: String? = nil, action: String, reason: String? = nil, inputHash: String? = nil) {
            self.name = name
            self.role = role
            self.action = action
            self.reason = reason
            self.inputHash = inputHash
        }
    }

    /// One line of the change set.
    public struct Change: Codable, Sendable, Hashable {
        /// `Add`, `Modify`, `Remove`, `Import`, `Dynamic`.
        public var action: String
        public var logicalResourceId: String
        public var resourceType: String
        /// `True`, `False` or `Conditional` for modifications.
        public var replacement: String?

        public init(action: String, logicalResourceId: String, resourceType: String, replacement: String? = nil) {
            self.action = action
            self.logicalResourceId = logicalResourceId
            self.resourceType = resourceType
            self.replacement = replacement
        }
    }

    public var functions: [Function]
    public var changes: [Change]
    public var templateSha256: String?

    public init(functions: [Function] = [], changes: [Change] = [], templateSha256: String? = nil) {
        self.functions = functions
        self.changes = changes
        self.templateSha256 = templateSha256
    }
}
