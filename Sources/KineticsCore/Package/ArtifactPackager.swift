import Foundation

/// Packages one function: its `bootstrap` (0755) and assets (0644) into a deterministic zip named by function.
public struct ArtifactPackager: Sendable {
    public var zip: DeterministicZip
    /// Where the zips go: `<directory>/<FunctionName>.zip`.
    public var directory: String

    public init(directory: String, zip: DeterministicZip = DeterministicZip()) {
        self.directory = directory
        self.zip = zip
    }

    public func package(function: String, bootstrap: String, assets: [ArtifactAsset] = []) throws -> PackagedArtifact {
        var info = stat()
        guard stat(bootstrap, &info) == 0 else {
            throw PackageError(.io, "The bootstrap of \(function) is missing at \(bootstrap); build it again.")
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw PackageError(.io, "Cannot create \(directory) (\(error.localizedDescription)); check its permissions.")
        }
        let path = "\(directory)/\(function).zip"
        let entries = [ZipEntry(name: "bootstrap", source: bootstrap, permissions: 0o755)]
            + assets.map { ZipEntry(name: $0.name, source: $0.source, permissions: 0o644) }
        let result = try zip.write(entries, to: path)
        return PackagedArtifact(
            functionName: function,
            zipPath: path,
            size: result.size,
            sha256: result.sha256,
            bootstrapSize: Int64(info.st_size)
        )
    }
}
