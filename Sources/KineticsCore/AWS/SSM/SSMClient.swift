import Foundation

/// AWS Systems Manager Parameter Store, over JSON 1.1. Values are secrets: nothing here prints them.
public struct SSMClient: Sendable {
    public let client: AWSClient
    private static let target = "AmazonSSM"

    public init(client: AWSClient) { self.client = client }

    /// One parameter; `description` never shows a SecureString's value.
    public struct Parameter: Sendable, Hashable, CustomStringConvertible {
        public var name: String
        public var type: String
        public var value: String
        public var version: Int
        public var arn: String?
        public var lastModified: Date?

        public var description: String {
            "\(name) (\(type), version \(version), value \(type == "SecureString" ? "hidden" : value))"
        }
    }

    /// `PutParameter` as a SecureString (encrypted with `kmsKeyId`, or the account's default key).
    ///
    /// Returns the new version. With `overwrite` the call is idempotent and retried like a read.
    @discardableResult
    public func putSecureString(
        name: String, value: String, overwrite: Bool = true, kmsKeyId: String? = nil, description: String? = nil
    ) async throws -> Int {
        var body: [String: Any] = ["Name": name, "Value": value, "Type": "SecureString", "Overwrite": overwrite]
        if let kmsKeyId { body["KeyId"] = kmsKeyId }
        if let description { body["Description"] = description }
        let data = try await client.json(
            .ssm, targetPrefix: Self.target, action: "PutParameter", body: try JSONSerialization.data(withJSONObject: body),
            idempotent: overwrite)
        struct Output: Decodable { var Version: Int? }
        return try client.decodeJSON(Output.self, from: data, operation: "PutParameter", service: .ssm).Version ?? 0
    }

    /// `GetParameter`, decrypting SecureStrings unless told not to.
    public func getParameter(name: String, withDecryption: Bool = true) async throws -> Parameter {
        let body = try JSONSerialization.data(withJSONObject: ["Name": name, "WithDecryption": withDecryption] as [String: Any])
        let data = try await client.json(.ssm, targetPrefix: Self.target, action: "GetParameter", body: body, idempotent: true)
        struct Output: Decodable {
            struct P: Decodable {
                var Name: String
                var `Type`: String
                var Value: String
                var Version: Int?
                var ARN: String?
                var LastModifiedDate: Double?
            }
            var Parameter: P
        }
        let p = try client.decodeJSON(Output.self, from: data, operation: "GetParameter", service: .ssm).Parameter
        return Parameter(
            name: p.Name, type: p.Type, value: p.Value, version: p.Version ?? 0, arn: p.ARN,
            lastModified: p.LastModifiedDate.map(AWSDate.fromEpoch))
    }

    /// `DeleteParameter`; a parameter that is already gone throws an `AWSError` whose `isNotFound` is true.
    public func deleteParameter(name: String) async throws {
        let body = try JSONSerialization.data(withJSONObject: ["Name": name])
        _ = try await client.json(.ssm, targetPrefix: Self.target, action: "DeleteParameter", body: body, idempotent: true)
    }
}
