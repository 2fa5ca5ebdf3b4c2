import Foundation
import Testing
@testable import KineticsCore

/// examples/shop discovered, built with real cargo, and uploaded to a real moto_server; and the real binary.
@Suite("Discover, build, package and upload examples/shop: only what changed goes up", .serialized)
struct UploadPipelineTests {
    static func discovered(_ root: String) throws -> Project {
        let result = ProjectDiscovery.discover(at: root)
        #expect(!result.hasErrors, "\(result.diagnostics)")
        return try #require(result.projects.first)
    }

    static func run(_ pipeline: UploadPipeline, _ project: Project) async throws -> (events: [UploadEvent], summary: UploadSummary) {
        try await ArtifactUploaderTests.collect(pipeline.run(ArtifactRequest(project: project, builder: .cargo)))
    }

    /// Changes the compiled bytes of one function (a comment alone would give the same binary and zip).
    static let touch = "\n#[used]\nstatic KINETICS_TEST_TOUCH: [u8; 12] = *b\"touched-once\";\n"

    @Test("first run builds and uploads all five; the second runs no cargo and only asks HeadObject; one touched function goes up alone")
    func shop() async throws {
        let dir = try TemporaryDirectory("kt-upload-shop")
        let cache = try LocalCache.open(path: dir.file("cache.sqlite")).cache
        let root = try BuildFixtures.copy(BuildFixtures.shopSource, named: "shop", label: "upload-shop")
        defer { try? FileManager.default.removeItem(atPath: (root as NSString).deletingLastPathComponent) }
        let project = try Self.discovered(root)
        #expect(project.functions.map(\.name) == ["OrdersCreate", "OrdersProcess", "ProductsGet", "ProductsList", "ReportsDaily"])
        let moto = try await AuthenticatedMoto.get()
        func pipeline(_ transport: RecordingTransport, _ runner: CountingProcessRunner) -> UploadPipeline {
            var configuration = moto.server.configuration(credentials: moto.credentials)
            configuration.region = "ca-central-1"
            return UploadPipeline(
                artifacts: ArtifactPipeline(runner: runner), client: AWSClient(configuration: configuration, transport: transport), cache: cache)
        }

        let firstAWS = RecordingTransport()
        let firstRunner = CountingProcessRunner()
        let first = try await Self.run(pipeline(firstAWS, firstRunner), project)
        #expect(first.summary.succeeded, "\(first.summary)")
        #expect(first.summary.build?.built.count == 5)
        #expect(first.summary.uploaded == project.functions.map(\.name))
        #expect(firstAWS.count("CreateStack") == 1)
        #expect(firstAWS.count("PutObject") == 5)
        #expect(firstRunner.cargoBuilds.count == 1)
        let bucket = try #require(first.summary.bucket)
        #expect(bucket.stackName == "kinetics-bootstrap-ca-central-1")
        #expect(first.events.contains { if case .bucketReady(_, .created, _) = $0 { true } else { false } })

        let secondAWS = RecordingTransport()
        let secondRunner = CountingProcessRunner()
        let second = try await Self.run(pipeline(secondAWS, secondRunner), project)
        #expect(second.summary.nothingChanged)
        #expect(second.summary.alreadyUploaded.count == 5)
        #expect(secondRunner.specs.isEmpty, "started \(secondRunner.specs.map(\.commandLine))")
        #expect(secondAWS.operations.sorted() == ["HeadBucket"] + Array(repeating: "HeadObject", count: 5))
        let done = UploadEventFormatter(.plain).lines(for: .finished(second.summary))
        #expect(done.first?.hasPrefix("[done] nothing to build or upload: 5 functions unchanged") == true)

        try BuildFixtures.append(Self.touch, to: "\(root)/src/bin/ReportsDaily.rs")
        let thirdAWS = RecordingTransport()
        let thirdRunner = CountingProcessRunner()
        let third = try await Self.run(pipeline(thirdAWS, thirdRunner), project)
        #expect(third.summary.succeeded)
        #expect(third.summary.build?.built == ["ReportsDaily"])
        #expect(third.summary.uploaded == ["ReportsDaily"])
        #expect(third.summary.alreadyUploaded == ["OrdersCreate", "OrdersProcess", "ProductsGet", "ProductsList"])
        #expect(thirdAWS.count("PutObject") == 1)
        #expect(thirdAWS.count("CreateStack") == 0)
        let s3 = S3Client(client: AWSClient(configuration: {
            var c = moto.server.configuration(credentials: moto.credentials)
            c.region = "ca-central-1"
            return c
        }()))
        let old = try #require(first.summary.build?.artifacts.first { $0.functionName == "ReportsDaily" })
        let new = try #require(third.summary.build?.artifacts.first { $0.functionName == "ReportsDaily" })
        #expect(old.s3Key != new.s3Key)
        #expect(try await s3.headObject(bucket: bucket.name, key: new.s3Key)?.size == new.size)
        #expect(try await s3.headObject(bucket: bucket.name, key: old.s3Key)?.size == old.size, "the old zip stays for rollbacks")
    }

