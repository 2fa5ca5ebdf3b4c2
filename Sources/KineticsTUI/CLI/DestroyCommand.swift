import ArgumentParser
import Foundation
import KineticsCore

/// `kinetics-tui destroy`: deletes the project's stack for an environment, after confirmation, and tails it.
struct DestroyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "destroy",
        abstract: "Delete the project's stack (<project>-<env>) and every resource in it, and tail the delete.",
        discussion: "Exit status: 0 when the stack is gone (or never existed), 1 when the delete failed or was declined, 2 for bad usage."
    )

    @OptionGroup var projectOptions: ProjectOptions

    @Option(name: .long, help: "Delete this stack instead of the project's.")
    var stack: String?

    @Flag(name: .long, help: "Delete without asking.")
    var yes = false

    @OptionGroup var output: EventOutputOptions

    @OptionGroup var targetOptions: TargetOptions

    var project: String { projectOptions.project }
    var env: String { projectOptions.env }
    var json: Bool { output.json }

    func run() async throws {
        try await CLIError.exitStatus {
            let names = try names()
            return try await AWSTarget.using(local: targetOptions.local) { target in try await destroy(target, names: names) }
        }
    }

    private func destroy(_ target: AWSTarget, names: (stack: String, project: String, path: String)) async throws -> Int32 {
        let (stackName, projectName, projectPath) = names
        let formatter = output.formatter
        let opening = try Console.openCache()
        let control = DeployControl(autoConfirm: yes)
        let interactive = isatty(STDIN_FILENO) == 1 && !json
        let pipeline = DeployPipeline(client: target.client, cache: opening.cache)
        let work = Task { () -> DeployOutcome? in
            var outcome: DeployOutcome?
            for try await event in pipeline.destroy(stackName: stackName, projectPath: projectPath, projectName: projectName, env: env, control: control) {
                let answered = if case .awaitingConfirmation = event { yes && !json } else { false }
                if !answered { for line in formatter.lines(for: event) { Console.out(line) } }
                switch event {
                case .awaitingConfirmation(let question) where !yes:
                    if interactive {
                        Task { await DeployCommand.ask(question, control: control) }
                    } else {
                        control.decline()
                        throw CLIError(status: 2, "\(question.question) Nobody can answer on a terminal here; run again with --yes.")
                    }
                case .finished(let result):
                    outcome = result
                default:
                    break
                }
            }
            return outcome
        }
        let handler = InterruptHandler {
            Console.err("kinetics-tui: detaching; the delete goes on in CloudFormation.")
            control.detach()
        }
        defer { handler.cancel() }
        do {
            guard let outcome = try await work.value else { return 1 }
            return outcome.exitStatus
        } catch {
            throw CLIError(error)
        }
    }

    private func names() throws -> (stack: String, project: String, path: String) {
        if let stack {
            if let problem = StackName.problem(with: stack) { throw CLIError(status: 2, "--stack \(stack): \(problem).") }
            return (stack, stack, SessionStart.canonicalProjectPath(project))
        }
        let found: Project
        do {
            found = try DeployPipeline.project(in: project, environment: ProcessInfo.processInfo.environment)
        } catch let error as DeployError {
            throw CLIError(status: 2, error.message)
        }
        do {
            return (try StackName(project: found.name, environment: env).value, found.name, found.root)
        } catch {
            throw CLIError(status: 2, "\(error)")
        }
    }
}
