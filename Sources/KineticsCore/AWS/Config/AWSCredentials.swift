import Foundation

/// An access key pair, with the session token of temporary credentials.
///
/// `description` and `debugDescription` never show the secret key or the token, and show the access key id
/// only masked (`AKIA…WXYZ`), so credentials can be logged or printed by accident without leaking.
public struct AWSCredentials: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    public var accessKeyId: String
    public var secretAccessKey: String
    public var sessionToken: String?
    /// When temporary credentials expire, if known.
    public var expiration: Date?
    /// Where they came from, e.g. `environment` or `profile "dev" in ~/.aws/credentials`.
    public var source: String

    public init(
        accessKeyId: String, secretAccessKey: String, sessionToken: String? = nil,
        expiration: Date? = nil, source: String = "explicit"
    ) {
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.expiration = expiration
        self.source = source
    }

    /// The access key id with all but its first and last four characters hidden.
    public var maskedAccessKeyId: String { Self.mask(accessKeyId) }

    public var description: String {
        var text = "\(maskedAccessKeyId) (secret key hidden"
        if sessionToken != nil { text += ", session token hidden" }
        text += ", from \(source))"
        return text
    }

    public var debugDescription: String { "AWSCredentials(\(description))" }

    /// `AKIA…WXYZ` for anything longer than eight characters, `…` otherwise.
    public static func mask(_ secret: String) -> String {
        guard secret.count > 8 else { return "…" }
        return "\(secret.prefix(4))…\(secret.suffix(4))"
    }
}
