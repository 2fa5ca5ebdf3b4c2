import Foundation

/// What `HeadObject` / `GetObject` say of an object.
public struct S3ObjectInfo: Sendable, Hashable {
    public var size: Int64
    /// The ETag without its quotes.
    public var etag: String?
    public var lastModified: Date?
    public var contentType: String?
    /// `x-amz-meta-*` headers, names without the prefix, lower-cased.
    public var metadata: [String: String]

    public init(size: Int64, etag: String? = nil, lastModified: Date? = nil, contentType: String? = nil, metadata: [String: String] = [:]) {
        self.size = size
        self.etag = etag
        self.lastModified = lastModified
        self.contentType = contentType
        self.metadata = metadata
    }
}

/// One object of a listing.
public struct S3Object: Sendable, Hashable {
    public var key: String
    public var size: Int64
    public var etag: String?
    public var lastModified: Date?
}

/// One page of `ListObjectsV2`.
public struct S3ObjectList: Sendable, Hashable {
    public var objects: [S3Object]
    public var commonPrefixes: [String]
    public var nextContinuationToken: String?
    public var isTruncated: Bool
}

/// A part already uploaded, as `ListParts` returns it.
public struct S3Part: Sendable, Hashable {
    public var partNumber: Int
    public var etag: String
    public var size: Int64

    public init(partNumber: Int, etag: String, size: Int64) {
        self.partNumber = partNumber
        self.etag = etag
        self.size = size
    }
}

/// A part to name in `CompleteMultipartUpload`.
public struct S3CompletedPart: Sendable, Hashable {
    public var partNumber: Int
    public var etag: String

    public init(partNumber: Int, etag: String) {
        self.partNumber = partNumber
        self.etag = etag
    }
}

/// A multipart upload begun and neither completed nor aborted.
public struct S3MultipartUpload: Sendable, Hashable {
    public var key: String
    public var uploadId: String
    public var initiated: Date?
}

/// What `DeleteObjects` did.
public struct S3DeleteResult: Sendable, Hashable {
    public struct Failure: Sendable, Hashable {
        public var key: String
        public var code: String
        public var message: String
    }

    public var deleted: [String]
    public var errors: [Failure]
}
