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
        subcommands: [
            UploadBenchmark.self, FirstRequestBenchmark.self, LocalAWSBenchmark.self,
            PackageBenchmark.self, NoChangeBenchmark.self, DiscoveryBenchmark.self,
            HistoryBenchmark.self, EventPollingBenchmark.self, CacheWriterBenchmark.self, TemplateBenchmark.self,
        ]
    )
}
