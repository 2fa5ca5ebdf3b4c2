import ArgumentParser
import Foundation
import KineticsCore

/// `kinetics-tui plan`: what a deploy would build, upload and change, and where the template is.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show what a deploy would build, upload and change, without building or writing to AWS."
    )

    @Option(name: .long, help: "The project directory.")
    var project: String = "."

    @Option(name: .long, help: "The environment: the stack is <project>-<env>.")
    var env: String = StackName.defaultEnvironment

    @Flag(name: .long, help: "Print the plan as one JSON object.")
    var json = false

    @Flag(name: .long, help: "Plan against the local AWS (moto) instead of your AWS account.")
    var local = false

    @Option(name: .long, help: "The builder the deploy would use: auto, cargo or cargo-lambda.")
    var builder: String = BuilderPreference.automatic.rawValue

    func validate() throws {
        if BuilderPreference(rawValue: builder) == nil { throw ValidationError("--builder must be one of: auto, cargo, cargo-lambda.") }
    }

    func run() async throws {
        do {
            let preview: DeployPreview = try await AWSTarget.using(local: local) { target in
                let pipeline = DeployPipeline(client: target.client, cache: try Console.openCache().cache)
                do {
                    return try await pipeline.preview(DeployPipeline.Request(
                        projectDirectory: project, environmentName: env, builder: BuilderPreference(rawValue: builder) ?? .automatic,
                        publicEndpoints: !target.isLocal))
                } catch let error as DeployError {
                    throw CLIError(status: error.isUsageError ? 2 : 1, error.message)
                } catch {
                    throw CLIError(status: 1, "\(error)")
                }
            }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                Console.out(String(decoding: try encoder.encode(preview), as: UTF8.self))
            } else {
                for line in preview.textLines() { Console.out(line) }
            }
        } catch let error as CLIError {
            Console.err("kinetics-tui: \(error)")
            throw ExitCode(error.status)
        }
    }
}
