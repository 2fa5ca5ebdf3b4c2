/// The Rust tools a build would use, with their versions.
public struct Toolchain: Codable, Sendable, Hashable {
    /// `rustc -vV`, verbatim (release, commit, host, LLVM version).
    public var rustcVersion: String
    /// The host triple from `rustc -vV`.
    public var host: String
    /// `cargo lambda --version`, or `nil` when cargo-lambda is not installed or does not run.
    public var cargoLambdaVersion: String?

    public init(rustcVersion: String, host: String, cargoLambdaVersion: String?) {
        self.rustcVersion = rustcVersion
        self.host = host
        self.cargoLambdaVersion = cargoLambdaVersion
    }
}
