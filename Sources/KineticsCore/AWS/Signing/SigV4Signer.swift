import Foundation

/// AWS Signature Version 4, for the `Authorization` header and for presigned URLs.
///
/// Pure: it reads the request, the credentials and the time it is given, and writes headers or query parameters.
/// The canonical request follows the AWS specification: methods as given, the URI normalised and encoded twice
/// for every service but S3 (once, as sent, for S3), query parameters encoded and sorted, header names lower-cased
/// and values trimmed with inner runs of spaces collapsed.
public struct SigV4Signer: Sendable {
    public static let unsignedPayload = "UNSIGNED-PAYLOAD"
    public static let emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    /// Headers never signed: a proxy or the HTTP client may change them on the way.
    static let unsignedHeaders: Set<String> = [
        "authorization", "connection", "expect", "keep-alive", "proxy-authenticate", "proxy-authorization",
        "te", "trailer", "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id",
    ]

    public var credentials: AWSCredentials
    public var region: String
    /// The signing name, e.g. `s3`, `cloudformation`, `ssm`, `sts`, `logs`.
    public var service: String
    /// S3 signs the path exactly as sent; every other service normalises it and encodes it again.
    public var isS3: Bool

    public init(credentials: AWSCredentials, region: String, service: String) {
        self.credentials = credentials
        self.region = region
        self.service = service
        self.isS3 = service == "s3"
    }

    // MARK: - Header signing

    /// Adds `Host`, `X-Amz-Date`, `X-Amz-Security-Token`, (for S3) `X-Amz-Content-SHA256` and `Authorization`.
    ///
    /// `payloadHash` is the hex SHA-256 of the body, or `unsignedPayload` for S3 bodies streamed over TLS.
    public func sign(_ request: inout HTTPRequest, date: Date, payloadHash: String) {
        let stamp = Self.timestamp(date)
        request.headers["Authorization"] = nil
        request.headers["Host"] = request.hostHeader
        request.headers["X-Amz-Date"] = stamp
        if let token = credentials.sessionToken {
            request.headers["X-Amz-Security-Token"] = token
        }
        if isS3 {
            request.headers["X-Amz-Content-SHA256"] = payloadHash
        }
        let signed = signedHeaderMap(request.headers)
        let canonical = canonicalRequest(request, headers: signed, payloadHash: payloadHash)
        let signature = self.signature(stringToSign: stringToSign(canonicalRequest: canonical, timestamp: stamp), timestamp: stamp)
        request.headers["Authorization"] =
            "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyId)/\(scope(stamp)), "
            + "SignedHeaders=\(signedHeaderNames(signed)), Signature=\(signature)"
    }

    // MARK: - Presigning

    /// A presigned URL for `request` valid for `expires` seconds, signing the `host` header only.
    ///
    /// The returned request carries the signature in its query; send it without further signing.
    public func presign(_ request: HTTPRequest, date: Date, expires: Int, payloadHash: String = unsignedPayload) -> HTTPRequest {
        var request = request
        let stamp = Self.timestamp(date)
        request.headers = HTTPHeaders([("Host", request.hostHeader)])
        var query = request.query
        query.append(("X-Amz-Algorithm", "AWS4-HMAC-SHA256"))
        query.append(("X-Amz-Credential", "\(credentials.accessKeyId)/\(scope(stamp))"))
        query.append(("X-Amz-Date", stamp))
        query.append(("X-Amz-Expires", String(expires)))
        query.append(("X-Amz-SignedHeaders", "host"))
        if let token = credentials.sessionToken { query.append(("X-Amz-Security-Token", token)) }
        request.query = query
        let signed = signedHeaderMap(request.headers)
        let canonical = canonicalRequest(request, headers: signed, payloadHash: payloadHash)
        let signature = self.signature(stringToSign: stringToSign(canonicalRequest: canonical, timestamp: stamp), timestamp: stamp)
        request.query.append(("X-Amz-Signature", signature))
        return request
    }

    // MARK: - The steps, visible for tests

    /// The canonical request of `request` as it stands (headers already set).
    public func canonicalRequest(_ request: HTTPRequest, payloadHash: String) -> String {
        canonicalRequest(request, headers: signedHeaderMap(request.headers), payloadHash: payloadHash)
    }

    public func stringToSign(canonicalRequest: String, timestamp: String) -> String {
        "AWS4-HMAC-SHA256\n\(timestamp)\n\(scope(timestamp))\n\(Digest.sha256(Array(canonicalRequest.utf8)).hexString)"
    }

    public func signature(stringToSign: String, timestamp: String) -> String {
        Digest.hmacSHA256(key: signingKey(day: String(timestamp.prefix(8))), string: stringToSign).hexString
    }

    /// `YYYYMMDDTHHMMSSZ` in UTC.
    public static func timestamp(_ date: Date) -> String {
        var time = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&time, &parts)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(parts.tm_year + 1900)\(two(parts.tm_mon + 1))\(two(parts.tm_mday))T"
            + "\(two(parts.tm_hour))\(two(parts.tm_min))\(two(parts.tm_sec))Z"
    }

    // MARK: - Internals

    private func scope(_ timestamp: String) -> String {
        "\(timestamp.prefix(8))/\(region)/\(service)/aws4_request"
    }

    private func signingKey(day: String) -> [UInt8] {
        let kDate = Digest.hmacSHA256(key: Array("AWS4\(credentials.secretAccessKey)".utf8), string: day)
        let kRegion = Digest.hmacSHA256(key: kDate, string: region)
        let kService = Digest.hmacSHA256(key: kRegion, string: service)
        return Digest.hmacSHA256(key: kService, string: "aws4_request")
    }

    /// Lower-cased name → canonical value (trimmed, inner whitespace collapsed, repeated fields comma-joined).
    private func signedHeaderMap(_ headers: HTTPHeaders) -> [(String, String)] {
        var map: [String: String] = [:]
        for (name, value) in headers {
            let lower = name.lowercased()
            if Self.unsignedHeaders.contains(lower) { continue }
            let trimmed = Self.trimAll(value)
            if let existing = map[lower] {
                map[lower] = existing + "," + trimmed
            } else {
                map[lower] = trimmed
            }
        }
        return map.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
    }

    private func signedHeaderNames(_ map: [(String, String)]) -> String {
        map.map(\.0).joined(separator: ";")
    }

    private func canonicalRequest(_ request: HTTPRequest, headers: [(String, String)], payloadHash: String) -> String {
        let uri: String
        if isS3 {
            uri = request.encodedPath.isEmpty ? "/" : request.encodedPath
        } else {
            uri = AWSURIEncoding.encode(AWSURIEncoding.normalizePath(request.encodedPath), keepSlash: true)
        }
        let query = request.query
            .map { (AWSURIEncoding.encode($0.name), AWSURIEncoding.encode($0.value)) }
            .sorted { a, b in
                a.0 == b.0 ? a.1.utf8.lexicographicallyPrecedes(b.1.utf8) : a.0.utf8.lexicographicallyPrecedes(b.0.utf8)
            }
            .map { "\($0.0)=\($0.1)" }
            .joined(separator: "&")
        var text = request.method.uppercased() + "\n" + uri + "\n" + query + "\n"
        for (name, value) in headers { text += name + ":" + value + "\n" }
        text += "\n" + signedHeaderNames(headers) + "\n" + payloadHash
        return text
    }

    /// Trims leading and trailing whitespace and collapses each inner run of whitespace to one space.
    static func trimAll(_ value: String) -> String {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).joined(separator: " ")
    }
}
