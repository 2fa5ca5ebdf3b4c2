import ArgumentParser
import Foundation
import KineticsCore

/// `kinetics-tui attach [SESSION]`: back to a deploy left detached (or whose process died) while CloudFormation
/// goes on; tails its operation to the end and records how it ended, like `deploy` would have.
struct AttachCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attach",
        abstract: "Follow a detached or interrupted deploy's stack operation to its end and record its outcome.",
        discussion: """
            Without SESSION, attaches to the newest session of the project and environment that was detached (or \
            whose process died) while its stack operation ran. An operation already over is read back to its final \
            status, which is recorded. Ctrl-C or SIGTERM detaches again unless --on-interrupt cancel. Exit status: 0 when the operation succeeded \
            (or you detached again), 1 when it failed or rolled back, when there is no such session, the session \
            already ended, or the endpoint does not answer, 2 for bad usage or configuration (e.g. other AWS \
            settings than the deploy's).
            """
    )

    @Argument(help: "A session number, as `kinetics-tui history` lists it (default: the newest detached one).")
    var session: Int64?

    @OptionGroup var projectOptions: ProjectOptions

    @OptionGroup var output: EventOutputOptions

    @OptionGroup var targetOptions: TargetOptions

    @Option(name: .long, help: "What Ctrl-C / SIGTERM does: detach again, or cancel the operation.")
    var onInterrupt: DeployControl.Interruption = .detach

    func validate() throws {
        if let session, session <= 0 { throw ValidationError("SESSION is a positive number, as `kinetics-tui history` lists it.") }
        if projectOptions.env.isEmpty { throw ValidationError("--env must not be empty.") }
    }

    func run() async throws {
        try await CLIError.exitStatus {
            if session == nil { try projectOptions.requireDirectory() }
            return try await AWSTarget.using(local: targetOptions.local) { target in try await attach(target) }
        }
    }

    private func attach(_ target: AWSTarget) async throws -> Int32 {
        let formatter = output.formatter
        let opening = try Console.openCache()
        let pipeline = DeployPipeline(client: target.client, cache: opening.cache)
        let request: DeployPipeline.AttachTarget = session.map { .session($0) }
            ?? .newest(projectPath: SessionStart.canonicalProjectPath(projectOptions.project), env: projectOptions.env)
        let control = DeployControl()
        let work = Task { () -> DeployOutcome? in
            var outcome: DeployOutcome?
            for try await event in pipeline.attach(request, control: control) {
                for line in formatter.lines(for: event) { Console.out(line) }
                if case .finished(let result) = event { outcome = result }
            }
            return outcome
        }
        let interruption = onInterrupt
        let handler = InterruptHandler {
            Console.err(interruption == .detach
                ? "kinetics-tui: detaching; the stack operation goes on in CloudFormation and the session is marked detached."
                : "kinetics-tui: cancelling the stack operation; waiting for CloudFormation to roll it back.")
            interruption == .detach ? control.detach() : control.cancel()
        }
        defer { handler.cancel() }
        do {
            guard let outcome = try await work.value else { return 1 }
            return outcome.exitStatus
        } catch let error as DeployError where error.code == .invalidConfiguration && target.local?.isShared == false {
            throw CLIError(status: 2, error.message + " With --local, only the shared local AWS of `kinetics-tui local start` outlives a "
                + "command; the one this run started is new, and the stack of an earlier embedded one is gone with it.")
        } catch {
            throw CLIError(error)
        }
    }
}
