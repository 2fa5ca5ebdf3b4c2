import ArgumentParser
import Dispatch
import Foundation
import KineticsCore

/// `kinetics-tui deploy`: the whole pipeline headless, for CI and scripts.
struct DeployCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deploy",
        abstract: "Build, upload and deploy the project through a CloudFormation change set, and tail the stack.",
        discussion: """
            Exit status: 0 when the stack is deployed (or nothing changed, or you detached), 1 when the deploy \
            failed, rolled back, was cancelled or declined, 2 for bad usage or configuration. Ctrl-C or SIGTERM \
            detaches (the stack operation goes on; the session is marked detached) unless --on-interrupt cancel.
            """
    )

    @OptionGroup var projectOptions: ProjectOptions

    @Flag(name: .long, help: "Execute the change set without asking.")
    var yes = false

    @OptionGroup var output: EventOutputOptions

    @OptionGroup var targetOptions: TargetOptions

    @Flag(name: .long, help: "Create and show the change set, but do not execute it.")
    var noExecute = false

    @Flag(name: .long, help: "Build even functions whose inputs did not change.")
    var force = false

    @Option(name: .long, help: "The builder: auto (cargo-lambda when installed), cargo or cargo-lambda.")
    var builder: String = BuilderPreference.automatic.rawValue

    @Option(name: .long, help: "What Ctrl-C / SIGTERM does once the change set runs: detach or cancel.")
    var onInterrupt: DeployControl.Interruption = .detach

    @Argument(help: "Functions to build and upload (default: all; the others keep their deployed code).")
    var functions: [String] = []

    var project: String { projectOptions.project }
    var env: String { projectOptions.env }
    var json: Bool { output.json }

    func validate() throws {
        if BuilderPreference(rawValue: builder) == nil { throw ValidationError("--builder must be one of: auto, cargo, cargo-lambda.") }
        if let problem = StackName.problem(with: "a-\(env)"), !env.isEmpty { throw ValidationError("--env \(env): \(problem).") }
        if env.isEmpty { throw ValidationError("--env must not be empty.") }
    }

    func run() async throws {
        try await CLIError.exitStatus {
            try projectOptions.requireDirectory()
            return try await AWSTarget.using(local: targetOptions.local) { target in try await deploy(target) }
        }
    }

    private func deploy(_ target: AWSTarget) async throws -> Int32 {
        let formatter = output.formatter
        let opening = try Console.openCache()
        let pipeline = DeployPipeline(client: target.client, cache: opening.cache)
        let request = DeployPipeline.Request(
            projectDirectory: project, environmentName: env, functions: functions,
            builder: BuilderPreference(rawValue: builder) ?? .automatic, force: force, execute: !noExecute,
            publicEndpoints: !target.isLocal, interruptedSessions: opening.interruptedSessions)
        let control = DeployControl(autoConfirm: yes)
        let interactive = isatty(STDIN_FILENO) == 1 && !json
        let executing = Locked(false)
        let work = Task { () -> DeployOutcome? in
            var outcome: DeployOutcome?
            var unanswered = false
            for try await event in pipeline.run(request, control: control) {
                let answered = if case .awaitingConfirmation = event { yes && !json } else { false }
                if !answered { for line in formatter.lines(for: event) { Console.out(line) } }
                switch event {
                case .executing:
                    executing.withLock { $0 = true }
                case .awaitingConfirmation(let question) where !yes:
                    if interactive {
                        Task { await Self.ask(question, control: control) }
                    } else {
                        Console.err("kinetics-tui: \(question.question) Nobody can answer on a terminal here; run again with --yes to confirm.")
                        // Declined, and the pipeline is let finish (it deletes the change set and records the session)
                        // before the process exits: leaving it running would lose that, or race the exit.
                        unanswered = true
                        control.decline()
                    }
                case .finished(let result):
                    outcome = result
                default:
                    break
                }
            }
            if unanswered { throw CLIError(status: 2, "A confirmation was needed and --yes was not given.") }
            return outcome
        }
        let interruption = onInterrupt
        let handler = InterruptHandler {
            if executing.withLock({ $0 }) {
                Console.err(interruption == .detach
                    ? "kinetics-tui: detaching; the stack operation goes on in CloudFormation and the session is marked detached."
                    : "kinetics-tui: cancelling the stack operation; waiting for CloudFormation to roll it back.")
                interruption == .detach ? control.detach() : control.cancel()
            } else {
                Console.err("kinetics-tui: stopping; nothing has been executed in CloudFormation.")
                // The pipeline stops its build or upload and records the session; the stream then ends.
                control.cancel()
            }
        }
        defer { handler.cancel() }
        do {
            guard let outcome = try await work.value else {
                Console.err("kinetics-tui: stopped before the deploy finished; nothing was executed in CloudFormation.")
                return 1
            }
            return outcome.exitStatus
        } catch is CancellationError {
            Console.err("kinetics-tui: stopped before the deploy finished; nothing was executed in CloudFormation.")
            return 1
        } catch {
            throw CLIError(error)
        }
    }

    /// Asks on the terminal and answers the control; reads standard input off the cooperative pool.
    static func ask(_ question: DeployConfirmation, control: DeployControl) async {
        FileHandle.standardError.write(Data("\(question.question) [y/N] ".utf8))
        let answer: String? = await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: readLine()) }
        }
        let yes = ["y", "yes"].contains(answer?.trimmingCharacters(in: .whitespaces).lowercased() ?? "")
        yes ? control.confirm() : control.decline()
    }
}

extension DeployControl.Interruption: ExpressibleByArgument {}
