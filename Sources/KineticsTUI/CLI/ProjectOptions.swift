import ArgumentParser
import Foundation
import KineticsCore

/// `--project DIR --env NAME`: the project a command works on and the environment of its stack.
struct ProjectOptions: ParsableArguments {
    @Option(name: .long, help: "The project directory.")
    var project: String = "."

    @Option(name: .long, help: "The environment: the stack is <project>-<env>.")
    var env: String = StackName.defaultEnvironment

    /// Refuses a `--project` that is not a directory, before credentials or a local AWS are looked for: a
    /// mistyped path is the first thing to say.
    func requireDirectory() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: project, isDirectory: &isDirectory) else {
            throw CLIError(status: 2, "`\(TextSanitizer.sanitize(project))` does not exist; pass the directory of a Kinetics crate with --project DIR.")
        }
        guard isDirectory.boolValue else {
            throw CLIError(status: 2, "`\(TextSanitizer.sanitize(project))` is a file; pass the directory of a Kinetics crate with --project DIR.")
        }
    }
}
