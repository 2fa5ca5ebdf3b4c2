/// What the header line shows on every screen.
struct HeaderInfo: Hashable, Sendable {
    /// Where the console deploys to.
    enum Endpoint: Hashable, Sendable {
        /// AWS itself.
        case aws
        /// The embedded local AWS (a moto server the console started), at this URL.
        case local(String)
        /// A custom endpoint (`--endpoint-url`, `AWS_ENDPOINT_URL`).
        case custom(String)
    }

    var projectName: String?
    var env: String
    /// `nil` until the region is resolved.
    var region: String?
    var endpoint: Endpoint
    /// `nil` until STS answered.
    var identity: AWSIdentity?

    init(
        projectName: String? = nil,
        env: String = "dev",
        region: String? = nil,
        endpoint: Endpoint = .aws,
        identity: AWSIdentity? = nil
    ) {
        self.projectName = projectName
        self.env = env
        self.region = region
        self.endpoint = endpoint
        self.identity = identity
    }
}
