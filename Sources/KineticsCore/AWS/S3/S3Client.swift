import Foundation

/// Amazon S3 over REST-XML: buckets, objects, multipart uploads, listings.
///
/// Custom endpoints (moto, MinIO, LocalStack) get path-style addressing (`http://host/bucket/key`); AWS's own get
/// virtual-hosted style (`https://bucket.s3.region.amazonaws.com/key`) for DNS-compatible bucket names. Bodies from
/// disk are streamed and signed as `UNSIGNED-PAYLOAD`; small in-memory bodies are signed with their SHA-256.
public struct S3Client: Sendable {
    public let client: AWSClient

    public init(client: AWSClient) { self.client = client }

    // MARK: - Buckets

    /// `CreateBucket` in the configured region. A bucket this account already owns is not an error.
    public func createBucket(_ bucket: String) async throws {
        let region = client.configuration.region
        let body: HTTPBody = region == "us-east-1" ? .empty : .data(Data(
            "<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><LocationConstraint>\(AWSXML.escape(region))</LocationConstraint></CreateBucketConfiguration>".utf8))
        do {
            _ = try await send("CreateBucket", idempotent: true, request(method: "PUT", bucket: bucket, body: body))
        } catch let error as AWSError where error.serviceCode == "BucketAlreadyOwnedByYou" {
            return
        }
    }

    /// `HeadBucket`: whether the bucket exists and this identity may use it; `false` for 404.
    public func bucketExists(_ bucket: String) async throws -> Bool {
        do {
            _ = try await headBucket(bucket)
            return true
        } catch let error as AWSError where error.httpStatus == 404 {
            return false
        }
    }

    /// `HeadBucket`; returns the bucket's region when the service says it.
    @discardableResult
    public func headBucket(_ bucket: String) async throws -> String? {
        let response = try await send("HeadBucket", idempotent: true, request(method: "HEAD", bucket: bucket))
        return response.headers["x-amz-bucket-region"]
    }

    // MARK: - Objects

    /// `HeadObject`; `nil` when there is no such object.
    public func headObject(bucket: String, key: String) async throws -> S3ObjectInfo? {
        do {
            let response = try await send("HeadObject", idempotent: true, request(method: "HEAD", bucket: bucket, key: key))
            return Self.info(response)
        } catch let error as AWSError where error.httpStatus == 404 {
            return nil
        }
    }

    /// `PutObject` of `body` (streamed from disk for `.file`); returns the ETag.
    @discardableResult
    public func putObject(
        bucket: String, key: String, body: HTTPBody, contentType: String? = nil, contentMD5: String? = nil,
        metadata: [String: String] = [:], progress: (@Sendable (HTTPTransferProgress) -> Void)? = nil
    ) async throws -> String {
        var headers = HTTPHeaders()
        if let contentType { headers["Content-Type"] = contentType }
        if let contentMD5 { headers["Content-MD5"] = contentMD5 }
        for (name, value) in metadata.sorted(by: { $0.key < $1.key }) { headers["x-amz-meta-\(name)"] = value }
        let response = try await send(
            "PutObject", idempotent: true, request(method: "PUT", bucket: bucket, key: key, headers: headers, body: body), progress: progress)
        return Self.etag(response) ?? ""
    }

    /// `GetObject` into memory.
    public func getObject(bucket: String, key: String) async throws -> (data: Data, info: S3ObjectInfo) {
        let response = try await send("GetObject", idempotent: true, request(method: "GET", bucket: bucket, key: key))
        return (response.body, Self.info(response))
    }

    /// `GetObject` streamed into a file (created or truncated).
    @discardableResult
    public func getObject(bucket: String, key: String, toFile path: String) async throws -> S3ObjectInfo {
        var get = request(method: "GET", bucket: bucket, key: key)
        get.responseDestination = .file(path: path)
        return Self.info(try await send("GetObject", idempotent: true, get))
    }

