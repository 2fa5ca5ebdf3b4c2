/// How one artifact went up.
public struct UploadResult: Codable, Sendable, Hashable {
    public var bucket: String
    public var key: String
    public var etag: String
    public var seconds: Double
    /// Bytes sent by this run per second.
    public var bytesPerSecond: Double
    /// Bytes sent by this run (parts found on S3 excluded).
    public var bytesSent: Int64
    /// The multipart upload's id; `nil` for a single PutObject.
    public var uploadId: String?
    public var partsSent: Int
    /// Parts of an interrupted upload found on S3 and not sent again.
    public var partsReused: Int

    public init(
        bucket: String, key: String, etag: String, seconds: Double, bytesPerSecond: Double, bytesSent: Int64, uploadId: String?,
        partsSent: Int, partsReused: Int
    ) {
        self.bucket = bucket
        self.key = key
        self.etag = etag
        self.seconds = seconds
        self.bytesPerSecond = bytesPerSecond
        self.bytesSent = bytesSent
        self.uploadId = uploadId
        self.partsSent = partsSent
        self.partsReused = partsReused
    }
}
