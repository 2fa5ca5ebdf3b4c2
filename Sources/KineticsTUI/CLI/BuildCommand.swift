import ArgumentParser
import Dispatch
import Foundation
import KineticsCore

/// `kinetics-tui build`: builds and packages the project's functions, skipping the unchanged ones.
struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build and package functions into deterministic zips, skipping every function that did not change."
    )

    @Option(name: .long, help: "The project directory.")
    var project: String = "."

    @Flag(name: .long, help: "Print one plain line per event (the default).")
    var plain = false

    @Flag(name: .long, help: "Print one JSON object per event (see docs/build-events.md).")
    var json = false

    @Option(name: .long, help: "The builder: auto (cargo-lambda when installed), cargo or cargo-lambda.")
    var builder: String = BuilderPreference.automatic.rawValue

    @Flag(name: .long, help: "Build even functions whose inputs did not change.")
    var force = false

    @Option(name: .long, help: ArgumentHelp("A JSON file describing the project, used instead of discovery.", visibility: .hidden))
    var projectJSON: String?

    @Argument(help: "Functions to build (default: all).")
    var functions: [String] = []

    func validate() throws {
        if plain && json { throw ValidationError("Choose one of --plain and --json.") }
        if BuilderPreference(rawValue: builder) == nil {
            throw ValidationError("--builder must be one of: auto, cargo, cargo-lambda.")
        }
    }

    func run() async throws {
        let formatter = ArtifactEventFormatter(json ? .json : .plain)
        let loadedProject: Project
        do {
            let loaded = try BuildProjectLoader(descriptionFile: projectJSON).load(directory: project)
            loadedProject = loaded.project
            for warning in loaded.warnings {
                FileHandle.standardError.write(Data("kinetics-tui: \(TextSanitizer.sanitize(warning.description))\n".utf8))
            }
        } catch {
            FileHandle.standardError.write(Data("kinetics-tui: \(error)\n".utf8))
            throw ExitCode(2)
        }
        let request = ArtifactRequest(
            project: loadedProject,
            functions: functions,
            builder: BuilderPreference(rawValue: builder) ?? .automatic,
            force: force
        )
        let work = Task {
            var summary: ArtifactSummary?
            for try await event in ArtifactPipeline().run(request) {
                for line in formatter.lines(for: event) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
                if case .finished(let result) = event { summary = result }
            }
            return summary
        }
        let interrupt = InterruptHandler { work.cancel() }
        defer { interrupt.cancel() }
        do {
            guard let summary = try await work.value else { throw CancellationError() }
            if !summary.succeeded { throw ExitCode(1) }
        } catch is CancellationError {
            FileHandle.standardError.write(Data("kinetics-tui: interrupted; cargo was stopped and finished artifacts are kept.\n".utf8))
            throw ExitCode(130)
        } catch let error as ExitCode {
            throw error
        } catch {
            FileHandle.standardError.write(Data("kinetics-tui: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}

/// Where `build` and `upload` get their project from: discovery of the project directory, or (for tests and
/// benchmarks) a JSON description of it.
struct BuildProjectLoader {
    var descriptionFile: String?

    /// The one project in `directory`. Discovery errors, a workspace of several projects and an unreadable
    /// description are thrown with what to do; discovery warnings are returned for the caller to show.
    func load(directory: String) throws -> (project: Project, warnings: [Diagnostic]) {
        let root = URL(fileURLWithPath: directory).standardizedFileURL.path
        guard let descriptionFile else { return try discover(root) }
        guard let data = FileManager.default.contents(atPath: descriptionFile) else {
            throw BuildCommandError("Cannot read \(descriptionFile); check the path.")
        }
        var project: Project
        do {
            project = try JSONDecoder().decode(Project.self, from: data)
        } catch {
            throw BuildCommandError("\(descriptionFile) is not a project description (\(error)).")
        }
        if !project.root.hasPrefix("/") {
            project.root = URL(fileURLWithPath: project.root, relativeTo: URL(fileURLWithPath: root + "/")).standardizedFileURL.path
        }
        return (project, [])
    }

    private func discover(_ root: String) throws -> (project: Project, warnings: [Diagnostic]) {
        let result = ProjectDiscovery.discover(at: root, environment: ProcessInfo.processInfo.environment)
        if result.hasErrors {
            let errors = result.diagnostics.filter { $0.severity == .error }.map { "  \(TextSanitizer.sanitize($0.description))" }
            throw BuildCommandError(
                "The project in \(root) has \(errors.count) error\(errors.count == 1 ? "" : "s"); fix \(errors.count == 1 ? "it" : "them") and run again "
                    + "(`kinetics-tui discover` lists everything):\n" + errors.joined(separator: "\n"))
        }
        let warnings = result.diagnostics.filter { $0.severity == .warning }
        switch result.projects.count {
        case 0:
            throw BuildCommandError(
                "No function is declared in \(root); add `#[endpoint]`, `#[worker]` or `#[cron]` to a function under src/ (`kinetics-tui discover` shows what was found).")
        case 1:
            return (result.projects[0], warnings)
        default:
            let members = result.projects.map { "--project \(root)/\($0.relativeRoot)" }.joined(separator: ", ")
            throw BuildCommandError(
                "The workspace in \(root) has \(result.projects.count) projects with functions; choose one: \(members).")
        }
    }
}

struct BuildCommandError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}

/// Turns Ctrl-C (SIGINT) and SIGTERM into a call of `action` instead of an abrupt exit, so cargo — which runs in
/// its own process group and so does not get the terminal's Ctrl-C — is stopped too.
final class InterruptHandler {
    private let sources: [any DispatchSourceSignal]

    init(_ action: @escaping @Sendable () -> Void) {
        sources = [SIGINT, SIGTERM].map { signalNumber in
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler(handler: action)
            source.resume()
            return source
        }
    }

    func cancel() {
        for source in sources { source.cancel() }
    }
}
