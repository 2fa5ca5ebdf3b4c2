/// Everything that can go wrong talking to AWS, as one typed, user-facing error.
///
/// `description` is a sentence that says what happened and what to do. It never contains the secret access key,
/// a session token or a request signature: service messages pass through `AWSError.redact` before they are kept.
public struct AWSError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// No access key could be found anywhere in the chain.
        case missingCredentials
        /// Only one of the access key id and secret access key was set.
        case partialCredentials
        /// No region was configured.
        case missingRegion
        /// A named profile is in neither `~/.aws/config` nor `~/.aws/credentials`.
        case profileNotFound
        /// A configuration value is malformed (an endpoint URL, a number).
        case invalidConfiguration
        /// `credential_process` failed or printed something unusable.
        case credentialProcessFailed
        /// The service answered with an error.
        case service
        /// No response arrived (connection, TLS, timeout).
        case transport
        /// The service answered with something that could not be read.
        case invalidResponse
        /// A file to send could not be read.
        case fileUnreadable
        /// The embedded local AWS could not be started.
        case localServerUnavailable
    }

    public var code: Code
    /// What happened, as a sentence (without the advice).
    public var summary: String
    /// What the user should do, as a sentence; may be empty.
    public var advice: String
    public var service: String?
    public var operation: String?
    /// The service's own error code, e.g. `SignatureDoesNotMatch`, `ValidationError`, `NoSuchKey`.
    public var serviceCode: String?
    /// The service's message, sanitised and redacted.
    public var serviceMessage: String?
    public var requestId: String?
    public var httpStatus: Int?
    /// How many times the request was sent.
    public var attempts: Int
    public var transportError: HTTPTransportError?

    public init(
        code: Code, summary: String, advice: String = "", service: String? = nil, operation: String? = nil,
        serviceCode: String? = nil, serviceMessage: String? = nil, requestId: String? = nil, httpStatus: Int? = nil,
        attempts: Int = 0, transportError: HTTPTransportError? = nil
    ) {
        self.code = code
        self.summary = summary
        self.advice = advice
        self.service = service
        self.operation = operation
        self.serviceCode = serviceCode
        self.serviceMessage = serviceMessage
        self.requestId = requestId
        self.httpStatus = httpStatus
        self.attempts = attempts
        self.transportError = transportError
    }

    public var description: String {
        var text = summary
        if attempts > 1 { text += " (after \(attempts) attempts)" }
        if !text.hasSuffix(".") { text += "." }
        if !advice.isEmpty { text += " " + advice }
        return text
    }

    /// Whether the service said the thing does not exist (`NoSuchKey`, `NotFound`, `ParameterNotFound`, 404…).
    public var isNotFound: Bool {
        if httpStatus == 404 { return true }
        guard let serviceCode else { return false }
        return ["NoSuchKey", "NoSuchBucket", "NotFound", "NoSuchUpload", "ParameterNotFound", "ResourceNotFoundException",
                "ChangeSetNotFound", "StackNotFoundException"].contains(serviceCode)
    }

    // MARK: - Service errors

    /// A service error with the advice that fits its code.
    static func serviceError(
        service: AWSService, operation: String, status: Int, info: AWSErrorBody, attempts: Int, credentials: AWSCredentials?
    ) -> AWSError {
        let code = info.code ?? "HTTP\(status)"
        let message = info.message.map { redact($0, credentials: credentials) }
        var summary = "\(service.displayName) \(operation) failed with \(code)"
        if let message, !message.isEmpty { summary += ": \(message)" }
        summary += " (HTTP \(status)"
        if let id = info.requestId { summary += ", request id \(id)" }
        summary += ")"
        return AWSError(
            code: .service, summary: summary, advice: advice(forServiceCode: code, status: status, credentials: credentials),
            service: service.displayName, operation: operation, serviceCode: code, serviceMessage: message,
            requestId: info.requestId, httpStatus: status, attempts: attempts)
    }

    static func advice(forServiceCode code: String, status: Int, credentials: AWSCredentials?) -> String {
        let key = credentials.map { " for access key \($0.maskedAccessKeyId) (from \($0.source))" } ?? ""
        switch code {
        case "SignatureDoesNotMatch", "InvalidSignatureException", "IncompleteSignature":
            return "The secret access key does not match the access key id\(key); check AWS_SECRET_ACCESS_KEY or the profile's aws_secret_access_key."
        case "InvalidClientTokenId", "UnrecognizedClientException", "InvalidAccessKeyId", "AuthFailure":
            return "AWS does not know the access key id\(key); check AWS_ACCESS_KEY_ID or the profile's aws_access_key_id."
        case "ExpiredToken", "ExpiredTokenException", "RequestExpired", "TokenRefreshRequired":
            return "The session credentials\(key) have expired; refresh them (aws sso login, or a new session token) and try again."
        case "RequestTimeTooSkewed", "RequestExpiredException":
            return "This machine's clock is too far from AWS's; synchronise it (NTP) and try again."
        case "AccessDenied", "AccessDeniedException", "UnauthorizedOperation":
            return "The identity\(key) is not allowed to do this; grant the permission in IAM or use another profile."
        case "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
             "RequestLimitExceeded", "SlowDown", "RequestThrottled", "ProvisionedThroughputExceededException":
            return "AWS kept throttling the requests; wait a little and try again, or run fewer deploys at once."
        default:
            if status >= 500 { return "The service had an internal problem; try again in a moment." }
            return ""
        }
    }

    // MARK: - Redaction

    /// Removes the secret key, the session token and anything that looks like a signature (64 hex digits) from text
    /// that came back from a service, and strips control characters.
    public static func redact(_ text: String, credentials: AWSCredentials?) -> String {
        var text = TextSanitizer.sanitize(text)
        if let credentials {
            for secret in [credentials.secretAccessKey, credentials.sessionToken ?? ""] where secret.count >= 8 {
                text = text.replacingAll(secret, with: "…")
            }
        }
        return text.replacingHexRuns(minimumLength: 64)
    }
}

private extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = self[...]
        while let range = rest.range(of: target) {
            out += rest[..<range.lowerBound]
            out += replacement
            rest = rest[range.upperBound...]
        }
        return out + rest
    }

    func replacingHexRuns(minimumLength: Int) -> String {
        var out = ""
        var run = ""
        func flush() {
            out += run.count >= minimumLength ? "…" : run
            run = ""
        }
        for character in self {
            if character.isHexDigit { run.append(character) } else { flush(); out.append(character) }
        }
        flush()
        return out
    }
}
