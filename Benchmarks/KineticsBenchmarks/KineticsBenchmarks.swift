import ArgumentParser
import KineticsCore

/// `kinetics-bench`: release-mode benchmarks of KineticsCore, one subcommand per area.
///
/// Run with `swift run -c release kinetics-bench <area>`; each prints its figures as plain lines.
@main
struct KineticsBenchmarks: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kinetics-bench",
        abstract: "Benchmarks of kinetics-tui's core, in a release build.",
        subcommands: [HistoryBenchmark.self, EventPollingBenchmark.self, CacheWriterBenchmark.self]
    )
}