    /// `ListObjectsV2`: one page.
    public func listObjectsV2(
        bucket: String, prefix: String? = nil, delimiter: String? = nil, continuationToken: String? = nil, maxKeys: Int? = nil
    ) async throws -> S3ObjectList {
        var query: [(name: String, value: String)] = [("list-type", "2")]
        if let prefix { query.append(("prefix", prefix)) }
        if let delimiter { query.append(("delimiter", delimiter)) }
        if let continuationToken { query.append(("continuation-token", continuationToken)) }
        if let maxKeys { query.append(("max-keys", String(maxKeys))) }
        let operation = "ListObjectsV2"
        let response = try await send(operation, idempotent: true, request(method: "GET", bucket: bucket, query: query))
        let root = try client.parseXML(response, operation: AWSOperation(service: .s3, name: operation, idempotent: true))
        return S3ObjectList(
            objects: root.children("Contents").map { c in
                S3Object(key: c.text("Key") ?? "", size: Int64(c.text("Size") ?? "") ?? 0, etag: c.text("ETag").map(Self.unquote),
                         lastModified: c.text("LastModified").flatMap(AWSDate.parse))
            },
            commonPrefixes: root.children("CommonPrefixes").compactMap { $0.text("Prefix") },
            nextContinuationToken: root.text("NextContinuationToken"),
            isTruncated: root.text("IsTruncated") == "true")
    }

    /// `DeleteObjects` of up to 1,000 keys, quietly (only failures are listed by the service).
    public func deleteObjects(bucket: String, keys: [String]) async throws -> S3DeleteResult {
        var xml = "<Delete xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
        for key in keys { xml += "<Object><Key>\(AWSXML.escape(key))</Key></Object>" }
        xml += "</Delete>"
        let body = Data(xml.utf8)
        var headers = HTTPHeaders([("Content-Type", "application/xml")])
        headers["Content-MD5"] = Data(Digest.md5(body)).base64EncodedString()
        let operation = "DeleteObjects"
        let response = try await send(
            operation, idempotent: true,
            request(method: "POST", bucket: bucket, query: [("delete", "")], headers: headers, body: .data(body)))
        let root = try client.parseXML(response, operation: AWSOperation(service: .s3, name: operation, idempotent: true))
        return S3DeleteResult(
            deleted: root.children("Deleted").compactMap { $0.text("Key") },
            errors: root.children("Error").map {
                S3DeleteResult.Failure(key: $0.text("Key") ?? "", code: $0.text("Code") ?? "", message: $0.text("Message") ?? "")
            })
    }

    // MARK: - Multipart uploads

    /// `CreateMultipartUpload`; returns the upload id.
    public func createMultipartUpload(
        bucket: String, key: String, contentType: String? = nil, metadata: [String: String] = [:]
    ) async throws -> String {
        var headers = HTTPHeaders()
        if let contentType { headers["Content-Type"] = contentType }
        for (name, value) in metadata.sorted(by: { $0.key < $1.key }) { headers["x-amz-meta-\(name)"] = value }
        let operation = "CreateMultipartUpload"
        // Not idempotent: a second one starts a second upload.
        let response = try await send(
            operation, idempotent: false, request(method: "POST", bucket: bucket, key: key, query: [("uploads", "")], headers: headers))
        let root = try client.parseXML(response, operation: AWSOperation(service: .s3, name: operation, idempotent: false))
        guard let id = root.text("UploadId"), !id.isEmpty else {
            throw AWSError(code: .invalidResponse, summary: "S3 CreateMultipartUpload answered without an UploadId", service: "S3", operation: operation)
        }
        return id
    }

