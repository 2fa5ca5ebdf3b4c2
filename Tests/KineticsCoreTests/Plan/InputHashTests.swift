import Foundation
import Testing

@testable import KineticsCore

@Suite("Input hashes")
struct InputHashTests {
    static let toolchain = Toolchain(rustcVersion: "rustc 1.95.0\nhost: x86_64-unknown-linux-gnu", host: "x86_64-unknown-linux-gnu", cargoLambdaVersion: nil)
    static let configuration = BuildConfiguration(builder: .cargo, toolchain: toolchain)
    static let names = ["OrdersCreate", "OrdersProcess", "ProductsGet", "ProductsList", "ReportsDaily"]

    /// The hashes of the five shop functions in `root`.
    static func hashes(_ root: String, configuration: BuildConfiguration = configuration, digests: FileDigestCache? = nil) throws -> [String: String] {
        let sources = try CrateSources.collect(crateDirectory: root, bins: names)
        let inputs = names.map { InputHasher.FunctionInputs(name: $0, ownFiles: sources.binFiles[$0] ?? []) }
        return try InputHasher(digests: digests ?? FileDigestCache(path: nil))
            .hashes(sources: sources, configuration: configuration, functions: inputs).functions
    }

    @Test("the shop's shared sources include the library, Cargo.lock and the macros path dependency, but no bin")
    func shopSources() throws {
        let root = try BuildFixtures.copy(BuildFixtures.shopSource, named: "shop", label: "sources")
        let sources = try CrateSources.collect(crateDirectory: root, bins: Self.names)
        let shared = Set(sources.sharedFiles.map(sources.relative))
        #expect(shared.isSuperset(of: ["Cargo.toml", "Cargo.lock", "src/lib.rs", "src/catalog.rs", "macros/Cargo.toml", "macros/src/lib.rs", "build.rs"]))
        #expect(!shared.contains { $0.hasPrefix("src/bin/") })
        #expect(sources.binFiles["ProductsList"].map { $0.map(sources.relative) } == ["src/bin/ProductsList.rs"])
        #expect(sources.workspaceRoot == sources.crateDirectory)
    }

    @Test("touching a bin changes only that function's hash; touching the library or Cargo.lock changes all")
    func precision() throws {
        let root = try BuildFixtures.copy(BuildFixtures.shopSource, named: "shop", label: "precision")
        let before = try Self.hashes(root)
        #expect(Set(before.values).count == 5)
        #expect(try Self.hashes(root) == before)

        try BuildFixtures.append("// touched\n", to: "\(root)/src/bin/ReportsDaily.rs")
        let afterBin = try Self.hashes(root)
        #expect(afterBin["ReportsDaily"] != before["ReportsDaily"])
        for name in Self.names where name != "ReportsDaily" { #expect(afterBin[name] == before[name]) }

        try BuildFixtures.append("// touched\n", to: "\(root)/src/catalog.rs")
        let afterLib = try Self.hashes(root)
        for name in Self.names { #expect(afterLib[name] != afterBin[name]) }

        try BuildFixtures.append("\n", to: "\(root)/Cargo.lock")
        let afterLock = try Self.hashes(root)
        for name in Self.names { #expect(afterLock[name] != afterLib[name]) }

        try BuildFixtures.append("// touched\n", to: "\(root)/macros/src/lib.rs")
        let afterMacros = try Self.hashes(root)
        for name in Self.names { #expect(afterMacros[name] != afterLock[name]) }
    }

    @Test("the builder, profile, features, RUSTFLAGS and the rustc version are part of every hash")
    func settings() throws {
        let root = try BuildFixtures.copy(BuildFixtures.shopSource, named: "shop", label: "settings")
        let base = try Self.hashes(root)
        let variants = [
            BuildConfiguration(builder: .cargoLambda, toolchain: Self.toolchain),
            BuildConfiguration(builder: .cargo, profile: "dev", toolchain: Self.toolchain),
            BuildConfiguration(builder: .cargo, features: ["fast"], toolchain: Self.toolchain),
            BuildConfiguration(builder: .cargo, buildEnvironment: ["RUSTFLAGS=-C target-cpu=native"], toolchain: Self.toolchain),
            BuildConfiguration(builder: .cargo, buildEnvironment: ["CARGO_PROFILE_RELEASE_LTO=true"], toolchain: Self.toolchain),
            BuildConfiguration(builder: .cargo, toolchain: Toolchain(rustcVersion: "rustc 1.96.0", host: "x86_64-unknown-linux-gnu", cargoLambdaVersion: nil)),
        ]
        var seen: Set<String> = [base["ProductsList"]!]
        for variant in variants {
            let hash = try Self.hashes(root, configuration: variant)["ProductsList"]!
            #expect(seen.insert(hash).inserted)
        }
    }

    @Test("only the variables that change cargo's output count as build environment")
    func environment() {
        let picked = BuildConfiguration.buildEnvironment(from: [
            "RUSTFLAGS": "-Copt-level=3", "CARGO_PROFILE_RELEASE_LTO": "true", "CARGO_TARGET_DIR": "/t",
            "CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_LINKER": "cc", "HOME": "/root", "PATH": "/bin",
        ])
        #expect(picked == ["CARGO_PROFILE_RELEASE_LTO=true", "CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_LINKER=cc", "RUSTFLAGS=-Copt-level=3"])
    }

    @Test("a workspace member's hash covers the workspace manifest, lock file and sibling path dependencies")
    func workspace() throws {
        let root = try BuildFixtures.copy(BuildFixtures.fixture("workspace"), named: "workspace", label: "ws-hash")
        let sources = try CrateSources.collect(crateDirectory: "\(root)/api", bins: ["Hello"])
        #expect(sources.workspaceRoot == CrateSources.standardize(root))
        let shared = Set(sources.sharedFiles.map(sources.relative))
        #expect(shared.isSuperset(of: ["Cargo.toml", "../Cargo.toml", "../Cargo.lock", "../shared/src/lib.rs", "../shared/Cargo.toml"]))
    }
}

@Suite("File digest cache")
struct FileDigestCacheTests {
    @Test("an unchanged file is answered from the manifest after a save, and a rewritten one is hashed again")
    func reuse() throws {
        let dir = try BuildFixtures.temporaryDirectory("digests")
        let file = "\(dir)/a.rs"
        try Data("one".utf8).write(to: URL(fileURLWithPath: file))
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -60)], ofItemAtPath: file)
        let manifest = "\(dir)/digests.json"

        let first = FileDigestCache(path: manifest)
        let hash = try first.digest(ofFile: file)
        #expect(first.filesHashed == 1)
        try first.save()

        let second = FileDigestCache(path: manifest)
        #expect(try second.digest(ofFile: file) == hash)
        #expect(second.filesHashed == 0)

        try Data("two".utf8).write(to: URL(fileURLWithPath: file))
        let third = FileDigestCache(path: manifest)
        let changed = try third.digest(ofFile: file)
        #expect(third.filesHashed == 1)
        #expect(changed != hash)
        #expect(changed == (try FileDigestCache.hashFile(file)))
        #expect(try third.digest(ofFile: "\(dir)/missing.rs") == nil)
    }

    @Test("a file modified after the manifest was saved but with the same size and mtime is still re-hashed (ctime differs)")
    func racy() throws {
        let dir = try BuildFixtures.temporaryDirectory("digests-racy")
        let file = "\(dir)/a.rs"
        try Data("aaaa".utf8).write(to: URL(fileURLWithPath: file))
        let past = Date(timeIntervalSinceNow: -60)
        try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: file)
        let cache = FileDigestCache(path: "\(dir)/d.json")
        let before = try cache.digest(ofFile: file)
        try cache.save()
        try Data("bbbb".utf8).write(to: URL(fileURLWithPath: file))
        try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: file)
        let after = try FileDigestCache(path: "\(dir)/d.json").digest(ofFile: file)
        #expect(after != before)
    }

    @Test("a corrupt manifest is ignored, not fatal")
    func corrupt() throws {
        let dir = try BuildFixtures.temporaryDirectory("digests-corrupt")
        try Data("{not json".utf8).write(to: URL(fileURLWithPath: "\(dir)/d.json"))
        try Data("x".utf8).write(to: URL(fileURLWithPath: "\(dir)/a"))
        let cache = FileDigestCache(path: "\(dir)/d.json")
        #expect(try cache.digest(ofFile: "\(dir)/a") != nil)
        try cache.save()
    }
}

