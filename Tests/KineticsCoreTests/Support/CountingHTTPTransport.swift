import Foundation
import KineticsCore

/// Passes every request to the real transport and remembers which AWS operation it was (`CloudFormation:DescribeStacks`,
/// `S3:PUT`, `SSM:PutParameter`…), to count calls.
final class CountingHTTPTransport: HTTPTransport, Sendable {
    let base: any HTTPTransport
    private let calls = Locked([String]())

    init(base: any HTTPTransport = CurlTransport.shared) {
        self.base = base
    }

    var operations: [String] { calls.withLock { $0 } }

    func reset() { calls.withLock { $0 = [] } }

    func send(_ request: HTTPRequest, options: HTTPTransferOptions, progress: (@Sendable (HTTPTransferProgress) -> Void)?) async throws -> HTTPResponse {
        calls.withLock { $0.append(Self.operation(of: request)) }
        return try await base.send(request, options: options, progress: progress)
    }

    /// CloudFormation write calls among the recorded ones.
    var cloudFormationWrites: [String] {
        operations.filter { name in
            name.hasPrefix("CloudFormation:") && !["DescribeStacks", "DescribeStackEvents", "DescribeChangeSet", "DescribeStackResources", "GetTemplate",
                                          "ValidateTemplate", "ListStacks"].contains(name.dropFirst("CloudFormation:".count))
        }
    }

    static func operation(of request: HTTPRequest) -> String {
        if let target = request.headers["X-Amz-Target"] { return "JSON:" + (target.split(separator: ".").last.map(String.init) ?? target) }
        if case .data(let data) = request.body, let form = String(data: data, encoding: .utf8), form.hasPrefix("Action=") {
            let action = form.dropFirst("Action=".count).prefix { $0 != "&" }
            return form.contains("Version=2010-05-15") ? "CloudFormation:\(action)" : "Query:\(action)"
        }
        return "REST:\(request.method) \(request.encodedPath)"
    }
}
