/// Which stack, in which account, region and endpoint: the key of a stack in the cache and of its deploy lock.
public struct StackIdentity: Codable, Sendable, Hashable {
    public var name: String
    public var region: String
    /// The endpoint URL for non-AWS targets (a local moto server); empty for AWS itself.
    public var endpoint: String
    /// The AWS account id when known; empty otherwise.
    public var account: String

    public init(name: String, region: String, endpoint: String = "", account: String = "") {
        self.name = name
        self.region = region
        self.endpoint = endpoint
        self.account = account
    }
}