@Suite("Build planner")
struct BuildPlannerTests {
    @Test("no record, another hash, a missing or replaced zip each need a build; a match with the zip in place does not")
    func decisions() throws {
        let dir = try BuildFixtures.temporaryDirectory("planner")
        let zip = "\(dir)/F.zip"
        try Data("zipbytes".utf8).write(to: URL(fileURLWithPath: zip))
        let artifact = PackagedArtifact(functionName: "F", zipPath: zip, size: 8, sha256: String(repeating: "a", count: 64), bootstrapSize: 10)
        let modified = try #require(BuildPlanner.modificationTime(zip, size: 8))
        let record = BuildState.FunctionRecord(inputHash: "h1", artifact: artifact, zipModified: modified)

        #expect(BuildPlanner.decide(inputHash: "h1", record: nil, force: false) == .build(.neverBuilt))
        #expect(BuildPlanner.decide(inputHash: "h2", record: record, force: false) == .build(.inputsChanged))
        #expect(BuildPlanner.decide(inputHash: "h1", record: record, force: true) == .build(.forced))
        #expect(BuildPlanner.decide(inputHash: "h1", record: record, force: false) == .unchanged(artifact))
        #expect(artifact.s3Key == "artifacts/F/\(String(repeating: "a", count: 64)).zip")

        try Data("zipbytes".utf8).write(to: URL(fileURLWithPath: zip))
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: zip)
        #expect(BuildPlanner.decide(inputHash: "h1", record: record, force: false) == .build(.artifactMissing))
        try FileManager.default.removeItem(atPath: zip)
        #expect(BuildPlanner.decide(inputHash: "h1", record: record, force: false) == .build(.artifactMissing))
    }

    @Test("the JSON state store round-trips and an unreadable file reads as empty")
    func stateStore() throws {
        let dir = try BuildFixtures.temporaryDirectory("state")
        let project = BuildFixtures.shopProject(root: dir)
        let store = JSONBuildStateStore()
        #expect(try store.load(for: project) == BuildState())
        let artifact = PackagedArtifact(functionName: "F", zipPath: "/z", size: 1, sha256: "s", bootstrapSize: 2)
        let state = BuildState(functions: ["F": .init(inputHash: "h", artifact: artifact, zipModified: 5)], dependencyUnits: ["k": 3])
        try store.save(state, for: project)
        #expect(try store.load(for: project) == state)
        try Data("garbage".utf8).write(to: URL(fileURLWithPath: store.file(for: project)))
        #expect(try store.load(for: project) == BuildState())
    }
}
