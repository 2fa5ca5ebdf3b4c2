import ArgumentParser
import KineticsCore

/// `kinetics-tui`: the root command; each subcommand lives in its own file beside this one.
@main
struct KineticsTUICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kinetics-tui",
        abstract: "Deploy Kinetics-style Rust serverless projects to your own AWS account through CloudFormation.",
        version: KineticsVersion.current,
        subcommands: [
            ConsoleCommand.self, DiscoverCommand.self, BuildCommand.self, UploadCommand.self, DeployCommand.self, DestroyCommand.self,
            AttachCommand.self, PlanCommand.self, EventsCommand.self, HistoryCommand.self, LocalCommand.self, RenderBenchCommand.self,
        ],
        defaultSubcommand: ConsoleCommand.self
    )
}
