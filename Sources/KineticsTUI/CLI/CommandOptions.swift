import ArgumentParser
import KineticsCore

/// `--project DIR --env NAME`: the project a command works on and the environment of its stack.
struct ProjectOptions: ParsableArguments {
    @Option(name: .long, help: "The project directory.")
    var project: String = "."

    @Option(name: .long, help: "The environment: the stack is <project>-<env>.")
    var env: String = StackName.defaultEnvironment
}

/// `--local`: the local AWS instead of the user's account (see `AWSTarget`).
struct TargetOptions: ParsableArguments {
    @Flag(name: .long, help: "Use the local AWS (moto) instead of your AWS account.")
    var local = false
}

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

extension CLIError {
    /// Runs a command's work and turns its end into the process's: a non-zero status it returns becomes the exit
    /// status, and a `CLIError` it throws is printed to standard error (`kinetics-tui: …`) and exits with its status.
    static func exitStatus(of work: () async throws -> Int32) async throws {
        do {
            let status = try await work()
            if status != 0 { throw ExitCode(status) }
        } catch let error as CLIError {
            Console.err("kinetics-tui: \(error)")
            throw ExitCode(error.status)
        }
    }
}

extension CLIError {
    /// The message and status an error of a deploy-side command ends the process with: a `DeployError` about usage
    /// or configuration exits 2, any other error 1; a `CLIError` is kept.
    init(_ error: any Error) {
        switch error {
        case let error as CLIError: self = error
        case let error as DeployError: self.init(status: error.isUsageError ? 2 : 1, error.message)
        default: self.init(status: 1, "\(error)")
        }
    }
}
