import ArgumentParser
import Foundation
import KineticsCore

/// `kinetics-tui plan`: what a deploy would build, upload and change, and where the template is.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show what a deploy would build, upload and change, without building or writing to AWS."
    )

    @OptionGroup var projectOptions: ProjectOptions

    @Flag(name: .long, help: "Print the plan as one JSON object.")
    var json = false

    @OptionGroup var targetOptions: TargetOptions

    @Option(name: .long, help: "The builder the deploy would use: auto, cargo or cargo-lambda.")
    var builder: String = BuilderPreference.automatic.rawValue

    func validate() throws {
        if BuilderPreference(rawValue: builder) == nil { throw ValidationError("--builder must be one of: auto, cargo, cargo-lambda.") }
    }

    func run() async throws {
        try await CLIError.exitStatus {
            try projectOptions.requireDirectory()
            let preview: DeployPreview = try await AWSTarget.using(local: targetOptions.local) { target in
                let pipeline = DeployPipeline(client: target.client, cache: try Console.openCache().cache)
                do {
                    return try await pipeline.preview(DeployPipeline.Request(
                        projectDirectory: projectOptions.project, environmentName: projectOptions.env,
                        builder: BuilderPreference(rawValue: builder) ?? .automatic, publicEndpoints: !target.isLocal))
                } catch {
                    throw CLIError(error)
                }
            }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                Console.out(String(decoding: try encoder.encode(preview), as: UTF8.self))
            } else {
                for line in preview.textLines() { Console.out(line) }
            }
            return 0
        }
    }
}
