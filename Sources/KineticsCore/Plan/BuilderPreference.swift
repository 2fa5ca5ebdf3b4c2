/// Which builder the user asked for.
public enum BuilderPreference: String, Codable, Sendable, Hashable, CaseIterable {
    /// cargo-lambda when `cargo lambda --version` works, else cargo.
    case automatic = "auto"
    case cargo
    case cargoLambda = "cargo-lambda"
}
