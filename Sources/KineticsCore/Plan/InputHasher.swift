/// Computes each function's input hash: a SHA-256 over everything its artifact is built from.
///
/// The project part (build configuration, tool versions, kinetics-tui's version and every shared source file of
/// ``CrateSources``) is hashed once; each function's hash adds its own files (its bin source, or the generated
/// entry point of a project that depends on the `kinetics` crate) and its declared assets. Because all bins of
/// a crate link the same library, a change to any shared file changes every function's hash; only a change to
/// a bin's own file is precise to that function.
public struct InputHasher {
    public var digests: FileDigestCache

    public init(digests: FileDigestCache) {
        self.digests = digests
    }

    /// What goes into one function's hash besides the shared part.
    public struct FunctionInputs: Sendable, Hashable {
        public var name: String
        /// Absolute paths of files only this function is built from.
        public var ownFiles: [String]
        /// Text only this function is built from (e.g. a generated entry point).
        public var generated: [String]
        /// Absolute paths of files packaged beside the bootstrap.
        public var assets: [String]

        public init(name: String, ownFiles: [String] = [], generated: [String] = [], assets: [String] = []) {
            self.name = name
            self.ownFiles = ownFiles
            self.generated = generated
            self.assets = assets
        }
    }

    /// The shared hash, and each function's hash by name; files in `ignoring` (absolute paths) are left out.
    public func hashes(
        sources: CrateSources,
        configuration: BuildConfiguration,
        extraShared: [String] = [],
        functions: [FunctionInputs],
        ignoring: Set<String> = []
    ) throws -> (project: String, functions: [String: String]) {
        let shared = StreamingSHA256()
        shared.update("kinetics-tui input hash v1\n")
        for line in configuration.hashLines + extraShared {
            shared.update(line)
            shared.update("\n")
        }
        for file in sources.sharedFiles where !ignoring.contains(file) {
            shared.update("file \(sources.relative(file)) \(try digests.digest(ofFile: file) ?? "absent")\n")
        }
        let projectHash = shared.finalizeHex()

        var result: [String: String] = [:]
        for function in functions {
            let hasher = StreamingSHA256()
            hasher.update("project \(projectHash)\nfunction \(function.name)\n")
            for file in function.ownFiles {
                hasher.update("own \(sources.relative(file)) \(try digests.digest(ofFile: file) ?? "absent")\n")
            }
            for text in function.generated {
                hasher.update("generated \(StreamingSHA256.hex(of: text))\n")
            }
            for asset in function.assets {
                hasher.update("asset \(sources.relative(asset)) \(try digests.digest(ofFile: asset) ?? "absent")\n")
            }
            result[function.name] = hasher.finalizeHex()
        }
        return (projectHash, result)
    }
}
