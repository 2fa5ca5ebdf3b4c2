import Foundation
import Testing

@testable import KineticsCore

/// Real cargo builds of examples/shop and of the fixtures, each in a temporary copy.
@Suite("Building and packaging with real cargo", .serialized)
struct ArtifactPipelineTests {
    static func request(_ project: Project, _ functions: [String] = [], builder: BuilderPreference = .cargo) -> ArtifactRequest {
        ArtifactRequest(project: project, functions: functions, builder: builder)
    }

    static func packaged(_ events: [ArtifactEvent]) -> [PackagedArtifact] {
        events.compactMap { event in
            if case .packaged(let artifact, _) = event { return artifact }
            return nil
        }
    }

    @Test("examples/shop: five zips; a second run starts no process at all; touching one bin rebuilds only that one")
    func shopRoundTrip() async throws {
        let root = try BuildFixtures.copy(BuildFixtures.shopSource, named: "shop", label: "shop")
        let project = BuildFixtures.shopProject(root: root)

        let first = CountingProcessRunner()
        let events = try await BuildFixtures.events(ArtifactPipeline(runner: first), Self.request(project))
        let summary = try #require(BuildFixtures.summary(events))
        #expect(summary.succeeded)
        #expect(summary.built == ["OrdersCreate", "OrdersProcess", "ProductsGet", "ProductsList", "ReportsDaily"])
        #expect(first.cargoBuilds.count == 1)
        let artifacts = Self.packaged(events)
        #expect(artifacts.count == 5)
        for artifact in artifacts {
            #expect(artifact.s3Key == "artifacts/\(artifact.functionName)/\(artifact.sha256).zip")
            #expect(artifact.sha256 == (try FileDigestCache.hashFile(artifact.zipPath)))
            let test = try await BuildFixtures.shell("unzip -t '\(artifact.zipPath)'")
            #expect(test.status == 0, "\(test.output)")
            let info = try await BuildFixtures.shell("zipinfo '\(artifact.zipPath)'").output
            #expect(info.contains("-rwxr-xr-x"))
            #expect(info.contains("80-Jan-01 00:00 bootstrap"))
        }
        let progress = events.compactMap { event -> UnitProgress? in
            if case .unitCompiled(let p) = event { return p }
            return nil
        }
        #expect(progress.last?.compiled == progress.last?.planned)

        let second = CountingProcessRunner()
        let again = try await BuildFixtures.events(ArtifactPipeline(runner: second), Self.request(project))
        let unchanged = try #require(BuildFixtures.summary(again))
        #expect(second.specs.isEmpty, "started \(second.specs.map(\.commandLine))")
        #expect(!unchanged.ranCargo)
        #expect(unchanged.unchanged.count == 5 && unchanged.built.isEmpty)
        #expect(unchanged.artifacts == summary.artifacts)
        #expect(ArtifactEventFormatter(.plain).lines(for: .finished(unchanged)).first?.contains("nothing to build") == true)

        try BuildFixtures.append("// a change in one entry point only\n", to: "\(root)/src/bin/ReportsDaily.rs")
        let third = CountingProcessRunner()
        let touched = try await BuildFixtures.events(ArtifactPipeline(runner: third), Self.request(project))
        let rebuilt = try #require(BuildFixtures.summary(touched))
        #expect(rebuilt.built == ["ReportsDaily"])
        #expect(rebuilt.unchanged == ["OrdersCreate", "OrdersProcess", "ProductsGet", "ProductsList"])
        #expect(third.cargoBuilds.count == 1)
        let bins = third.cargoBuilds.first.map { spec in spec.arguments.enumerated().filter { $0.offset > 0 && spec.arguments[$0.offset - 1] == "--bin" }.map(\.element) }
        #expect(bins == ["ReportsDaily"])
        let plannedForOne = touched.compactMap { event -> Int? in
            if case .cargoStarted(_, _, let planned) = event { return planned }
            return nil
        }
        #expect(plannedForOne == [3], "two dependency units from the last build plus one bin")
    }

