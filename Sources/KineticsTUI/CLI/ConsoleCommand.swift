import ArgumentParser
import Foundation
import KineticsCore

/// `kinetics-tui [console]`: the full-screen console on a project (the default command).
struct ConsoleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "Open the full-screen console on a project (the default)."
    )

    @Option(name: .long, help: "The project directory.")
    var project: String = "."

    @Option(name: .long, help: "The environment (stage) to deploy to; the stack is <project>-<env>.")
    var env: String = "dev"

    func run() async throws {
        let directory = URL(fileURLWithPath: project).standardizedFileURL.path
        let environment = ProcessInfo.processInfo.environment
        let region = environment["AWS_REGION"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["AWS_DEFAULT_REGION"]
        let header = HeaderInfo(
            projectName: URL(fileURLWithPath: directory).lastPathComponent, env: env, region: region,
            endpoint: environment["AWS_ENDPOINT_URL"].map { .custom($0) } ?? .aws)
        try await Self.runConsole(directory: directory, header: header)
    }

    @MainActor
    private static func runConsole(directory: String, header: HeaderInfo) async throws {
        let terminal = try NcursesTerminal()
        let effects = StandaloneEffectHandler(loader: Self.projectLoader, directory: directory)
        await ConsoleApp(terminal: terminal, effects: effects, header: header).run()
    }

    /// Where the console's project comes from.
    static let projectLoader = ProjectLoader { directory in
        throw ConsoleError(code: .discoveryUnavailable, context: directory)
    }
}
