import ArgumentParser
import KineticsCore

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
