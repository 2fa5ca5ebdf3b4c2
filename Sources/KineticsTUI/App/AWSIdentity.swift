/// Who the console deploys as, from STS `GetCallerIdentity`.
struct AWSIdentity: Hashable, Sendable {
    var account: String
    var arn: String

    init(account: String, arn: String) {
        self.account = account
        self.arn = arn
    }
}
