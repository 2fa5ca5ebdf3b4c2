import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds `rustc` and `cargo lambda` and asks their versions, remembering the answers in a small file.
///
/// Running `rustc -vV` through rustup costs ~50 ms and `cargo lambda --version` more, too much for a run where
/// nothing changed. The answers are kept under a key made of what would change them: the path, size and mtime
/// of `rustc`, `cargo` and `cargo-lambda` as found on `PATH`, rustup's `settings.toml` and `toolchains`
/// directory (a `rustup update` or `rustup default` changes these), `RUSTUP_TOOLCHAIN`, `RUSTC`, and the
/// project's `rust-toolchain(.toml)` files. A proxy whose target changes without any of these changing would
/// go unnoticed; delete the cache file (or `target/`) to probe again.
public struct ToolchainProbe: Sendable {
    public var runner: any ProcessRunner
    public var environment: [String: String]
    /// Where the answers are kept; `nil` probes every time.
    public var cachePath: String?

    public init(runner: any ProcessRunner, environment: [String: String], cachePath: String?) {
        self.runner = runner
        self.environment = environment
        self.cachePath = cachePath
    }

    private struct CacheFile: Codable {
        var key: String
        var toolchain: Toolchain
    }

    /// The toolchain for a crate whose toolchain files are `toolchainFiles` (absolute paths, present or not).
    public func probe(toolchainFiles: [String] = []) async throws -> Toolchain {
        let path = environment["PATH"]
        let rustc = environment["RUSTC"].flatMap { LiveProcessRunner.resolve($0, path: path) }
            ?? LiveProcessRunner.resolve("rustc", path: path)
        guard let rustc else {
            throw BuildError(
                .toolMissing,
                "rustc was not found on PATH; install Rust (rustup) or add its bin directory to PATH.",
                context: "rustc"
            )
        }
        let cargoLambda = locateCargoLambda()
        let rustupHome = environment["RUSTUP_HOME"] ?? "\(environment["HOME"] ?? "/root")/.rustup"
        var keyParts = [
            "v1", "PATH=\(path ?? "")", "RUSTUP_TOOLCHAIN=\(environment["RUSTUP_TOOLCHAIN"] ?? "")",
            Self.signature(rustc), Self.signature(cargoLambda ?? "cargo-lambda:absent"),
            Self.signature(LiveProcessRunner.resolve("cargo", path: path) ?? "cargo:absent"),
            Self.signature("\(rustupHome)/settings.toml"), Self.signature("\(rustupHome)/toolchains"),
        ]
        keyParts += toolchainFiles.map(Self.signature)
        let key = StreamingSHA256.hex(of: keyParts.joined(separator: "\n"))

        if let cachePath, let data = FileManager.default.contents(atPath: cachePath),
            let cached = try? JSONDecoder().decode(CacheFile.self, from: data), cached.key == key
        {
            return cached.toolchain
        }

        let version = try await runner.collect(ProcessSpec(rustc, ["-vV"]))
        guard version.termination.succeeded else {
            throw BuildError(
                .toolMissing,
                "`\(rustc) -vV` failed (\(version.termination)): \(version.stderr.joined(separator: " ")). Check the Rust installation (rustup show).",
                context: rustc
            )
        }
        let host = version.stdout.first { $0.hasPrefix("host: ") }.map { String($0.dropFirst(6)) } ?? "unknown"
        var lambdaVersion: String?
        if cargoLambda != nil {
            let result = try? await runner.collect(ProcessSpec("cargo", ["lambda", "--version"]))
            if let result, result.termination.succeeded, let line = result.stdout.first(where: { !$0.isEmpty }) {
                lambdaVersion = line
            }
        }
        let toolchain = Toolchain(
            rustcVersion: version.stdout.joined(separator: "\n"),
            host: host,
            cargoLambdaVersion: lambdaVersion
        )
        if let cachePath, let data = try? JSONEncoder().encode(CacheFile(key: key, toolchain: toolchain)) {
            try? AtomicFile.write(data, to: cachePath)
        }
        return toolchain
    }

    /// `cargo-lambda` on `PATH` or in `$CARGO_HOME/bin`, where cargo looks for subcommands.
    private func locateCargoLambda() -> String? {
        let cargoHome = environment["CARGO_HOME"] ?? "\(environment["HOME"] ?? "/root")/.cargo"
        let path = [environment["PATH"] ?? "", "\(cargoHome)/bin"].joined(separator: ":")
        return LiveProcessRunner.resolve("cargo-lambda", path: path)
    }

    /// `path:size:mtime` of a file or directory, or `path:absent`.
    static func signature(_ path: String) -> String {
        var info = stat()
        guard stat(path, &info) == 0 else { return "\(path):absent" }
        return "\(path):\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }
}
