import Foundation

/// A response as the transport received it.
public struct HTTPResponse: Sendable {
    public var status: Int
    /// Header fields of the final response (interim `100 Continue` headers are dropped).
    public var headers: HTTPHeaders
    /// The body when it was kept in memory (always for error statuses).
    public var body: Data

    public init(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public var isSuccess: Bool { (200..<300).contains(status) }
}