    @Test("zips are byte-identical across two builds of the same sources in different directories")
    func reproducible() async throws {
        let a = try BuildFixtures.copy(BuildFixtures.shopSource, named: "shop", label: "repro-a")
        let b = try BuildFixtures.copy(BuildFixtures.shopSource, named: "shop", label: "repro-b")
        let names = ["ProductsList", "OrdersProcess"]
        let first = try await BuildFixtures.events(ArtifactPipeline(), Self.request(BuildFixtures.shopProject(root: a), names))
        let second = try await BuildFixtures.events(ArtifactPipeline(), Self.request(BuildFixtures.shopProject(root: b), names))
        let shaA = Dictionary(uniqueKeysWithValues: Self.packaged(first).map { ($0.functionName, $0.sha256) })
        let shaB = Dictionary(uniqueKeysWithValues: Self.packaged(second).map { ($0.functionName, $0.sha256) })
        #expect(shaA.count == 2)
        #expect(shaA == shaB)
        for artifact in Self.packaged(first) {
            let other = "\(b)/target/kinetics-tui/artifacts/\(artifact.functionName).zip"
            #expect(FileManager.default.contents(atPath: artifact.zipPath) == FileManager.default.contents(atPath: other))
        }
    }

    @Test("a compile error fails its function with file:line diagnostics while the other function is packaged")
    func compileError() async throws {
        let root = try BuildFixtures.copy(BuildFixtures.fixture("compile-error"), named: "broken", label: "broken")
        let project = BuildFixtures.binProject(name: "broken", root: root, functions: ["Bad", "Good"])
        let events = try await BuildFixtures.events(ArtifactPipeline(), Self.request(project))
        let summary = try #require(BuildFixtures.summary(events))
        #expect(!summary.succeeded)
        #expect(summary.built == ["Good"])
        let diagnostics = try #require(summary.failed["Bad"])
        let error = try #require(diagnostics.first)
        #expect(error.code == "rustc-E0308")
        #expect(error.location?.file == "src/bin/Bad.rs")
        #expect(error.location?.line == 2)
        let lines = events.flatMap(ArtifactEventFormatter(.plain).lines(for:))
        #expect(lines.contains { $0.hasPrefix("[build] src/bin/Bad.rs:2:") && $0.contains("error[E0308]") })
        #expect(lines.contains { $0.hasPrefix("[package] Good") })
        #expect(lines.last?.contains("1 built, 0 unchanged, 1 failed (Bad)") == true)

        let rerun = CountingProcessRunner()
        let second = try await BuildFixtures.events(ArtifactPipeline(runner: rerun), Self.request(project))
        #expect(BuildFixtures.summary(second)?.unchanged == ["Good"])
        #expect(rerun.cargoBuilds.first?.arguments.suffix(2) == ["--bin", "Bad"], "only the failed function is tried again")
    }

    @Test("a function without its bin target fails before cargo, naming src/bin/<Name>.rs; cargo builds only the rest")
    func missingBin() async throws {
        let root = try BuildFixtures.copy(BuildFixtures.fixture("missing-bin"), named: "halfway", label: "missing")
        let project = BuildFixtures.binProject(name: "halfway", root: root, functions: ["Absent", "Present"])
        let runner = CountingProcessRunner()
        let events = try await BuildFixtures.events(ArtifactPipeline(runner: runner), Self.request(project))
        let failure = events.compactMap { event -> [Diagnostic]? in
            if case .functionFailed(let name, let diagnostics) = event, name == "Absent" { return diagnostics }
            return nil
        }
        let diagnostic = try #require(failure.first?.first)
        #expect(diagnostic.code == "missing-bin-target")
        #expect(diagnostic.message.contains("src/bin/Absent.rs"))
        let failedAt = try #require(events.firstIndex { if case .functionFailed = $0 { return true } else { return false } })
        let cargoAt = try #require(events.firstIndex { if case .cargoStarted = $0 { return true } else { return false } })
        #expect(failedAt < cargoAt)
        #expect(runner.cargoBuilds.first?.arguments.suffix(2) == ["--bin", "Present"])
        #expect(BuildFixtures.summary(events)?.built == ["Present"])

        let onlyAbsent = CountingProcessRunner()
        let none = try await BuildFixtures.events(ArtifactPipeline(runner: onlyAbsent), Self.request(project, ["Absent"]))
        #expect(onlyAbsent.cargoBuilds.isEmpty)
        #expect(BuildFixtures.summary(none)?.failed.keys.sorted() == ["Absent"])
    }

