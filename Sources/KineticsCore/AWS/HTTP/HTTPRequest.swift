import Foundation

/// One HTTP request as it goes on the wire: the transport sends exactly these headers, so what was signed is what
/// is sent.
public struct HTTPRequest: Sendable {
    public var method: String
    /// `https` or `http`.
    public var scheme: String
    public var host: String
    /// `nil` for the scheme's default port.
    public var port: Int?
    /// The path as it appears on the wire, already percent-encoded (`/bucket/a%20key`).
    public var encodedPath: String
    /// Query parameters, not yet encoded; the wire form encodes them as Signature V4 requires.
    public var query: [(name: String, value: String)]
    public var headers: HTTPHeaders
    public var body: HTTPBody
    /// Where a successful response body goes; error bodies always stay in memory so they can be parsed.
    public var responseDestination: ResponseDestination

    public enum ResponseDestination: Sendable, Hashable {
        case memory
        /// The file is created or truncated.
        case file(path: String)
    }

    public init(
        method: String,
        scheme: String = "https",
        host: String,
        port: Int? = nil,
        encodedPath: String = "/",
        query: [(name: String, value: String)] = [],
        headers: HTTPHeaders = HTTPHeaders(),
        body: HTTPBody = .empty,
        responseDestination: ResponseDestination = .memory
    ) {
        self.method = method
        self.scheme = scheme
        self.host = host
        self.port = port
        self.encodedPath = encodedPath
        self.query = query
        self.headers = headers
        self.body = body
        self.responseDestination = responseDestination
    }

    /// The value of the `Host` header: the host, and the port when it is not the scheme's default.
    public var hostHeader: String {
        guard let port, !(scheme == "https" && port == 443), !(scheme == "http" && port == 80) else { return host }
        return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// The query string on the wire, each name and value encoded as RFC 3986 unreserved-or-percent; a parameter
    /// with an empty value is sent as its bare name (`?uploads`), which is what S3 sub-resources expect.
    public var encodedQuery: String {
        query.map { $0.value.isEmpty ? AWSURIEncoding.encode($0.name) : "\(AWSURIEncoding.encode($0.name))=\(AWSURIEncoding.encode($0.value))" }
            .joined(separator: "&")
    }

    /// The full URL string handed to the transport.
    public var urlString: String {
        let q = encodedQuery
        return "\(scheme)://\(hostHeader)\(encodedPath)\(q.isEmpty ? "" : "?" + q)"
    }
}

/// Header fields in the order they were set; names compare case-insensitively.
public struct HTTPHeaders: Sendable, Sequence {
    public private(set) var fields: [(name: String, value: String)] = []

    public init(_ fields: [(String, String)] = []) {
        for (name, value) in fields { add(name, value) }
    }

    public subscript(name: String) -> String? {
        get {
            let lower = name.lowercased()
            return fields.first { $0.name.lowercased() == lower }?.value
        }
        set {
            let lower = name.lowercased()
            guard let newValue else {
                fields.removeAll { $0.name.lowercased() == lower }
                return
            }
            guard let index = fields.firstIndex(where: { $0.name.lowercased() == lower }) else {
                fields.append((name, newValue))
                return
            }
            fields[index] = (name, newValue)
            let tail = fields[(index + 1)...].filter { $0.name.lowercased() != lower }
            fields.replaceSubrange((index + 1)..., with: tail)
        }
    }

    /// Adds a field, keeping any earlier field of the same name (they are joined with commas when signed).
    public mutating func add(_ name: String, _ value: String) {
        fields.append((name, value))
    }

    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> {
        fields.makeIterator()
    }
}

/// What a request sends.
public enum HTTPBody: Sendable, Hashable {
    case empty
    case data(Data)
    /// `length` bytes of a file starting at `offset`, streamed from disk and never read into memory whole.
    case file(path: String, offset: Int64, length: Int64)

    public var length: Int64 {
        switch self {
        case .empty: 0
        case .data(let data): Int64(data.count)
        case .file(_, _, let length): length
        }
    }
}
