import Foundation

/// Signs, sends and retries requests to any AWS service; the service clients build on it.
///
/// One client shares one retry quota across all its calls. Every attempt is signed afresh with the clock's time.
/// Responses other than 2xx become an `AWSError` carrying the service's code, message and request id.
public final class AWSClient: Sendable {
    public let configuration: AWSConfiguration
    public let transport: any HTTPTransport
    public let clock: any AWSClock
    public let retry: RetryStrategy
    public let transferOptions: HTTPTransferOptions

    public init(
        configuration: AWSConfiguration,
        transport: (any HTTPTransport)? = nil,
        clock: any AWSClock = SystemAWSClock(),
        retry: RetryStrategy? = nil,
        transferOptions: HTTPTransferOptions = HTTPTransferOptions()
    ) {
        self.configuration = configuration
        self.transport = transport ?? CurlTransport.shared
        self.clock = clock
        self.retry = retry ?? RetryStrategy(policy: RetryStrategy.Policy(maxAttempts: configuration.maxAttempts))
        self.transferOptions = transferOptions
    }

    /// How the body is covered by the signature.
    public enum PayloadSigning: Sendable {
        /// The SHA-256 of an in-memory body (of nothing for an empty one).
        case signed
        /// `UNSIGNED-PAYLOAD`, for S3 bodies streamed from disk.
        case unsigned
    }

    // MARK: - Requests

    /// A request to `service`'s endpoint; `path` is appended to the endpoint's base path and must be encoded.
    public func makeRequest(
        _ service: AWSService, method: String, host: String? = nil, encodedPath: String = "/",
        query: [(name: String, value: String)] = [], headers: HTTPHeaders = HTTPHeaders(), body: HTTPBody = .empty
    ) -> HTTPRequest {
        let endpoint = configuration.endpoint(for: service)
        return HTTPRequest(
            method: method, scheme: endpoint.scheme, host: host ?? endpoint.host, port: endpoint.port,
            encodedPath: endpoint.basePath + encodedPath, query: query, headers: headers, body: body)
    }

    /// Sends `request`, retrying as the retry strategy allows; returns the 2xx response.
    public func send(
        _ request: HTTPRequest,
        operation: AWSOperation,
        payload: PayloadSigning = .signed,
        options: HTTPTransferOptions? = nil,
        progress: (@Sendable (HTTPTransferProgress) -> Void)? = nil
    ) async throws -> HTTPResponse {
        let credentials = configuration.credentials
        let signer = SigV4Signer(credentials: credentials, region: configuration.region, service: operation.service.signingName)
        let payloadHash: String = switch (payload, request.body) {
        case (.unsigned, _): SigV4Signer.unsignedPayload
        case (.signed, .empty): SigV4Signer.emptyPayloadHash
        case (.signed, .data(let data)): Digest.sha256(data).hexString
        case (.signed, .file(let path, let offset, let length)):
            try fileDigest(path: path, offset: offset, length: length, operation: operation)
        }
        var attempt = 0
        while true {
            attempt += 1
            try Task.checkCancellation()
            var signed = request
            signer.sign(&signed, date: clock.now(), payloadHash: payloadHash)
            let failure: RetryStrategy.Failure
            var error: AWSError
            do {
                let response = try await transport.send(signed, options: options ?? transferOptions, progress: progress)
                if response.isSuccess {
                    retry.recordSuccess()
                    return response
                }
                let info = AWSErrorBody.parse(response)
                error = AWSError.serviceError(
                    service: operation.service, operation: operation.name, status: response.status, info: info,
                    attempts: attempt, credentials: credentials)
                failure = RetryStrategy.classify(status: response.status, code: info.code)
            } catch let transportError as HTTPTransportError {
                error = AWSError(
                    code: .transport, summary: "\(operation.service.displayName) \(operation.name) got no response: \(transportError)",
                    service: operation.service.displayName, operation: operation.name, attempts: attempt,
                    transportError: transportError)
                if transportError.kind == .bodyUnreadable { error.code = .fileUnreadable }
                failure = RetryStrategy.classify(transportError)
            }
            switch retry.decide(afterAttempt: attempt, failure: failure, idempotent: operation.idempotent) {
            case .retry(let delay):
                try await clock.sleep(for: delay)
            case .giveUp(let reason):
                error.attempts = attempt
                switch reason {
                case .quotaExhausted:
                    error.advice = "It was not retried: the retry quota is spent because many requests failed recently. "
                        + (error.advice.isEmpty ? "Wait a little and try again." : error.advice)
                case .notIdempotent where attempt == 1 && failure != .notRetryable:
                    error.advice = "It was not retried because it may already have taken effect; check its state before trying again. "
                        + error.advice
                case .attemptsExhausted, .notRetryable, .notIdempotent:
                    break
                }
                error.advice = error.advice.trimmingCharacters(in: .whitespaces)
                throw error
            }
        }
    }