    @Test("a workspace member builds into the workspace's target directory and its hash follows a sibling crate")
    func workspace() async throws {
        let root = try BuildFixtures.copy(BuildFixtures.fixture("workspace"), named: "ws", label: "ws")
        let project = BuildFixtures.binProject(name: "api", root: "\(root)/api", relativeRoot: "api", functions: ["Hello"])
        let events = try await BuildFixtures.events(ArtifactPipeline(), Self.request(project))
        let summary = try #require(BuildFixtures.summary(events))
        #expect(summary.built == ["Hello"], "\(summary.failed)")
        let bootstrap = events.compactMap { event -> String? in
            if case .functionBuilt(_, let path, _) = event { return path }
            return nil
        }
        #expect(bootstrap == ["\(CrateSources.standardize(root))/target/release/Hello"])

        try BuildFixtures.append("pub fn more() {}\n", to: "\(root)/shared/src/lib.rs")
        try Data("fn main() { let x: u8 = \"no\"; }\n".utf8).write(to: URL(fileURLWithPath: "\(root)/api/src/bin/Hello.rs"))
        let again = try await BuildFixtures.events(ArtifactPipeline(), Self.request(project))
        #expect(again.contains { if case .functionQueued("Hello", .inputsChanged, _) = $0 { return true } else { return false } })
        let error = try #require(BuildFixtures.summary(again)?.failed["Hello"]?.first)
        #expect(error.location?.file == "api/src/bin/Hello.rs", "paths are relative to the discovery root")
    }

    @Test("cargo killed mid-build is a clear error; nothing is recorded from that build and the next run completes")
    func killedMidBuild() async throws {
        let root = try BuildFixtures.copy(BuildFixtures.shopSource, named: "shop", label: "killed")
        let project = BuildFixtures.shopProject(root: root)
        // A build script that waits while a marker file exists holds cargo in the middle of the build for as long
        // as the test needs, however fast or loaded the machine is.
        try Data(Self.holdingBuildScript.utf8).write(to: URL(fileURLWithPath: "\(root)/build.rs"))
        let hold = "\(root)/hold-build"
        try Data().write(to: URL(fileURLWithPath: hold))
        defer { try? FileManager.default.removeItem(atPath: hold) }
        let runner = CountingProcessRunner()
        // The kill comes from a thread of its own that watches /proc, so a busy task pool (the whole suite runs in
        // parallel) cannot delay it: once the build script runs, cargo is mid-build and is killed.
        let killed = Locked<Int32?>(nil)
        let killer = Thread {
            defer { try? FileManager.default.removeItem(atPath: hold) }
            let deadline = Date().addingTimeInterval(120)
            while Date() < deadline {
                if Self.buildScriptRunning(in: root), let pid = Self.childCargoBuild(of: root) {
                    // Recorded before the kill: the pipeline can see cargo die before this thread runs again.
                    killed.withLock { $0 = pid }
                    kill(pid, SIGKILL)
                    return
                }
                usleep(10_000)
            }
        }
        killer.start()
        var thrown: (any Error)?
        var seen: [ArtifactEvent] = []
        do {
            for try await event in ArtifactPipeline(runner: runner).run(Self.request(project)) { seen.append(event) }
        } catch {
            thrown = error
        }
        try #require(
            killed.withLock { $0 } != nil,
            "no cargo build was seen to kill; the pipeline \(thrown.map { "threw \($0)" } ?? "ended") after \(seen.suffix(4))"
        )
        let error = try #require(thrown as? BuildError)
        #expect(error.code == .cargoTerminated)
        #expect(error.message.contains("signal 9"))
        #expect(try JSONBuildStateStore().load(for: project).functions.isEmpty)

