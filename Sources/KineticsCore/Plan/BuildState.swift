/// What the last successful builds of a project produced, so an unchanged function is not built again.
public struct BuildState: Codable, Sendable, Hashable {
    /// The last successful build of one function.
    public struct FunctionRecord: Codable, Sendable, Hashable {
        /// The input hash the artifact was built from.
        public var inputHash: String
        public var artifact: PackagedArtifact
        /// The zip's mtime (nanoseconds since 1970) when it was written, to notice a zip replaced behind our back.
        public var zipModified: Int64

        public init(inputHash: String, artifact: PackagedArtifact, zipModified: Int64) {
            self.inputHash = inputHash
            self.artifact = artifact
            self.zipModified = zipModified
        }
    }

    public static let formatVersion = 1
    public var version: Int
    /// By function name.
    public var functions: [String: FunctionRecord]
    /// Non-bin compilation units (dependencies, the library, build scripts) the last build with a given
    /// dependency key compiled: the best count of "units planned" for the next build with the same key.
    public var dependencyUnits: [String: Int]

    public init(functions: [String: FunctionRecord] = [:], dependencyUnits: [String: Int] = [:]) {
        self.version = Self.formatVersion
        self.functions = functions
        self.dependencyUnits = dependencyUnits
    }
}
