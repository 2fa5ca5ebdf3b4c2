import Foundation
import Testing

@testable import KineticsCore

@Suite("Reading cargo's JSON messages")
struct CargoOutputTests {
    static let binArtifact = #"{"reason":"compiler-artifact","package_id":"path+file:///tmp/shop#0.1.0","manifest_path":"/tmp/shop/Cargo.toml","target":{"kind":["bin"],"crate_types":["bin"],"name":"ProductsList","src_path":"/tmp/shop/src/bin/ProductsList.rs"},"executable":"/tmp/shop/target/release/ProductsList","fresh":false}"#
    static let libArtifact = #"{"reason":"compiler-artifact","package_id":"path+file:///tmp/shop#shop@0.1.0","target":{"kind":["lib"],"name":"shop"},"executable":null,"fresh":true}"#
    static let error = #"{"reason":"compiler-message","package_id":"path+file:///tmp/shop#shop@0.1.0","target":{"kind":["bin"],"name":"Bad"},"message":{"rendered":"error[E0308]: mismatched types\n --> src/bin/Bad.rs:2:22\n\u001b[31mred\u001b[0m\n","level":"error","message":"mismatched types","code":{"code":"E0308","explanation":"x"},"spans":[{"file_name":"src/bin/Other.rs","line_start":9,"column_start":1,"is_primary":false},{"file_name":"src/bin/Bad.rs","line_start":2,"column_start":22,"is_primary":true}]}}"#
    static let note = #"{"reason":"compiler-message","package_id":"path+file:///tmp/shop#shop@0.1.0","target":{"kind":["bin"],"name":"Bad"},"message":{"rendered":"For more information","level":"failure-note","message":"For more information","code":null,"spans":[]}}"#

    @Test("artifacts, diagnostics, build-finished and stray text are told apart")
    func parse() {
        #expect(CargoMessage.parse(Self.binArtifact) == .artifact(crate: "shop", target: "ProductsList", kinds: ["bin"], executable: "/tmp/shop/target/release/ProductsList", fresh: false))
        #expect(CargoMessage.parse(Self.libArtifact) == .artifact(crate: "shop", target: "shop", kinds: ["lib"], executable: nil, fresh: true))
        #expect(CargoMessage.parse(#"{"reason":"build-finished","success":false}"#) == .buildFinished(success: false))
        #expect(CargoMessage.parse("▹▹▹▹▹ Compiling") == .text("▹▹▹▹▹ Compiling"))
        #expect(CargoMessage.parse("{broken json") == .text("{broken json"))
        guard case .compilerMessage(let raw) = CargoMessage.parse(Self.error) else {
            Issue.record("not a compiler message")
            return
        }
        #expect(raw.spanFile == "src/bin/Bad.rs")
        #expect(raw.line == 2 && raw.column == 22)
        #expect(raw.code == "E0308" && raw.isBinTarget && raw.target == "Bad")
    }

    @Test("crate names come out of every package id format", arguments: [
        ("path+file:///tmp/shop#0.1.0", "shop"),
        ("path+file:///tmp/shop/macros#shop-macros@0.1.0", "shop-macros"),
        ("registry+https://github.com/rust-lang/crates.io-index#serde@1.0.228", "serde"),
        ("serde 1.0.0 (registry+https://github.com/rust-lang/crates.io-index)", "serde"),
    ])
    func crateNames(id: String, name: String) {
        #expect(CargoMessage.crateName(fromPackageID: id) == name)
    }

    @Test("plain cargo and cargo-lambda get the documented command lines")
    func invocations() {
        let toolchain = Toolchain(rustcVersion: "r", host: "h", cargoLambdaVersion: "cargo-lambda 1.9.2")
        let cargo = CargoInvocation(configuration: BuildConfiguration(builder: .cargo, features: ["b", "a"], toolchain: toolchain), bins: ["B", "A"], workingDirectory: "/p")
        #expect(cargo.arguments == ["build", "--release", "--message-format=json", "--keep-going", "--features", "a,b", "--bin", "A", "--bin", "B"])
        let lambda = CargoInvocation(configuration: BuildConfiguration(builder: .cargoLambda, profile: "dist", toolchain: toolchain), bins: ["A"], workingDirectory: "/p")
        #expect(lambda.arguments == ["lambda", "build", "--output-format", "binary", "--profile", "dist", "--message-format=json", "--keep-going", "--bin", "A"])
        #expect(lambda.spec.executable == "cargo")
        #expect(lambda.spec.workingDirectory == "/p")
        #expect(cargo.spec.commandLine == "cargo build --release --message-format=json --keep-going --features a,b --bin A --bin B")
    }