    /// `UploadPart` (numbers 1…10,000); returns the part's ETag.
    public func uploadPart(
        bucket: String, key: String, uploadId: String, partNumber: Int, body: HTTPBody, contentMD5: String? = nil,
        progress: (@Sendable (HTTPTransferProgress) -> Void)? = nil
    ) async throws -> String {
        var headers = HTTPHeaders()
        if let contentMD5 { headers["Content-MD5"] = contentMD5 }
        let response = try await send(
            "UploadPart", idempotent: true,
            request(method: "PUT", bucket: bucket, key: key, query: [("partNumber", String(partNumber)), ("uploadId", uploadId)],
                    headers: headers, body: body),
            progress: progress)
        guard let etag = Self.etag(response) else {
            throw AWSError(code: .invalidResponse, summary: "S3 UploadPart answered without an ETag for part \(partNumber)",
                           service: "S3", operation: "UploadPart")
        }
        return etag
    }

    /// `CompleteMultipartUpload`; returns the object's ETag. An error S3 reports inside a 200 response is thrown.
    @discardableResult
    public func completeMultipartUpload(bucket: String, key: String, uploadId: String, parts: [S3CompletedPart]) async throws -> String {
        var xml = "<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
        for part in parts.sorted(by: { $0.partNumber < $1.partNumber }) {
            xml += "<Part><PartNumber>\(part.partNumber)</PartNumber><ETag>\"\(AWSXML.escape(part.etag))\"</ETag></Part>"
        }
        xml += "</CompleteMultipartUpload>"
        let operation = AWSOperation(service: .s3, name: "CompleteMultipartUpload", idempotent: true)
        let response = try await client.send(
            request(method: "POST", bucket: bucket, key: key, query: [("uploadId", uploadId)],
                    headers: HTTPHeaders([("Content-Type", "application/xml")]), body: .data(Data(xml.utf8))),
            operation: operation)
        let root = try client.parseXML(response, operation: operation)
        if root.name == "Error" {
            throw AWSError.serviceError(
                service: .s3, operation: operation.name, status: response.status, info: AWSErrorBody.parse(response), attempts: 1,
                credentials: client.configuration.credentials)
        }
        return root.text("ETag").map(Self.unquote) ?? ""
    }

    /// `AbortMultipartUpload`; an upload already gone is not an error.
    public func abortMultipartUpload(bucket: String, key: String, uploadId: String) async throws {
        do {
            _ = try await send(
                "AbortMultipartUpload", idempotent: true,
                request(method: "DELETE", bucket: bucket, key: key, query: [("uploadId", uploadId)]))
        } catch let error as AWSError where error.serviceCode == "NoSuchUpload" {
            return
        }
    }

    /// `ListParts`, every page: the parts of an upload already on S3.
    public func listParts(bucket: String, key: String, uploadId: String) async throws -> [S3Part] {
        var parts: [S3Part] = []
        var marker: String?
        repeat {
            var query: [(name: String, value: String)] = [("uploadId", uploadId)]
            if let marker { query.append(("part-number-marker", marker)) }
            let operation = AWSOperation(service: .s3, name: "ListParts", idempotent: true)
            let response = try await client.send(request(method: "GET", bucket: bucket, key: key, query: query), operation: operation)
            let root = try client.parseXML(response, operation: operation)
            parts += root.children("Part").compactMap { p in
                guard let number = p.text("PartNumber").flatMap({ Int($0) }), let etag = p.text("ETag") else { return nil }
                return S3Part(partNumber: number, etag: Self.unquote(etag), size: Int64(p.text("Size") ?? "") ?? 0)
            }
            marker = root.text("IsTruncated") == "true" ? root.text("NextPartNumberMarker") : nil
        } while marker != nil
        return parts
    }

    /// `ListMultipartUploads`, every page: uploads begun under `prefix` and not finished.
    public func listMultipartUploads(bucket: String, prefix: String? = nil) async throws -> [S3MultipartUpload] {
        var uploads: [S3MultipartUpload] = []
        var keyMarker: String?
        var idMarker: String?
        repeat {
            var query: [(name: String, value: String)] = [("uploads", "")]
            if let prefix { query.append(("prefix", prefix)) }
            if let keyMarker { query.append(("key-marker", keyMarker)) }
            if let idMarker { query.append(("upload-id-marker", idMarker)) }
            let operation = AWSOperation(service: .s3, name: "ListMultipartUploads", idempotent: true)
            let response = try await client.send(request(method: "GET", bucket: bucket, query: query), operation: operation)
            let root = try client.parseXML(response, operation: operation)
            uploads += root.children("Upload").compactMap { u in
                guard let key = u.text("Key"), let id = u.text("UploadId") else { return nil }
                return S3MultipartUpload(key: key, uploadId: id, initiated: u.text("Initiated").flatMap(AWSDate.parse))
            }
            if root.text("IsTruncated") == "true" {
                keyMarker = root.text("NextKeyMarker")
                idMarker = root.text("NextUploadIdMarker")
            } else {
                keyMarker = nil
            }
        } while keyMarker != nil
        return uploads
    }

