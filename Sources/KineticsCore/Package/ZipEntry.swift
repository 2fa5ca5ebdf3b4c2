/// A file to put into a zip.
public struct ZipEntry: Sendable, Hashable {
    /// The path inside the zip, `/`-separated.
    public var name: String
    /// The absolute path of the file to read.
    public var source: String
    /// Unix permission bits recorded for the entry (`0o755` for the bootstrap, `0o644` for assets).
    public var permissions: UInt16

    public init(name: String, source: String, permissions: UInt16) {
        self.name = name
        self.source = source
        self.permissions = permissions
    }
}
