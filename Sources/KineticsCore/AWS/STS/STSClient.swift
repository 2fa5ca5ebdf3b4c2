/// AWS Security Token Service, over the Query protocol.
public struct STSClient: Sendable {
    public let client: AWSClient

    public init(client: AWSClient) { self.client = client }

    /// Who the credentials belong to.
    public struct CallerIdentity: Sendable, Hashable {
        public var account: String
        public var arn: String
        public var userId: String
    }

    /// `GetCallerIdentity`: the cheapest way to check that credentials work.
    public func getCallerIdentity() async throws -> CallerIdentity {
        let result = try await client.query(.sts, version: "2011-06-15", action: "GetCallerIdentity", parameters: [], idempotent: true)
        return CallerIdentity(account: result.text("Account") ?? "", arn: result.text("Arn") ?? "", userId: result.text("UserId") ?? "")
    }
}