    private func fileDigest(path: String, offset: Int64, length: Int64, operation: AWSOperation) throws -> String {
        do {
            return try Digest.digestOfFile(.sha256, path: path, offset: offset, length: length).hexString
        } catch {
            throw AWSError(code: .fileUnreadable, summary: "\(operation.name) could not read \(path)",
                           advice: "Check that the file exists and is readable.", operation: operation.name)
        }
    }

    // MARK: - Query protocol (CloudFormation, STS, IAM)

    /// Calls a Query-protocol action and returns the `<ActionResult>` element (or the root when there is none).
    public func query(
        _ service: AWSService, version: String, action: String, parameters: [(String, String)], idempotent: Bool,
        options: HTTPTransferOptions? = nil
    ) async throws -> AWSXML {
        var form = "Action=\(AWSURIEncoding.formEncode(action))&Version=\(AWSURIEncoding.formEncode(version))"
        for (name, value) in parameters {
            form += "&\(AWSURIEncoding.formEncode(name))=\(AWSURIEncoding.formEncode(value))"
        }
        let request = makeRequest(
            service, method: "POST",
            headers: HTTPHeaders([("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")]),
            body: .data(Data(form.utf8)))
        let operation = AWSOperation(service: service, name: action, idempotent: idempotent)
        let response = try await send(request, operation: operation, options: options)
        let root = try parseXML(response, operation: operation)
        return root.child("\(action)Result") ?? root
    }

    // MARK: - JSON 1.1 protocol (SSM, CloudWatch Logs)

    /// Calls a JSON 1.1 action (`X-Amz-Target: <targetPrefix>.<action>`) and returns the response body.
    public func json(
        _ service: AWSService, targetPrefix: String, action: String, body: Data, idempotent: Bool
    ) async throws -> Data {
        let request = makeRequest(
            service, method: "POST",
            headers: HTTPHeaders([
                ("Content-Type", "application/x-amz-json-1.1"), ("X-Amz-Target", "\(targetPrefix).\(action)"),
            ]),
            body: .data(body))
        return try await send(request, operation: AWSOperation(service: service, name: action, idempotent: idempotent)).body
    }

    /// Parses an XML response body, or says which call answered with something unreadable.
    public func parseXML(_ response: HTTPResponse, operation: AWSOperation) throws -> AWSXML {
        do {
            return try AWSXML.parse(response.body)
        } catch {
            throw AWSError(
                code: .invalidResponse,
                summary: "\(operation.service.displayName) \(operation.name) answered with a body that is not XML",
                advice: "Check that the endpoint \(configuration.endpoint(for: operation.service)) is an AWS-compatible service.",
                service: operation.service.displayName, operation: operation.name,
                requestId: response.headers["x-amzn-RequestId"] ?? response.headers["x-amz-request-id"], httpStatus: response.status)
        }
    }

    /// Decodes a JSON response body, or says which call answered with something unreadable.
    public func decodeJSON<T: Decodable>(_ type: T.Type, from data: Data, operation: String, service: AWSService) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch {
            throw AWSError(
                code: .invalidResponse, summary: "\(service.displayName) \(operation) answered with JSON that could not be read (\(error))",
                service: service.displayName, operation: operation)
        }
    }
}