    // MARK: - Presigning

    /// A presigned URL for `method` on an object, valid for `expires` seconds (at most 7 days).
    public func presignedURL(method: String = "GET", bucket: String, key: String, expires: Int = 3600) -> String {
        let signer = SigV4Signer(credentials: client.configuration.credentials, region: client.configuration.region, service: "s3")
        return signer.presign(request(method: method, bucket: bucket, key: key), date: client.clock.now(), expires: expires).urlString
    }

    // MARK: - Internals

    /// The request for a bucket (and object), addressed path-style or virtual-hosted-style.
    public func request(
        method: String, bucket: String, key: String? = nil, query: [(name: String, value: String)] = [],
        headers: HTTPHeaders = HTTPHeaders(), body: HTTPBody = .empty
    ) -> HTTPRequest {
        let endpoint = client.configuration.endpoint(for: .s3)
        let objectPath = key.map { "/" + AWSURIEncoding.encodePath($0) } ?? ""
        if endpoint.isCustom || client.configuration.s3ForcePathStyle || !Self.isVirtualHostable(bucket) {
            return client.makeRequest(
                .s3, method: method, encodedPath: "/" + AWSURIEncoding.encode(bucket) + objectPath, query: query, headers: headers, body: body)
        }
        return client.makeRequest(
            .s3, method: method, host: "\(bucket).\(endpoint.host)", encodedPath: objectPath.isEmpty ? "/" : objectPath,
            query: query, headers: headers, body: body)
    }

    private func send(
        _ name: String, idempotent: Bool, _ request: HTTPRequest, progress: (@Sendable (HTTPTransferProgress) -> Void)? = nil
    ) async throws -> HTTPResponse {
        let payload: AWSClient.PayloadSigning = if case .file = request.body { .unsigned } else { .signed }
        return try await client.send(
            request, operation: AWSOperation(service: .s3, name: name, idempotent: idempotent), payload: payload, progress: progress)
    }

    /// Lower-case letters, digits and hyphens, 3–63 long, no dots (dots break TLS wildcard certificates).
    static func isVirtualHostable(_ bucket: String) -> Bool {
        guard (3...63).contains(bucket.count), bucket.first != "-", bucket.last != "-" else { return false }
        return bucket.allSatisfy { ($0.isASCII && $0.isLowercase) || $0.isNumber || $0 == "-" }
    }

    static func info(_ response: HTTPResponse) -> S3ObjectInfo {
        var metadata: [String: String] = [:]
        for (name, value) in response.headers where name.lowercased().hasPrefix("x-amz-meta-") {
            metadata[String(name.lowercased().dropFirst("x-amz-meta-".count))] = value
        }
        return S3ObjectInfo(
            size: Int64(response.headers["Content-Length"] ?? "") ?? Int64(response.body.count), etag: etag(response),
            lastModified: response.headers["Last-Modified"].flatMap(AWSDate.parse), contentType: response.headers["Content-Type"],
            metadata: metadata)
    }

    static func etag(_ response: HTTPResponse) -> String? { response.headers["ETag"].map(unquote) }

    static func unquote(_ etag: String) -> String {
        var text = etag.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("&quot;") { text = String(text.dropFirst(6)) }
        if text.hasSuffix("&quot;") { text = String(text.dropLast(6)) }
        return text.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
    }
}
