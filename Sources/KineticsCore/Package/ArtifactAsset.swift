/// A file packaged beside a function's bootstrap.
public struct ArtifactAsset: Codable, Sendable, Hashable {
    /// Absolute path of the file.
    public var source: String
    /// Its path inside the zip.
    public var name: String

    public init(source: String, name: String) {
        self.source = source
        self.name = name
    }
}
