/// Everything besides the sources that decides what a build produces; all of it is part of the input hash.
public struct BuildConfiguration: Codable, Sendable, Hashable {
    public var builder: BuilderKind
    /// The cargo profile, `release` unless asked otherwise.
    public var profile: String
    /// The target triple passed with `--target`, `nil` for cargo's default.
    public var target: String?
    public var features: [String]
    public var noDefaultFeatures: Bool
    /// The environment variables that change what cargo produces (`RUSTFLAGS`, `CARGO_ENCODED_RUSTFLAGS`,
    /// `CARGO_BUILD_*`, `CARGO_PROFILE_*`, `CARGO_TARGET_<triple>_*`, `CARGO_LAMBDA_*`, `RUSTC_WRAPPER`), as
    /// `NAME=value` lines, sorted.
    public var buildEnvironment: [String]
    public var toolchain: Toolchain

    public init(
        builder: BuilderKind,
        profile: String = "release",
        target: String? = nil,
        features: [String] = [],
        noDefaultFeatures: Bool = false,
        buildEnvironment: [String] = [],
        toolchain: Toolchain
    ) {
        self.builder = builder
        self.profile = profile
        self.target = target
        self.features = features.sorted()
        self.noDefaultFeatures = noDefaultFeatures
        self.buildEnvironment = buildEnvironment.sorted()
        self.toolchain = toolchain
    }

    /// The variables of `environment` that are part of a build's inputs (see ``buildEnvironment``).
    public static func buildEnvironment(from environment: [String: String]) -> [String] {
        let exact: Set<String> = ["RUSTFLAGS", "CARGO_ENCODED_RUSTFLAGS", "RUSTC_WRAPPER", "RUSTC"]
        let prefixes = ["CARGO_BUILD_", "CARGO_PROFILE_", "CARGO_TARGET_", "CARGO_LAMBDA_"]
        return environment.compactMap { key, value in
            guard key != "CARGO_TARGET_DIR", exact.contains(key) || prefixes.contains(where: key.hasPrefix) else { return nil }
            return "\(key)=\(value)"
        }.sorted()
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
            "environment \(buildEnvironment.joined(separator: "\u{1F}"))",
            "rustc \(toolchain.rustcVersion)",
            "cargo-lambda \(builder == .cargoLambda ? toolchain.cargoLambdaVersion ?? "unknown" : "unused")",
        ]
    }
}
