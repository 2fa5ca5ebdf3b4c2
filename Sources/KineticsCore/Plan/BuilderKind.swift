/// Which tool compiles the functions.
public enum BuilderKind: String, Codable, Sendable, Hashable, CaseIterable {
    /// `cargo build` for the host: a Linux binary that runs on Lambda only if the host's glibc is not newer
    /// than Lambda's (provided.al2023 has glibc 2.34).
    case cargo
    /// `cargo lambda build`: links with zig for Lambda's glibc, so the binary runs on provided.al2023 from any host.
    case cargoLambda = "cargo-lambda"
}