        let events = try await BuildFixtures.events(ArtifactPipeline(), Self.request(project))
        #expect(BuildFixtures.summary(events)?.built.count == 5)
    }

    /// A build script that returns once `hold-build` beside the manifest is gone (or after two minutes).
    static let holdingBuildScript = """
        fn main() {
            println!("cargo:rerun-if-changed=build.rs");
            let hold = std::path::Path::new(&std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("hold-build");
            let started = std::time::Instant::now();
            while hold.exists() && started.elapsed().as_secs() < 120 {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
        }

        """

    /// Whether a build script of the crate at `root` runs now (cargo runs it in the crate's directory).
    static func buildScriptRunning(in root: String) -> Bool {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return false }
        let roots = [root, CrateSources.standardize(root)]
        for entry in entries where Int32(entry) != nil {
            guard let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(entry)/exe"),
                  exe.contains("build-script-build"),
                  let cwd = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(entry)/cwd")
            else { continue }
            if roots.contains(where: { cwd == $0 || exe.hasPrefix($0 + "/") }) { return true }
        }
        return false
    }

    /// A `cargo build` of the crate at `root` that is a child of this process, found through /proc (other tests
    /// build other copies at the same time).
    static func childCargoBuild(of root: String) -> Int32? {
        let me = getpid()
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return nil }
        for entry in entries {
            guard let pid = Int32(entry),
                  let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")")
            else { continue }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 2, Int32(fields[1]) == me else { continue }
            guard let cmdline = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { continue }
            let argv = cmdline.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            guard argv.first.map({ $0.hasSuffix("cargo") }) == true, argv.dropFirst().first == "build" else { continue }
            let cwd = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/cwd")) ?? ""
            let base = CrateSources.standardize(root)
            if cwd.hasPrefix(base) || cwd.hasPrefix(root) || argv.contains(where: { $0.contains(base) || $0.contains(root) }) { return pid }
        }
        return nil
    }

    @Test("cargo-lambda builds a Lambda bootstrap that is packaged like any other", .enabled(if: ArtifactPipelineTests.hasCargoLambda))
    func cargoLambda() async throws {
        let root = try BuildFixtures.copy(BuildFixtures.shopSource, named: "shop", label: "lambda")
        let project = BuildFixtures.shopProject(root: root)
        let events = try await BuildFixtures.events(ArtifactPipeline(), Self.request(project, ["ReportsDaily"], builder: .cargoLambda))
        let summary = try #require(BuildFixtures.summary(events))
        #expect(summary.built == ["ReportsDaily"], "\(summary.failed)")
        let command = events.compactMap { event -> String? in
            if case .cargoStarted(let command, _, _) = event { return command }
            return nil
        }
        #expect(command.first?.hasPrefix("cargo lambda build --output-format binary --release") == true)
        let artifact = try #require(summary.artifacts.first)
        #expect(try await BuildFixtures.shell("unzip -t '\(artifact.zipPath)'").status == 0)
        let magic = try await BuildFixtures.shell("unzip -p '\(artifact.zipPath)' bootstrap | head -c 4 | od -An -c").output
        #expect(magic.contains("E   L   F"))
    }

    static var hasCargoLambda: Bool {
        (try? BuildFixtures.shellBlocking("cargo lambda --version").status) == 0
    }
}
