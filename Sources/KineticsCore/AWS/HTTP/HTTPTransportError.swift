/// A transfer that got no complete HTTP response.
public struct HTTPTransportError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// The host name did not resolve.
        case nameResolution
        /// No connection could be made; the request never left this machine.
        case connectionFailed
        /// The connection broke while the request or response was under way.
        case connectionReset
        /// Connecting took too long, or the transfer stalled or ran past its limit.
        case timedOut
        /// The TLS handshake or the server's certificate failed verification.
        case tls
        /// The request body could not be read from disk.
        case bodyUnreadable
        /// The response body could not be written to disk.
        case responseUnwritable
        case other
    }

    public var kind: Kind
    /// What the transport reported, in words.
    public var detail: String
    public var host: String

    public init(kind: Kind, detail: String, host: String) {
        self.kind = kind
        self.detail = detail
        self.host = host
    }

    /// Whether the request certainly never reached the server, so sending it again cannot do anything twice.
    public var requestNeverSent: Bool { kind == .connectionFailed || kind == .nameResolution }

    public var description: String {
        switch kind {
        case .nameResolution: "Could not resolve \(host) (\(detail)); check the endpoint and your network."
        case .connectionFailed: "Could not connect to \(host) (\(detail)); check the endpoint and that the service is running."
        case .connectionReset: "The connection to \(host) broke mid-request (\(detail))."
        case .timedOut: "The request to \(host) timed out (\(detail))."
        case .tls: "The TLS connection to \(host) failed verification (\(detail)); check the endpoint's certificate and the system CA bundle."
        case .bodyUnreadable: "The request body could not be read from disk (\(detail))."
        case .responseUnwritable: "The response body could not be written to disk (\(detail))."
        case .other: "The request to \(host) failed (\(detail))."
        }
    }
}