    @Test("the unit estimate counts libraries and build scripts reachable through normal and build dependencies")
    func estimate() {
        let metadata = #"""
        {"packages":[
          {"id":"root","manifest_path":"/p/Cargo.toml","targets":[{"kind":["lib"]},{"kind":["bin"]},{"kind":["custom-build"]}]},
          {"id":"a","manifest_path":"/r/a/Cargo.toml","targets":[{"kind":["lib"]},{"kind":["custom-build"]}]},
          {"id":"m","manifest_path":"/r/m/Cargo.toml","targets":[{"kind":["proc-macro"]}]},
          {"id":"dev","manifest_path":"/r/dev/Cargo.toml","targets":[{"kind":["lib"]}]}
        ],"resolve":{"root":"root","nodes":[
          {"id":"root","deps":[{"pkg":"a","dep_kinds":[{"kind":null}]},{"pkg":"m","dep_kinds":[{"kind":"build"}]},{"pkg":"dev","dep_kinds":[{"kind":"dev"}]}]},
          {"id":"a","deps":[{"pkg":"m","dep_kinds":[{"kind":null}]}]},
          {"id":"m","deps":[]},{"id":"dev","deps":[]}
        ]}}
        """#
        #expect(UnitEstimate.fromMetadata(Data(metadata.utf8), manifestPath: "/p/Cargo.toml", bins: 2) == 2 + 2 + 2 + 1)
        #expect(UnitEstimate.fromMetadata(Data("nope".utf8), manifestPath: "/p/Cargo.toml", bins: 2) == nil)
    }

    @Test("the builder reports n of m units, maps diagnostics to files under the discovery root and collects bins")
    func builderEvents() async throws {
        let runner = ScriptedProcessRunner()
        runner.on({ $0.arguments.first == "build" }, outputs: [
            .started(pid: 1),
            .stderr("   Compiling shop v0.1.0"),
            .stdout(Self.libArtifact),
            .stdout(Self.error),
            .stdout(Self.note),
            .stdout(Self.binArtifact),
            .stderr("error: could not compile `shop` (bin \"Bad\") due to 1 previous error"),
            .stdout(#"{"reason":"build-finished","success":false}"#),
            .terminated(.exited(101)),
        ])
        let toolchain = Toolchain(rustcVersion: "r", host: "h", cargoLambdaVersion: nil)
        let invocation = CargoInvocation(configuration: BuildConfiguration(builder: .cargo, toolchain: toolchain), bins: ["ProductsList", "Bad"], workingDirectory: "/tmp/shop")
        let collected = EventLog()
        let outcome = try await CargoBuilder(runner: runner).build(
            invocation, plannedUnits: 1, workspaceRoot: "/tmp/shop",
            locate: { ArtifactPipeline.displayPath($0, crateDirectory: "/tmp/shop", projectRoot: "/tmp/shop", relativeRoot: "shop") },
            emit: { collected.append($0) }
        )
        #expect(outcome.executables == ["ProductsList": "/tmp/shop/target/release/ProductsList"])
        #expect(outcome.dependencyUnits == 1 && outcome.units == 2)
        let progress = collected.events.compactMap { event -> UnitProgress? in
            if case .unitCompiled(let p) = event { return p }
            return nil
        }
        #expect(progress.map(\.compiled) == [1, 2])
        #expect(progress.map(\.planned) == [1, 2])
        let errors = outcome.errors(for: "Bad")
        #expect(errors.count == 1)
        #expect(errors.first?.location == SourceLocation(file: "shop/src/bin/Bad.rs", line: 2, column: 22))
        #expect(errors.first?.code == "rustc-E0308")
        #expect(outcome.diagnostics.first?.rendered.contains("\u{1B}") == false)
        #expect(outcome.errors(for: "ProductsList").isEmpty == false, "a bin without its own error still gets an explanation")
    }

    @Test("cargo-lambda's bootstrap is where it moves the binary to, under the target directory's lambda/")
    func lambdaBootstrap() {
        #expect(CargoBuilder.bootstrap(of: "A", executable: "/p/target/x86_64-unknown-linux-gnu/release/A", builder: .cargoLambda) == "/p/target/lambda/A/bootstrap")
        #expect(CargoBuilder.bootstrap(of: "A", executable: "/p/target/release/A", builder: .cargo) == "/p/target/release/A")
    }

    @Test("cargo killed by a signal is a BuildError that says nothing was lost")
    func killed() async throws {
        let runner = ScriptedProcessRunner()
        runner.on({ _ in true }, outputs: [.started(pid: 1), .terminated(.signaled(9))])
        let toolchain = Toolchain(rustcVersion: "r", host: "h", cargoLambdaVersion: nil)
        let invocation = CargoInvocation(configuration: BuildConfiguration(builder: .cargo, toolchain: toolchain), bins: ["A"], workingDirectory: "/p")
        do {
            _ = try await CargoBuilder(runner: runner).build(invocation, plannedUnits: nil, workspaceRoot: "/p", locate: { $0 }, emit: { _ in })
            Issue.record("expected an error")
        } catch let error as BuildError {
            #expect(error.code == .cargoTerminated)
            #expect(error.message.contains("signal 9"))
            #expect(error.message.contains("kept"))
        }
    }

    @Test("paths map to the discovery root, or stay absolute outside it", arguments: [
        ("/w/api/src/lib.rs", "/w/api", "api", "api/src/lib.rs"),
        ("/w/shared/src/lib.rs", "/w/api", "api", "shared/src/lib.rs"),
        ("/root/.cargo/registry/src/x/lib.rs", "/w/api", "api", "/root/.cargo/registry/src/x/lib.rs"),
        ("/w/src/main.rs", "/w", ".", "src/main.rs"),
    ])
    func displayPaths(path: String, crate: String, relativeRoot: String, expected: String) {
        #expect(ArtifactPipeline.displayPath(path, crateDirectory: crate, projectRoot: crate, relativeRoot: relativeRoot) == expected)
    }
}

/// Collects events from a `@Sendable` callback.
final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [ArtifactEvent] = []

    func append(_ event: ArtifactEvent) { lock.withLock { stored.append(event) } }
    var events: [ArtifactEvent] { lock.withLock { stored } }
}
