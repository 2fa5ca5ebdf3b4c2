/// One API call, as far as sending and retrying it cares.
public struct AWSOperation: Sendable, Hashable {
    public var service: AWSService
    /// The API name, e.g. `CreateStack`, `PutObject`.
    public var name: String
    /// Whether sending it twice has the effect of sending it once (reads, puts, deletes, or calls carrying a client
    /// token). Only idempotent calls are retried after the request may have reached the server.
    public var idempotent: Bool

    public init(service: AWSService, name: String, idempotent: Bool) {
        self.service = service
        self.name = name
        self.idempotent = idempotent
    }
}
