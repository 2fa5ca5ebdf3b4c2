import Foundation
import Testing
@testable import KineticsCore

@Suite("kinetics-tui build loads its project through discovery, the real binary", .serialized)
struct BuildCommandTests {
    @Test("a discovered examples/shop builds (exit 0), and a second run builds nothing")
    func discovered() async throws {
        let root = try BuildFixtures.copy(BuildFixtures.shopSource, named: "shop", label: "build-cli")
        defer { try? FileManager.default.removeItem(atPath: (root as NSString).deletingLastPathComponent) }
        let first = try await UploadPipelineTests.tool(["build", "--project", root, "--builder", "cargo", "--plain"], environment: [:])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("[done] 5 built, 0 unchanged, 0 failed"), "\(first.stdout)")
        let second = try await UploadPipelineTests.tool(["build", "--project", root, "--builder", "cargo", "--plain"], environment: [:])
        #expect(second.status == 0)
        #expect(second.stdout.contains("[done] nothing to build: 5 functions unchanged"))
    }

    @Test("a workspace of several projects asks which one; a directory without Cargo.toml says so (exit 2)")
    func notOneProject() async throws {
        let workspace = "\(BuildFixtures.repositoryRoot)/Tests/KineticsCoreTests/Fixtures/Discovery/workspace"
        let several = try await UploadPipelineTests.tool(["build", "--project", workspace], environment: [:])
        #expect(several.status == 2)
        #expect(several.stderr.contains("has 3 projects with functions; choose one: --project \(workspace)/"), "\(several.stderr)")

        let empty = try TemporaryDirectory("kt-build-cli")
        let none = try await UploadPipelineTests.tool(["build", "--project", empty.path], environment: [:])
        #expect(none.status == 2)
        #expect(none.stderr.contains("no Cargo.toml"), "\(none.stderr)")
    }
}