    // MARK: - The real binary

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func tool(_ arguments: [String], environment extra: [String: String]) async throws -> Output {
        let binary = BuiltProducts.path("kinetics-tui")
        try #require(FileManager.default.isExecutableFile(atPath: binary), "build first: swift build --build-tests")
        return try await Blocking.run { try toolBlocking(binary, arguments, environment: extra) }
    }

    private static func toolBlocking(_ binary: String, _ arguments: [String], environment extra: [String: String]) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        for name in environment.keys where name.hasPrefix("AWS_") { environment[name] = nil }
        environment.merge(extra) { $1 }
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test("kinetics-tui upload --local against the shared local AWS: exit 0, JSON lines, and a second run that uploads nothing")
    func cli() async throws {
        let dir = try TemporaryDirectory("kt-upload-cli")
        let root = try BuildFixtures.copy(BuildFixtures.shopSource, named: "shop", label: "upload-cli")
        defer { try? FileManager.default.removeItem(atPath: (root as NSString).deletingLastPathComponent) }
        guard case .started(let server) = try await LocalAWSDaemon.start(stateDirectory: URL(fileURLWithPath: dir.path)) else {
            Issue.record("a fresh state directory had a server already")
            return
        }
        defer { kill(server.processIdentifier, SIGKILL) }
        let environment = ["KINETICS_TUI_CACHE": dir.file("cache.sqlite")]

        let first = try await Self.tool(["upload", "--local", "--project", root, "--builder", "cargo", "--json"], environment: environment)
        #expect(first.status == 0, "\(first.stderr)")
        let lines = first.stdout.split(separator: "\n").map(String.init)
        let objects = try lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(objects.allSatisfy { $0["event"] is String })
        #expect(objects.filter { $0["event"] as? String == "uploaded" }.count == 5)
        #expect(objects.contains { $0["event"] as? String == "buildFinished" })
        let last = try #require(objects.last)
        #expect(last["event"] as? String == "finished")
        #expect(last["succeeded"] as? Bool == true)

        let second = try await Self.tool(["upload", "--local", "--project", root, "--builder", "cargo", "--plain"], environment: environment)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.split(separator: "\n").last?.hasPrefix("[done] nothing to build or upload: 5 functions unchanged") == true,
                "\(second.stdout)")
        #expect(!second.stdout.contains("uploaded "))
    }

    @Test("kinetics-tui upload: a bad --env is a usage error (2); a dead endpoint fails with 'cannot reach' (1)")
    func cliErrors() async throws {
        let dir = try TemporaryDirectory("kt-upload-cli")
        let environment = ["KINETICS_TUI_CACHE": dir.file("cache.sqlite")]
        let badEnv = try await Self.tool(["upload", "--project", BuildFixtures.shopSource, "--env", "no spaces"], environment: environment)
        #expect(badEnv.status == 2)
        #expect(badEnv.stderr.contains("--env must be"))

        let notProject = try await Self.tool(["upload", "--project", dir.path, "--local"], environment: environment)
        #expect(notProject.status == 2)
        #expect(notProject.stderr.contains("Cargo.toml"), "\(notProject.stderr)")

        let root = try BuildFixtures.copy(BuildFixtures.shopSource, named: "shop", label: "upload-dead")
        defer { try? FileManager.default.removeItem(atPath: (root as NSString).deletingLastPathComponent) }
        let port = try LoopbackListener.closedPort()
        let dead = try await Self.tool(
            ["upload", "--project", root, "--builder", "cargo", "--endpoint-url", "http://127.0.0.1:\(port)", "--region", "us-east-1"],
            environment: environment.merging([
                "AWS_ACCESS_KEY_ID": "AKIAKINETICSTEST0000", "AWS_SECRET_ACCESS_KEY": "not-a-real-secret-at-all", "AWS_MAX_ATTEMPTS": "1",
            ]) { $1 })
        #expect(dead.status == 1)
        #expect(dead.stdout.contains("[done] FAILED: Cannot reach http://127.0.0.1:\(port)"), "\(dead.stdout)")
        #expect(!dead.stdout.contains("not-a-real-secret") && !dead.stderr.contains("not-a-real-secret"))
    }
}
