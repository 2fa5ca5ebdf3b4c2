import ArgumentParser
import Foundation
import KineticsCore

/// `kinetics-bench template`: template generation for a big project.
///
/// Generates a crate of `--functions` Kinetics functions (the same generated project `kinetics-bench discovery`
/// uses), discovers it once, then times `TemplateGenerator.generate` `--runs` times. Prints how the project was
/// split into stacks, the sizes of the documents, and the median time.
struct TemplateBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Time CloudFormation template generation (with nested stacks) for a generated project."
    )

    @Option(help: "Kinetics functions in the generated project.")
    var functions = 2000

    @Option(help: "Source files to spread them over.")
    var files = 500

    @Option(help: "Timed runs (after one warm-up).")
    var runs = 15

    func validate() throws {
        guard files > 0, functions >= files, runs > 0 else {
            throw ValidationError("--files must be positive, --functions at least --files, --runs positive")
        }
    }

    func run() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kinetics-bench-template-\(UUID().uuidString)").path
        _ = try GeneratedProject.write(at: root, files: files, functions: functions)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let result = ProjectDiscovery.discover(at: root, environment: [:])
        guard var project = result.projects.first, project.functions.count == functions, !result.hasErrors else {
            throw ValidationError("discovery of the generated project failed: \(result.diagnostics.prefix(3))")
        }
        project.tables = [KVTable(name: "users"), KVTable(name: "orders")]
        project.secretNames = ["API_TOKEN"]
        let artifacts = Dictionary(uniqueKeysWithValues: project.functions.map { function in
            let sha = String(repeating: "ab", count: 32)
            return (function.name, ArtifactLocation(bucket: "kinetics-artifacts", key: "artifacts/\(function.name)/\(sha).zip", sha256: sha))
        })
        let settings = TemplateSettings(templateBucket: "kinetics-templates")

        let warm = try generate(project, artifacts, settings)
        var times: [Double] = []
        var cpuTimes: [Double] = []
        for _ in 0..<runs {
            var again: GeneratedTemplate?
            let cpuStart = Self.processCPUTime()
            times.append(try HistoryClock.seconds { again = try generate(project, artifacts, settings) })
            cpuTimes.append(Self.processCPUTime() - cpuStart)
            guard again?.root.sha256 == warm.root.sha256, again?.children.map(\.sha256) == warm.children.map(\.sha256) else {
                throw ValidationError("two runs gave different templates")
            }
        }

        let roles = Dictionary(grouping: project.functions, by: \.role).mapValues(\.count)
        let bytes = warm.documents.map(\.body.count)
        print("template benchmark: \(functions) functions (\(roles[.endpoint] ?? 0) endpoints, \(roles[.worker] ?? 0) workers, \(roles[.cron] ?? 0) crons), \(runs) runs")
        print("stacks     1 root + \(warm.children.count) nested = \(warm.documents.count) stacks, \(warm.resourceCounts.reduce(0, +)) resources")
        print("resources  root \(warm.resourceCounts[0]); nested min \(warm.resourceCounts.dropFirst().min() ?? 0), max \(warm.resourceCounts.dropFirst().max() ?? 0) (limit 500)")
        print(String(format: "bytes      root %d; nested max %d (limit 1,000,000); %.2f MiB in all", bytes[0], bytes.dropFirst().max() ?? 0, Double(bytes.reduce(0, +)) / 1_048_576))
        print(String(
            format: "generate   median %.2f ms wall (min %.2f, max %.2f), %.2f ms CPU", HistoryClock.median(times) * 1000,
            times.min()! * 1000, times.max()! * 1000, HistoryClock.median(cpuTimes) * 1000))
    }

    /// CPU time of the whole process (user and system), in seconds: steadier than wall time on a busy machine.
    private static func processCPUTime() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    private func generate(_ project: Project, _ artifacts: [String: ArtifactLocation], _ settings: TemplateSettings) throws -> GeneratedTemplate {
        do {
            return try TemplateGenerator.generate(project: project, environment: "dev", artifacts: artifacts, settings: settings)
        } catch {
            throw ValidationError(error.message)
        }
    }
}
