import ArgumentParser
import Foundation
import KineticsCore

/// `kinetics-tui discover [--project DIR] [--json]`: what kinetics-tui would deploy, and every problem found.
///
/// Exit status: 0 when discovery found no errors (warnings and notes are fine), 1 when it found errors,
/// 2 on bad usage.
struct DiscoverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "discover",
        abstract: "List the functions, resources, environment and secret names of a Kinetics project.",
        discussion: """
            Reads Cargo.toml, kinetics.toml, .env, .env.secrets (names only) and every src/**/*.rs of the crate, \
            or of each member crate of a Cargo workspace. Exits 0 without errors, 1 with errors, 2 on bad usage. \
            The --json document is described in docs/discover-json.md.
            """
    )

    @Option(name: .long, help: ArgumentHelp("The project (or workspace) directory.", valueName: "DIR"))
    var project: String = "."

    @Flag(name: .long, help: "Print a JSON document instead of the listing.")
    var json = false

    func run() throws {
        let result = ProjectDiscovery.discover(at: project, environment: ProcessInfo.processInfo.environment)
        if json {
            FileHandle.standardOutput.write(Data(DiscoveryDocument.json(result).utf8))
        } else {
            let style: DiscoveryListing.Style = Self.colorAllowed() ? .color : .plain
            FileHandle.standardOutput.write(Data(DiscoveryListing.render(result, style: style).utf8))
        }
        if result.hasErrors { throw ExitCode.failure }
    }

    /// Colour only on a terminal, and never with `NO_COLOR` set or `TERM=dumb`.
    private static func colorAllowed() -> Bool {
        let environment = ProcessInfo.processInfo.environment
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        if environment["TERM"] == "dumb" { return false }
        return isatty(STDOUT_FILENO) == 1
    }
}
