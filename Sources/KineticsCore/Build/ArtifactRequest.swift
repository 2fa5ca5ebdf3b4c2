/// What to build and package, and how.
public struct ArtifactRequest: Sendable, Hashable {
    public var project: Project
    /// Function names to build; empty for every function of the project.
    public var functions: [String]
    public var builder: BuilderPreference
    public var profile: String
    public var features: [String]
    public var noDefaultFeatures: Bool
    /// Build even functions whose inputs did not change.
    public var force: Bool
    /// Files to package beside a function's bootstrap, by function name.
    public var assets: [String: [ArtifactAsset]]
    /// Where state, file hashes, zips and the build copy live; `nil` for `<project>/target/kinetics-tui`.
    public var workDirectory: String?
    /// Stop after the plan stage (`kinetics-tui plan`): say what would be built, build nothing.
    public var planOnly: Bool = false

    public init(
        project: Project,
        functions: [String] = [],
        builder: BuilderPreference = .automatic,
        profile: String = "release",
        features: [String] = [],
        noDefaultFeatures: Bool = false,
        force: Bool = false,
        assets: [String: [ArtifactAsset]] = [:],
        workDirectory: String? = nil
    ) {
        self.project = project
        self.functions = functions
        self.builder = builder
        self.profile = profile
        self.features = features
        self.noDefaultFeatures = noDefaultFeatures
        self.force = force
        self.assets = assets
        self.workDirectory = workDirectory
    }

    /// The directory state, file hashes, zips and the build copy live in.
    public var resolvedWorkDirectory: String {
        workDirectory ?? "\(CrateSources.standardize(project.root))/target/kinetics-tui"
    }
}
