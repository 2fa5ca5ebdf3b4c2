import ArgumentParser
import KineticsCore

/// `--project DIR --env NAME`: the project a command works on and the environment of its stack.
struct ProjectOptions: ParsableArguments {
    @Option(name: .long, help: "The project directory.")
    var project: String = "."

    @Option(name: .long, help: "The environment: the stack is <project>-<env>.")
    var env: String = StackName.defaultEnvironment
}
