import ArgumentParser
import Foundation
import KineticsCore

/// `kinetics-tui [console]`: the full-screen console on a project (the default command).
///
/// `KT_EXIT_AFTER_FIRST_FRAME=1` in the environment makes it leave (restoring the terminal) as soon as the first
/// frame showing the discovered project is painted: how start-up time is measured.
struct ConsoleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "Open the full-screen console on a project (the default)."
    )

    @Option(name: .long, help: "The project directory.")
    var project: String = "."

    @Option(name: .long, help: "The environment (stage) to deploy to; the stack is <project>-<env>.")
    var env: String = "dev"

    @Flag(name: .long, help: "Deploy to the local AWS: the shared one of `kinetics-tui local start`, else an embedded moto_server on a free 127.0.0.1 port, stopped when the console ends.")
    var local = false

    @Option(name: .long, help: ArgumentHelp("The AWS profile (default: AWS_PROFILE, else default).", valueName: "name"))
    var profile: String?

    @Option(name: .long, help: ArgumentHelp("The AWS region (default: AWS_REGION, else the profile's).", valueName: "name"))
    var region: String?

    @Option(name: .customLong("endpoint-url"), help: ArgumentHelp("Send every AWS call to this endpoint.", valueName: "url"))
    var endpointURL: String?

    @Option(help: ArgumentHelp("The cache file (default: $KINETICS_TUI_CACHE, else $XDG_STATE_HOME/kinetics-tui/cache.sqlite).", valueName: "path"))
    var cache: String?

    static let exitAfterFirstFrameVariable = "KT_EXIT_AFTER_FIRST_FRAME"

    func validate() throws {
        if local, profile != nil || endpointURL != nil {
            throw ValidationError("--local deploys to the embedded local AWS; it cannot be combined with --profile or --endpoint-url.")
        }
        if env.isEmpty || !env.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) {
            throw ValidationError("--env must be letters, digits and dashes (it becomes part of the stack name), not '\(env)'.")
        }
    }

    func run() async throws {
        let directory = URL(fileURLWithPath: project).standardizedFileURL.path
        let environment = ProcessInfo.processInfo.environment
        let cachePath = cache.map { CacheLocation.expandTilde($0) } ?? CacheLocation.defaultPath()
        // The shared local AWS keeps its state beside the cache (as `kinetics-tui local` does).
        let target: ConsoleTarget = local
            ? .local(stateDirectory: cache == nil ? LocalAWSState.defaultDirectory() : URL(fileURLWithPath: cachePath).deletingLastPathComponent())
            : .configured(AWSConfiguration.Overrides(profile: profile, region: region, endpointURL: endpointURL))
        let settings = ConsoleEffectHandler.Settings(
            directory: directory, env: env, environment: environment, cachePath: cachePath, target: target, loader: Self.projectLoader)
        let header = HeaderInfo(
            projectName: URL(fileURLWithPath: directory).lastPathComponent, env: env,
            region: local ? nil : region ?? Self.nonEmpty(environment["AWS_REGION"]) ?? Self.nonEmpty(environment["AWS_DEFAULT_REGION"]),
            endpoint: local ? .local("starting") : (endpointURL ?? Self.nonEmpty(environment["AWS_ENDPOINT_URL"])).map { .custom($0) } ?? .aws)
        try await Self.runConsole(settings: settings, header: header, exitAfterFirstFrame: environment[Self.exitAfterFirstFrameVariable] == "1")
    }

    private static func nonEmpty(_ value: String?) -> String? {
        value.flatMap { $0.isEmpty ? nil : $0 }
    }

    @MainActor
    private static func runConsole(settings: ConsoleEffectHandler.Settings, header: HeaderInfo, exitAfterFirstFrame: Bool) async throws {
        let terminal = try NcursesTerminal()
        let effects = ConsoleEffectHandler(settings: settings)
        await ConsoleApp(terminal: terminal, effects: effects, header: header, exitAfterFirstFullFrame: exitAfterFirstFrame).run()
        await effects.shutdown()
    }

    /// Where the console's project comes from: discovery of the directory, with the process environment (only the
    /// names of `KINETICS_SECRET_*` variables are read).
    static let projectLoader = ProjectLoader { directory in
        ProjectDiscovery.discover(at: directory, environment: ProcessInfo.processInfo.environment)
    }
}
