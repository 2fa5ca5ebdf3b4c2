import Foundation

/// Sends HTTP requests. Live: `CurlTransport`; tests use fakes.
public protocol HTTPTransport: Sendable {
    /// Sends `request` and returns the response, whatever its status.
    ///
    /// Throws `HTTPTransportError` when no response arrived, and `CancellationError` when the task was cancelled.
    func send(
        _ request: HTTPRequest,
        options: HTTPTransferOptions,
        progress: (@Sendable (HTTPTransferProgress) -> Void)?
    ) async throws -> HTTPResponse
}

extension HTTPTransport {
    public func send(_ request: HTTPRequest, options: HTTPTransferOptions = HTTPTransferOptions()) async throws -> HTTPResponse {
        try await send(request, options: options, progress: nil)
    }
}

/// Limits of one transfer.
public struct HTTPTransferOptions: Sendable, Hashable {
    /// How long connecting (TCP and TLS) may take.
    public var connectTimeout: Duration
    /// A transfer that moves no byte for this long is a stalled one and is abandoned.
    public var stallTimeout: Duration
    /// The whole transfer's limit; `nil` for none (large uploads).
    public var totalTimeout: Duration?

    public init(connectTimeout: Duration = .seconds(10), stallTimeout: Duration = .seconds(30), totalTimeout: Duration? = nil) {
        self.connectTimeout = connectTimeout
        self.stallTimeout = stallTimeout
        self.totalTimeout = totalTimeout
    }
}

/// Bytes moved so far by one transfer attempt.
public struct HTTPTransferProgress: Sendable, Hashable {
    public var bytesSent: Int64
    public var totalBytesToSend: Int64
    public var bytesReceived: Int64

    public init(bytesSent: Int64, totalBytesToSend: Int64, bytesReceived: Int64 = 0) {
        self.bytesSent = bytesSent
        self.totalBytesToSend = totalBytesToSend
        self.bytesReceived = bytesReceived
    }
}
