/// One function's zip, ready for upload: where it is, how big, its SHA-256 and the S3 key that SHA-256 names.
public struct PackagedArtifact: Codable, Sendable, Hashable {
    public var functionName: String
    /// Absolute path of the zip file.
    public var zipPath: String
    /// Size of the zip in bytes.
    public var size: Int64
    /// SHA-256 of the zip, 64 lower-case hex digits.
    public var sha256: String
    /// `artifacts/<FunctionName>/<sha256>.zip`.
    public var s3Key: String
    /// Size of the bootstrap binary before compression.
    public var bootstrapSize: Int64

    public init(functionName: String, zipPath: String, size: Int64, sha256: String, bootstrapSize: Int64) {
        self.functionName = functionName
        self.zipPath = zipPath
        self.size = size
        self.sha256 = sha256
        self.s3Key = Self.s3Key(function: functionName, sha256: sha256)
        self.bootstrapSize = bootstrapSize
    }

    /// The content-addressed key of a function's zip in the artifact bucket.
    public static func s3Key(function: String, sha256: String) -> String {
        "artifacts/\(function)/\(sha256).zip"
    }
}
