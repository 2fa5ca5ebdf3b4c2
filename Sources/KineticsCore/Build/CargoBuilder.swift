import Foundation

/// Runs the cargo invocation, turns its JSON messages into events, and collects the built executables.
public struct CargoBuilder: Sendable {
    public var runner: any ProcessRunner

    public init(runner: any ProcessRunner) {
        self.runner = runner
    }

    /// Builds, calling `emit` with ``ArtifactEvent/unitCompiled(_:)`` and ``ArtifactEvent/compilerDiagnostic(_:)``
    /// as cargo reports them. `locate` turns a span's file (absolute) into a ``SourceLocation`` file.
    ///
    /// Throws ``BuildError`` with `cargoTerminated` when cargo is killed by a signal, `toolMissing` when cargo
    /// cannot be started, and `CancellationError` when the calling task is cancelled (cargo is stopped then).
    public func build(
        _ invocation: CargoInvocation,
        plannedUnits: Int?,
        workspaceRoot: String,
        locate: @Sendable (String) -> String,
        emit: @Sendable (ArtifactEvent) -> Void
    ) async throws -> CargoBuildOutcome {
        var outcome = CargoBuildOutcome(
            executables: [:], diagnostics: [], cargoErrors: [], stderrTail: [], termination: .exited(-1),
            dependencyUnits: 0, units: 0
        )
        var terminated = false
        let bins = Set(invocation.bins)
        let builder = invocation.builder
        do {
            for try await output in runner.run(invocation.spec) {
                switch output {
                case .started:
                    break
                case .stdout(let line):
                    handle(CargoMessage.parse(line), builder: builder, bins: bins, planned: plannedUnits,
                        workspaceRoot: workspaceRoot, locate: locate, outcome: &outcome, emit: emit)
                case .stderr(let line):
                    let clean = TextSanitizer.sanitize(line)
                    if clean.hasPrefix("error") && !clean.hasPrefix("error: could not compile") {
                        outcome.cargoErrors.append(clean)
                    }
                    outcome.stderrTail.append(clean)
                    if outcome.stderrTail.count > 20 { outcome.stderrTail.removeFirst() }
                case .terminated(let termination):
                    outcome.termination = termination
                    terminated = true
                }
            }
        } catch let error as ProcessRunnerError {
            throw BuildError(
                .toolMissing,
                "cargo could not be started (\(error.description)) Install Rust with rustup, or add cargo to PATH.",
                context: invocation.spec.commandLine
            )
        }
        guard terminated else {
            try Task.checkCancellation()
            throw CancellationError()
        }
        if case .signaled(let signal) = outcome.termination {
            throw BuildError(
                .cargoTerminated,
                "cargo was stopped by signal \(signal) before it finished; nothing from this build was packaged and the artifacts of earlier builds are kept. Run the build again: cargo picks up what it already compiled.",
                context: invocation.spec.commandLine
            )
        }
        return outcome
    }

    /// Where the built binary of `bin` ends up. cargo-lambda moves `<target-dir>/<triple>/<profile>/<bin>`
    /// (the path cargo reports) to `<target-dir>/lambda/<bin>/bootstrap` after cargo finishes.
    static func bootstrap(of bin: String, executable: String, builder: BuilderKind) -> String {
        switch builder {
        case .cargo:
            return executable
        case .cargoLambda:
            var targetDirectory = URL(fileURLWithPath: executable)
            for _ in 0..<3 { targetDirectory.deleteLastPathComponent() }
            return "\(targetDirectory.path)/lambda/\(bin)/bootstrap"
        }
    }

    private func handle(
        _ message: CargoMessage,
        builder: BuilderKind,
        bins: Set<String>,
        planned: Int?,
        workspaceRoot: String,
        locate: (String) -> String,
        outcome: inout CargoBuildOutcome,
        emit: (ArtifactEvent) -> Void
    ) {
        switch message {
        case .artifact(let crate, let target, let kinds, let executable, let fresh):
            outcome.units += 1
            if kinds.contains("bin") {
                if bins.contains(target), let executable {
                    outcome.executables[target] = Self.bootstrap(of: target, executable: executable, builder: builder)
                }
            } else {
                outcome.dependencyUnits += 1
            }
            let total = planned.map { max($0, outcome.units) }
            emit(.unitCompiled(UnitProgress(crate: crate, target: target, fresh: fresh, compiled: outcome.units, planned: total)))
        case .compilerMessage(let raw):
            guard raw.level != "failure-note" else { return }
            var location: SourceLocation?
            if let file = raw.spanFile {
                let absolute = file.hasPrefix("/") ? file : "\(workspaceRoot)/\(file)"
                location = SourceLocation(file: locate(absolute), line: raw.line, column: raw.column)
            }
            let diagnostic = CompilerDiagnostic(
                level: raw.level,
                code: raw.code,
                message: TextSanitizer.sanitize(raw.message),
                rendered: TextSanitizer.sanitize(raw.rendered, keepNewlines: true),
                location: location,
                crate: raw.crate,
                target: raw.target,
                isBinTarget: raw.isBinTarget
            )
            outcome.diagnostics.append(diagnostic)
            emit(.compilerDiagnostic(diagnostic))
        case .buildScriptExecuted, .buildFinished, .text:
            break
        }
    }
}
