/// Which tool compiles the functions.
public enum BuilderKind: String, Codable, Sendable, Hashable, CaseIterable {
    /// `cargo build` for the host: a Linux binary that runs on Lambda only if the host's glibc is not newer
    /// than Lambda's (provided.al2023 has glibc 2.34).
    case cargo
    /// `cargo lambda build`: links with zig for Lambda's glibc, so the binary runs on provided.al2023 from any host.
    case cargoLambda = "cargo-lambda"
}

/// Which builder the user asked for.
public enum BuilderPreference: String, Codable, Sendable, Hashable, CaseIterable {
    /// cargo-lambda when `cargo lambda --version` works, else cargo.
    case automatic = "auto"
    case cargo
    case cargoLambda = "cargo-lambda"
}

/// Everything besides the sources that decides what a build produces; all of it is part of the input hash.
public struct BuildConfiguration: Codable, Sendable, Hashable {
    public var builder: BuilderKind
    /// The cargo profile, `release` unless asked otherwise.
    public var profile: String
    /// The target triple passed with `--target`, `nil` for cargo's default.
    public var target: String?
    public var features: [String]
    public var noDefaultFeatures: Bool
    /// `RUSTFLAGS` and `CARGO_ENCODED_RUSTFLAGS` as set when the build runs.
    public var rustflags: String
    public var toolchain: Toolchain

    public init(
        builder: BuilderKind,
        profile: String = "release",
        target: String? = nil,
        features: [String] = [],
        noDefaultFeatures: Bool = false,
        rustflags: String = "",
        toolchain: Toolchain
    ) {
        self.builder = builder
        self.profile = profile
        self.target = target
        self.features = features.sorted()
        self.noDefaultFeatures = noDefaultFeatures
        self.rustflags = rustflags
        self.toolchain = toolchain
    }

    /// The lines this configuration contributes to an input hash, in a fixed order.
    var hashLines: [String] {
        [
            "kinetics-tui \(KineticsVersion.current)",
            "builder \(builder.rawValue)",
            "profile \(profile)",
            "target \(target ?? "default")",
            "features \(features.joined(separator: ","))",
            "no-default-features \(noDefaultFeatures)",
            "rustflags \(rustflags)",
            "rustc \(toolchain.rustcVersion)",
            "cargo-lambda \(builder == .cargoLambda ? toolchain.cargoLambdaVersion ?? "unknown" : "unused")",
        ]
    }
}
