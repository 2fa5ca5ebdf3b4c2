import Foundation
import KineticsCore

/// Wraps the real transport (curl to a moto_server), names every request's AWS operation, and can cut uploads off:
/// after `passUploadParts` parts went through, every further UploadPart is answered with an error without being
/// sent, as a connection lost half way would leave it. `putDelay` holds each object upload so overlaps show.
final class RecordingTransport: HTTPTransport, @unchecked Sendable {
    struct Call: Sendable, Hashable {
        var operation: String
        var status: Int
    }

    private let inner: any HTTPTransport
    private let lock = NSLock()
    private var recorded: [Call] = []
    private var partsPassed = 0
    private var uploadsInFlight = 0
    private var mostUploadsInFlight = 0
    let passUploadParts: Int?
    let putDelay: Duration?

    init(inner: any HTTPTransport = CurlTransport.shared, passUploadParts: Int? = nil, putDelay: Duration? = nil) {
        self.inner = inner
        self.passUploadParts = passUploadParts
        self.putDelay = putDelay
    }

    var calls: [Call] { lock.withLock { recorded } }
    var operations: [String] { calls.map(\.operation) }
    func count(_ operation: String) -> Int { calls.filter { $0.operation == operation }.count }
    /// UploadParts that S3 answered with success.
    var partsStored: Int { calls.filter { $0.operation == "UploadPart" && (200..<300).contains($0.status) }.count }
    /// The most PutObject and UploadPart requests that were in flight at once.
    var peakUploads: Int { lock.withLock { mostUploadsInFlight } }

    func send(
        _ request: HTTPRequest, options: HTTPTransferOptions, progress: (@Sendable (HTTPTransferProgress) -> Void)?
    ) async throws -> HTTPResponse {
        let operation = Self.operation(of: request)
        let isUpload = operation == "PutObject" || operation == "UploadPart"
        if operation == "UploadPart", let limit = passUploadParts {
            let refused = lock.withLock { () -> Bool in
                if partsPassed >= limit { return true }
                partsPassed += 1
                return false
            }
            if refused {
                lock.withLock { recorded.append(Call(operation: operation, status: 400)) }
                return HTTPResponse(
                    status: 400, headers: HTTPHeaders([("Content-Type", "application/xml")]),
                    body: Data("<Error><Code>RequestTimeout</Code><Message>Your socket connection to the server was not read from or written to within the timeout period.</Message></Error>".utf8))
            }
        }
        if isUpload {
            lock.withLock {
                uploadsInFlight += 1
                mostUploadsInFlight = max(mostUploadsInFlight, uploadsInFlight)
            }
        }
        defer { if isUpload { lock.withLock { uploadsInFlight -= 1 } } }
        if isUpload, let putDelay { try await Task.sleep(for: putDelay) }
        let response = try await inner.send(request, options: options, progress: progress)
        lock.withLock { recorded.append(Call(operation: operation, status: response.status)) }
        return response
    }

    /// The S3 operation from method, path and query, or the `Action` of a Query-protocol form.
    static func operation(of request: HTTPRequest) -> String {
        let names = Set(request.query.map(\.name))
        if request.method == "POST", case .data(let body) = request.body,
           let form = String(data: body, encoding: .utf8), form.hasPrefix("Action=") {
            return String(form.dropFirst("Action=".count).prefix { $0 != "&" })
        }
        let segments = request.encodedPath.split(separator: "/").count
        switch (request.method, segments >= 2) {
        case ("HEAD", true): return "HeadObject"
        case ("HEAD", false): return "HeadBucket"
        case ("PUT", true): return names.contains("partNumber") ? "UploadPart" : "PutObject"
        case ("PUT", false): return "CreateBucket"
        case ("POST", true): return names.contains("uploads") ? "CreateMultipartUpload" : "CompleteMultipartUpload"
        case ("GET", true): return names.contains("uploadId") ? "ListParts" : "GetObject"
        case ("GET", false): return names.contains("uploads") ? "ListMultipartUploads" : "ListObjects"
        case ("DELETE", true): return names.contains("uploadId") ? "AbortMultipartUpload" : "DeleteObject"
        default: return "\(request.method) \(request.encodedPath)"
        }
    }
}
