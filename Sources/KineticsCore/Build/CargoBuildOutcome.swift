/// What one cargo run produced.
public struct CargoBuildOutcome: Sendable, Hashable {
    /// Built bin → its executable (the bootstrap), for every bin cargo reported as built or fresh.
    public var executables: [String: String]
    /// Every compiler message, errors and warnings.
    public var diagnostics: [CompilerDiagnostic]
    /// cargo's own `error:` lines from stderr (a bad manifest, a missing target, a failed download).
    public var cargoErrors: [String]
    /// The last lines of stderr, for a failure nothing else explains.
    public var stderrTail: [String]
    public var termination: ProcessTermination
    /// Non-bin units reported (see ``UnitEstimate``).
    public var dependencyUnits: Int
    public var units: Int

    /// The errors that keep `bin` from being built: its own, and those of anything every bin depends on.
    public func errors(for bin: String) -> [Diagnostic] {
        var found = diagnostics.filter { $0.isError && (!$0.isBinTarget || $0.target == bin) }.map(\.diagnostic)
        if found.isEmpty {
            found = cargoErrors.map { Diagnostic.error("cargo", $0) }
        }
        if found.isEmpty {
            let tail = stderrTail.suffix(5).joined(separator: " | ")
            found = [
                .error(
                    "cargo-failed",
                    "cargo ended with \(termination) without building \(bin) and without a compiler error\(tail.isEmpty ? "" : ": \(tail)"). Run the command shown above in the crate directory to see its full output."
                )
            ]
        }
        return found
    }
}
