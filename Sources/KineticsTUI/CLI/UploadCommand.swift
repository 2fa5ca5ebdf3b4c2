import ArgumentParser
import Foundation
import KineticsCore

/// `kinetics-tui upload`: discover, plan, build, package and upload every function's artifact to the region's
/// artifact bucket, skipping what did not change, with one `--plain` or `--json` line per event.
///
/// Exit status: 0 when every function's artifact is in the bucket, 1 when a build or upload failed (or there is
/// no bucket), 2 when the project or the AWS configuration could not be loaded, 130 when interrupted.
struct UploadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upload",
        abstract: "Build, package and upload the project's artifacts, sending only what changed.",
        discussion: """
            The artifact bucket belongs to the stack kinetics-bootstrap-<region>, created on first use. With \
            --local the upload goes to the local AWS: the one `kinetics-tui local start` keeps running, else one \
            started for this command (and gone after it). Events are described in docs/build-events.md.
            """
    )

    @Option(name: .long, help: ArgumentHelp("The project directory.", valueName: "DIR"))
    var project: String = "."

    @Option(name: .long, help: "The environment (stage) the upload is for; the stack is <project>-<env>.")
    var env: String = "dev"

    @Flag(name: .long, help: "Upload to the local AWS (moto_server) instead of your AWS account.")
    var local = false

    @Flag(name: .long, help: "Print one plain line per event (the default).")
    var plain = false

    @Flag(name: .long, help: "Print one JSON object per event (see docs/build-events.md).")
    var json = false

    @Option(name: .long, help: "The AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile's).")
    var region: String?

    @Option(name: .long, help: "The AWS profile (default: AWS_PROFILE, else default).")
    var profile: String?

    @Option(name: .long, help: "Send every AWS request to this endpoint (e.g. a moto_server or LocalStack).")
    var endpointURL: String?

    @Option(name: .long, help: "The builder: auto (cargo-lambda when installed), cargo or cargo-lambda.")
    var builder: String = BuilderPreference.automatic.rawValue

    @Flag(name: .long, help: "Build even functions whose inputs did not change.")
    var force = false

    @Option(help: ArgumentHelp("The cache file (default: $KINETICS_TUI_CACHE, else $XDG_STATE_HOME/kinetics-tui/cache.sqlite).", valueName: "path"))
    var cache: String?

    @Option(name: .long, help: ArgumentHelp("A JSON file describing the project, used instead of discovery.", visibility: .hidden))
    var projectJSON: String?

    @Argument(help: "Functions to build and upload (default: all).")
    var functions: [String] = []

    func validate() throws {
        if plain && json { throw ValidationError("Choose one of --plain and --json.") }
        if BuilderPreference(rawValue: builder) == nil {
            throw ValidationError("--builder must be one of: auto, cargo, cargo-lambda.")
        }
        if local && endpointURL != nil { throw ValidationError("Choose one of --local and --endpoint-url.") }
        let allowed = env.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) && $0.isASCII || $0 == "-" }
        if env.isEmpty || env.count > 32 || !allowed || env.hasPrefix("-") {
            throw ValidationError("--env must be 1 to 32 letters, digits or '-' (it becomes part of the stack name), not \"\(env)\".")
        }
    }

    func run() async throws {
        let formatter = UploadEventFormatter(json ? .json : .plain)
        let loadedProject: Project
        do {
            let loaded = try BuildProjectLoader(descriptionFile: projectJSON).load(directory: project)
            loadedProject = loaded.project
            for warning in loaded.warnings { Self.printError(TextSanitizer.sanitize(warning.description)) }
        } catch {
            Self.printError("\(error)")
            throw ExitCode(2)
        }

        let localSession: LocalAWSSession?
        let configuration: AWSConfiguration
        do {
            if local {
                let session = try await LocalAWSSession.open()
                localSession = session
                configuration = session.configuration
            } else {
                localSession = nil
                configuration = try AWSConfiguration.resolve(
                    overrides: AWSConfiguration.Overrides(profile: profile, region: region, endpointURL: endpointURL))
            }
        } catch {
            Self.printError("\(error)")
            throw ExitCode(2)
        }

        let cachePath = cache.map { CacheLocation.expandTilde($0) } ?? CacheLocation.defaultPath()
        var localCache: LocalCache?
        do {
            let opening = try LocalCache.open(path: cachePath, connection: .single)
            for warning in opening.warnings { Self.printError(warning.description) }
            localCache = opening.cache
        } catch {
            Self.printError("\(error.description) Continuing without the cache: uploads cannot be resumed in this run.")
        }

        let request = ArtifactRequest(
            project: loadedProject, functions: functions, builder: BuilderPreference(rawValue: builder) ?? .automatic, force: force)
        let pipeline = UploadPipeline(
            client: AWSClient(configuration: configuration), cache: localCache,
            uploader: ArtifactUploader.Configuration(progressInterval: json ? .milliseconds(250) : .seconds(1)))
        let work = Task {
            var summary: UploadSummary?
            for try await event in pipeline.run(request) {
                let lines = formatter.lines(for: event)
                if !lines.isEmpty { FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8)) }
                if case .finished(let result) = event { summary = result }
            }
            return summary
        }
        let interrupt = InterruptHandler { work.cancel() }
        defer { interrupt.cancel() }
        let outcome: Result<UploadSummary?, any Error> = await work.result
        await localSession?.close()
        switch outcome {
        case .success(let summary?):
            if let error = summary.error { Self.printError(error) }
            if !summary.succeeded { throw ExitCode(1) }
        case .success(nil), .failure(is CancellationError):
            Self.printError("interrupted; finished artifacts are kept and an unfinished multipart upload resumes on the next run.")
            throw ExitCode(130)
        case .failure(let error):
            Self.printError("\(error)")
            throw ExitCode(1)
        }
    }

    private static func printError(_ message: String) {
        FileHandle.standardError.write(Data("kinetics-tui: \(message)\n".utf8))
    }
}
