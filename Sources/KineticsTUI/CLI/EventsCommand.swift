import ArgumentParser
import Foundation
import KineticsCore

/// `kinetics-tui events STACK`: the latest operation of any stack (also one deployed by someone else), and with
/// `--follow` every operation after it.
struct EventsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "Show a stack's latest operation as it happens; --follow keeps watching for the next ones.",
        discussion: "Exit status: 0 when the operation succeeded, 1 when it failed or rolled back (or the stack is unknown), 2 for bad usage."
    )

    @Argument(help: "The stack's name or ARN.")
    var stack: String

    @Flag(name: .long, help: "Keep watching after the operation ends.")
    var follow = false

    @OptionGroup var output: EventOutputOptions

    @OptionGroup var targetOptions: TargetOptions

    func run() async throws {
        try await CLIError.exitStatus {
            try await AWSTarget.using(local: targetOptions.local) { target in try await tail(target) }
        }
    }

    private func tail(_ target: AWSTarget) async throws -> Int32 {
        let formatter = output.formatter
        let cache = try? Console.openCache().cache
        let cloudFormation = CloudFormationClient(client: target.client)
        let endpoint = target.client.configuration.endpoint(for: .cloudFormation)
        let identity = StackIdentity(name: stack, region: target.client.configuration.region, endpoint: endpoint.isCustom ? endpoint.url : "")
        let configuration = StackEventEngine.Configuration(stackName: stack, scope: .latestOperation, kind: .watch, follow: follow)
        let work = Task { () -> StackOperationResult? in
            var last: StackOperationResult?
            for try await update in StackEventTailer(events: cloudFormation, stacks: cloudFormation).updates(for: configuration) {
                if case .events(let events) = update { _ = try? cache?.appendEvents(events, stack: identity) }
                if case .operationFinished(let result) = update { last = result }
                for line in formatter.lines(for: .stackEvent(update)) { Console.out(line) }
                if case .operationFinished(let result) = update, !result.outputs.isEmpty {
                    for line in formatter.lines(for: .outputs(result.outputs)) { Console.out(line) }
                }
            }
            return last
        }
        let handler = InterruptHandler { work.cancel() }
        defer { handler.cancel() }
        do {
            guard let result = try await work.value else { return follow ? 0 : 1 }
            return result.succeeded ? 0 : 1
        } catch is CancellationError {
            return 0
        } catch {
            throw CLIError(status: 1, "\(error)")
        }
    }
}
