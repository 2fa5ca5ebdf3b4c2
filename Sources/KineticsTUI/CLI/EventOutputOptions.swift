import ArgumentParser
import KineticsCore

/// `--plain` / `--json`: how the events of a deploy, destroy or tail are printed (see docs/deploy-events.md).
struct EventOutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print one plain line per event (the default).")
    var plain = false

    @Flag(name: .long, help: "Print one JSON object per event (see docs/deploy-events.md).")
    var json = false

    func validate() throws {
        if plain && json { throw ValidationError("Choose one of --plain and --json.") }
    }

    var formatter: DeployEventFormatter { DeployEventFormatter(json ? .json : .plain) }
}
