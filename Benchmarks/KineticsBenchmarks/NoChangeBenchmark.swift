import ArgumentParser
import Foundation
import KineticsCore

/// `kinetics-bench nochange`: builds a copy of a project once (first run, cargo included), then times runs with
/// nothing changed, which must not start cargo, in process. With `--upload` each run also uploads to an embedded
/// local AWS (the first creates the bootstrap stack and uploads everything; the others must upload nothing).
struct NoChangeBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nochange",
        abstract: "Time a first build and then no-change runs of the artifact pipeline on a copy of a project."
    )

    @Option(help: "The project directory to copy (e.g. examples/shop).")
    var project: String

    @Option(help: "The project description (a JSON Project whose root is relative to the project directory); discovery when absent.")
    var projectJSON: String?

    @Flag(help: "Upload to an embedded local AWS after each build (discover → plan → build → package → upload).")
    var upload = false

    @Option(help: "The builder: cargo or cargo-lambda.")
    var builder: String = "cargo"

    @Option(help: "How many no-change runs.")
    var runs: Int = 20

    func run() async throws {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("kinetics-bench-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: copy, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/cp")
        process.arguments = ["-R", URL(fileURLWithPath: project).standardizedFileURL.path + "/.", copy]
        try process.run()
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: "\(copy)/target")
        defer { try? FileManager.default.removeItem(atPath: copy) }

        var description: Project
        if let projectJSON {
            description = try JSONDecoder().decode(Project.self, from: Data(contentsOf: URL(fileURLWithPath: projectJSON)))
            description.root = copy
        } else {
            guard let found = ProjectDiscovery.discover(at: copy).projects.first else { throw ValidationError("no project in \(project)") }
            description = found
        }
        let request = ArtifactRequest(project: description, builder: BuilderPreference(rawValue: builder) ?? .cargo)
        if upload {
            try await runWithUpload(request, copy: copy)
            return
        }
        let pipeline = ArtifactPipeline()

        let first = try await timed { try await pipeline.execute(request) { _ in } }
        print(String(format: "first run (cargo, %@): %.3fs, built %d", builder, first.seconds, first.summary.built.count))
        var times: [Double] = []
        for _ in 0..<max(1, runs) {
            let run = try await timed { try await pipeline.execute(request) { _ in } }
            guard !run.summary.ranCargo else { throw ValidationError("a no-change run started cargo") }
            times.append(run.seconds)
        }
        let sorted = times.sorted()
        print(String(format: "no-change run: median %.4fs, min %.4fs, max %.4fs over %d runs (no cargo started)",
            sorted[sorted.count / 2], sorted.first!, sorted.last!, sorted.count))
    }

    /// First run and no-change runs of the whole upload pipeline against an embedded moto, in process.
    private func runWithUpload(_ request: ArtifactRequest, copy: String) async throws {
        let state = "\(copy)/.bench-state"
        let local = try await LocalAWSSession.open(stateDirectory: URL(fileURLWithPath: state))
        let cache = try LocalCache.open(path: "\(state)/cache.sqlite", connection: .single).cache
        let pipeline = UploadPipeline(client: AWSClient(configuration: local.configuration), cache: cache)
        func once() async throws -> (seconds: Double, summary: UploadSummary) {
            let start = DispatchTime.now().uptimeNanoseconds
            var summary: UploadSummary?
            for try await event in pipeline.run(request) {
                if case .finished(let result) = event { summary = result }
            }
            guard let summary, summary.succeeded else { throw ValidationError("the run failed: \(String(describing: summary))") }
            return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, summary)
        }
        let first = try await once()
        print(String(format: "first run (%@ build, new bootstrap stack, upload): %.3fs, built %d, uploaded %d",
            builder, first.seconds, first.summary.build?.built.count ?? 0, first.summary.uploaded.count))
        var times: [Double] = []
        for _ in 0..<max(1, runs) {
            let run = try await once()
            guard run.summary.nothingChanged, run.summary.build?.ranCargo == false else {
                throw ValidationError("a no-change run built or uploaded something")
            }
            times.append(run.seconds)
        }
        await local.close()
        let sorted = times.sorted()
        print(String(format: "no-change run with upload check: median %.4fs, min %.4fs, max %.4fs over %d runs (no cargo, HeadObject only)",
            sorted[sorted.count / 2], sorted.first!, sorted.last!, sorted.count))
    }

    private func timed(_ body: () async throws -> ArtifactSummary) async throws -> (seconds: Double, summary: ArtifactSummary) {
        let start = DispatchTime.now().uptimeNanoseconds
        let summary = try await body()
        return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, summary)
    }
}
