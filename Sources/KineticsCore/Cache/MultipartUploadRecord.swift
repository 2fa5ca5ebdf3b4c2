import Foundation

/// A multipart upload in flight, kept so an interrupted upload resumes instead of starting over.
public struct MultipartUploadRecord: Codable, Sendable, Hashable {
    public struct Part: Codable, Sendable, Hashable {
        public var number: Int
        public var etag: String
        public var size: Int64

        public init(number: Int, etag: String, size: Int64) {
            self.number = number
            self.etag = etag
            self.size = size
        }
    }

    /// Empty for AWS itself.
    public var endpoint: String
    public var bucket: String
    public var key: String
    public var uploadId: String
    /// SHA-256 of the whole file, so a resume never mixes parts of two different files.
    public var sha256: String
    public var totalSize: Int64
    public var partSize: Int64
    public var startedAt: Date
    /// Parts already uploaded, by part number.
    public var parts: [Part]

    public init(
        endpoint: String = "", bucket: String, key: String, uploadId: String, sha256: String, totalSize: Int64,
        partSize: Int64, startedAt: Date = Date(), parts: [Part] = []
    ) {
        self.endpoint = endpoint
        self.bucket = bucket
        self.key = key
        self.uploadId = uploadId
        self.sha256 = sha256
        self.totalSize = totalSize
        self.partSize = partSize
        self.startedAt = startedAt
        self.parts = parts
    }
}
