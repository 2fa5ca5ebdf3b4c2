/// The one cargo command that builds the functions that need it.
///
/// Both builders use `--message-format=json` rather than `json-render-diagnostics`: with the latter cargo prints
/// rustc's diagnostics to stderr as text and leaves them out of the JSON, so there would be no spans to turn
/// into file:line:column. `--keep-going` lets every bin that compiles finish even when another has errors, so
/// each function's status is known. cargo-lambda is asked for `--output-format binary`: its zips stamp the
/// binary's mtime and mode, so they are not byte-identical across builds; the package stage zips instead.
public struct CargoInvocation: Sendable, Hashable {
    public var builder: BuilderKind
    /// The bin targets to build, sorted.
    public var bins: [String]
    public var profile: String
    public var target: String?
    public var features: [String]
    public var noDefaultFeatures: Bool
    /// The crate directory cargo runs in.
    public var workingDirectory: String

    public init(configuration: BuildConfiguration, bins: [String], workingDirectory: String) {
        self.builder = configuration.builder
        self.bins = bins.sorted()
        self.profile = configuration.profile
        self.target = configuration.target
        self.features = configuration.features
        self.noDefaultFeatures = configuration.noDefaultFeatures
        self.workingDirectory = workingDirectory
    }

    public var arguments: [String] {
        var args: [String]
        switch builder {
        case .cargo: args = ["build"]
        case .cargoLambda: args = ["lambda", "build", "--output-format", "binary"]
        }
        args += profile == "release" ? ["--release"] : ["--profile", profile]
        args += ["--message-format=json", "--keep-going"]
        if let target { args += ["--target", target] }
        if !features.isEmpty { args += ["--features", features.joined(separator: ",")] }
        if noDefaultFeatures { args.append("--no-default-features") }
        for bin in bins { args += ["--bin", bin] }
        return args
    }

    public var spec: ProcessSpec {
        ProcessSpec(
            "cargo",
            arguments,
            workingDirectory: workingDirectory,
            environment: ["CARGO_TERM_COLOR": "never", "CARGO_TERM_PROGRESS_WHEN": "never"]
        )
    }
}
