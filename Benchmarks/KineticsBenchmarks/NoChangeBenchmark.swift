import ArgumentParser
import Foundation
import KineticsCore

/// `kinetics-bench nochange`: builds a copy of a project once (first run, cargo included), then times runs with
/// nothing changed, which must not start cargo, in process.
struct NoChangeBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nochange",
        abstract: "Time a first build and then no-change runs of the artifact pipeline on a copy of a project."
    )

    @Option(help: "The project directory to copy (e.g. examples/shop).")
    var project: String

    @Option(help: "The project description (a JSON Project whose root is relative to the project directory).")
    var projectJSON: String

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

        var description = try JSONDecoder().decode(Project.self, from: Data(contentsOf: URL(fileURLWithPath: projectJSON)))
        description.root = copy
        let request = ArtifactRequest(project: description, builder: BuilderPreference(rawValue: builder) ?? .cargo)
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

    private func timed(_ body: () async throws -> ArtifactSummary) async throws -> (seconds: Double, summary: ArtifactSummary) {
        let start = DispatchTime.now().uptimeNanoseconds
        let summary = try await body()
        return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, summary)
    }
}
