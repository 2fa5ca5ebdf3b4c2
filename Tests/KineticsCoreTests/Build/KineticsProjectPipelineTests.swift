import Foundation
import Testing

@testable import KineticsCore

/// A project on the `kinetics` crate cannot be compiled here (no registry), so cargo is played back: the test
/// checks the plan, the build copy cargo runs in, and the packaging of what cargo reports.
@Suite("The pipeline for a project on the kinetics crate")
struct KineticsProjectPipelineTests {
    @Test("cargo runs in the build copy with the generated entry points, and its reported bins are packaged")
    func buildCopyPipeline() async throws {
        let root = try BuildFixtures.copy(BuildFixtures.fixture("kinetics-app"), named: "kinetics-app", label: "kapp")
        let project = BuildFixtures.kineticsProject(root: root)
        let copy = "\(CrateSources.standardize(root))/target/kinetics-tui/crate"
        let executable = "\(copy)/target/release/ApiHello"
        let runner = ScriptedProcessRunner()
        runner.on({ $0.arguments == ["-vV"] }, outputs: [.stdout("rustc 1.95.0"), .stdout("host: x86_64-unknown-linux-gnu"), .terminated(.exited(0))])
        runner.on({ $0.arguments.first == "metadata" }, outputs: [.terminated(.exited(101))])
        runner.on({ $0.arguments.first == "build" }, outputs: [
            .started(pid: 1),
            .stdout(#"{"reason":"compiler-artifact","package_id":"path+file://\#(copy)#kinetics-app@0.1.0","target":{"kind":["bin"],"name":"ApiHello"},"executable":"\#(executable)","fresh":false}"#),
            .stdout(#"{"reason":"compiler-message","package_id":"path+file://\#(copy)#kinetics-app@0.1.0","target":{"kind":["bin"],"name":"JobsResize"},"message":{"rendered":"error","level":"error","message":"cannot find type","code":null,"spans":[{"file_name":"src/jobs.rs","line_start":8,"column_start":5,"is_primary":true}]}}"#),
            .terminated(.exited(101)),
        ])
        try FileManager.default.createDirectory(atPath: "\(copy)/target/release", withIntermediateDirectories: true)
        try Data("\u{7F}ELF fake bootstrap".utf8).write(to: URL(fileURLWithPath: executable))

        let environment = ["PATH": "\(NSHomeDirectory())/.cargo/bin:/usr/bin:/bin", "HOME": "/nonexistent"]
        let pipeline = ArtifactPipeline(runner: runner, environment: environment)
        let events = try await BuildFixtures.events(pipeline, ArtifactRequest(project: project, functions: ["ApiHello", "JobsResize"]))
        let summary = try #require(BuildFixtures.summary(events))

        let build = try #require(runner.received.first { $0.arguments.first == "build" })
        #expect(build.workingDirectory == copy)
        #expect(build.arguments.suffix(4) == ["--bin", "ApiHello", "--bin", "JobsResize"])
        #expect(FileManager.default.fileExists(atPath: "\(copy)/src/bin/ApiHello.rs"))
        #expect(FileManager.default.fileExists(atPath: "\(copy)/src/bin/JobsCleanup.rs"))
        #expect(try String(contentsOfFile: "\(copy)/src/lib.rs", encoding: .utf8).contains("pub mod api;"))
        #expect(events.contains(.stageStarted(.prepare)))

        #expect(summary.built == ["ApiHello"])
        let error = try #require(summary.failed["JobsResize"]?.first)
        #expect(error.location == SourceLocation(file: "src/jobs.rs", line: 8, column: 5), "the copy's paths map back to the project")
        let artifact = try #require(summary.artifacts.first)
        #expect(try await BuildFixtures.shell("unzip -p '\(artifact.zipPath)' bootstrap").output == "\u{7F}ELF fake bootstrap")
    }

    @Test("an unknown function name stops the run with the list of known ones")
    func unknownFunction() async throws {
        let project = BuildFixtures.kineticsProject(root: try BuildFixtures.temporaryDirectory("unknown"))
        do {
            _ = try await BuildFixtures.events(ArtifactPipeline(runner: ScriptedProcessRunner()), ArtifactRequest(project: project, functions: ["Nope"]))
            Issue.record("expected an error")
        } catch let error as BuildError {
            #expect(error.code == .unknownFunction)
            #expect(error.message.contains("ApiHello, JobsCleanup, JobsResize"))
        }
    }
}
