import Foundation
import Testing

@testable import KineticsCore

@Suite("The build copy of a project on the kinetics crate")
struct BuildCopyTests {
    static let golden = BuildFixtures.fixture("kinetics-app.golden")
    static let generatedPaths = ["Cargo.toml", "src/lib.rs", "src/bin/ApiHello.rs", "src/bin/JobsCleanup.rs", "src/bin/JobsResize.rs"]

    /// A fresh copy of kinetics-app beside a `common` path dependency, and its generated files with the
    /// temporary parent directory written as `$PARENT`.
    static func generate() throws -> (root: String, files: [String: String]) {
        let root = try BuildFixtures.copy(BuildFixtures.fixture("kinetics-app"), named: "kinetics-app", label: "entry")
        let parent = (root as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: "\(parent)/common/src", withIntermediateDirectories: true)
        let sources = try CrateSources.collect(crateDirectory: root, bins: [])
        let files = try EntryPointGenerator(project: BuildFixtures.kineticsProject(root: root)).generatedFiles(sources: sources)
        return (root, files.mapValues { $0.replacingOccurrences(of: CrateSources.standardize(parent), with: "$PARENT") })
    }

    @Test("the generated Cargo.toml, lib.rs and entry points match the golden files")
    func goldenFiles() throws {
        let (_, files) = try Self.generate()
        #expect(files.keys.sorted() == Self.generatedPaths.sorted())
        for path in Self.generatedPaths {
            let goldenPath = "\(Self.golden)/\(path)"
            if ProcessInfo.processInfo.environment["KT_UPDATE_GOLDEN"] == "1" {
                try FileManager.default.createDirectory(atPath: (goldenPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try files[path]!.write(toFile: goldenPath, atomically: true, encoding: .utf8)
            }
            let expected = try String(contentsOfFile: goldenPath, encoding: .utf8)
            #expect(files[path] == expected, "\(path) differs from \(goldenPath)")
        }
    }

    @Test("the generated entry points are valid, rustfmt-clean Rust")
    func rustfmt() async throws {
        let (root, files) = try Self.generate()
        for path in Self.generatedPaths where path.hasPrefix("src/bin/") {
            let file = "\(root)/check-\((path as NSString).lastPathComponent)"
            try files[path]!.write(toFile: file, atomically: true, encoding: .utf8)
            let check = try await BuildFixtures.shell("rustfmt --edition 2021 --check '\(file)'")
            #expect(check.status == 0, "\(path): \(check.output)")
        }
    }

    @Test("lib.rs keeps the user's text, publishes private function modules and adds missing ones")
    func libRS() {
        let project = BuildFixtures.kineticsProject(root: "/p")
        let generator = EntryPointGenerator(project: project)
        #expect(generator.libRS(original: "//! doc\nmod api;\n  pub(crate) mod jobs;\nmod util;\n") == "//! doc\npub mod api;\n  pub mod jobs;\nmod util;\n")
        #expect(generator.libRS(original: "pub mod api;\n") == "pub mod api;\npub mod jobs;\n")
        #expect(generator.libRS(original: nil) == "pub mod api;\npub mod jobs;\n")
    }

    @Test("a second sync with nothing changed touches no file; changing one source rewrites only that file; a vanished one is removed")
    func mtimeStability() throws {
        let (root, _) = try Self.generate()
        let sources = try CrateSources.collect(crateDirectory: root, bins: [])
        let generator = EntryPointGenerator(project: BuildFixtures.kineticsProject(root: root))
        let destination = "\(root)/target/kinetics-tui/crate"
        let copy = BuildCopy(source: root, destination: destination)

        let first = try copy.sync(generated: try generator.generatedFiles(sources: sources))
        #expect(first.written == ["Cargo.toml", "src/api.rs", "src/bin/ApiHello.rs", "src/bin/JobsCleanup.rs", "src/bin/JobsResize.rs", "src/jobs.rs", "src/lib.rs"])
        var baseline: [String: Date] = [:]
        for path in first.written {
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: "\(destination)/\(path)")
            baseline[path] = try FileManager.default.attributesOfItem(atPath: "\(destination)/\(path)")[.modificationDate] as? Date
        }

        let second = try copy.sync(generated: try generator.generatedFiles(sources: sources))
        #expect(second.written.isEmpty && second.removed.isEmpty)
        #expect(second.unchanged == first.written.count)
        for path in first.written {
            let modified = try FileManager.default.attributesOfItem(atPath: "\(destination)/\(path)")[.modificationDate] as? Date
            #expect(modified == baseline[path], "\(path) was touched")
        }

        try BuildFixtures.append("// changed\n", to: "\(root)/src/jobs.rs")
        try Data("notes".utf8).write(to: URL(fileURLWithPath: "\(destination)/src/stale.rs"))
        let third = try copy.sync(generated: try generator.generatedFiles(sources: sources))
        #expect(third.written == ["src/jobs.rs"])
        #expect(third.removed == ["src/stale.rs"])
        let apiModified = try FileManager.default.attributesOfItem(atPath: "\(destination)/src/api.rs")[.modificationDate] as? Date
        #expect(apiModified == baseline["src/api.rs"])
    }

    @Test("every function's input hash covers its generated entry point, so changing a route rebuilds that function")
    func entryPointInHash() throws {
        var project = BuildFixtures.kineticsProject(root: "/p")
        let generator = EntryPointGenerator(project: project)
        let before = generator.entryPoint(for: project.functions[0])
        project.functions[0].trigger = .endpoint(EndpointSettings(urlPath: "/hi/{name}", methods: [.GET]))
        let after = EntryPointGenerator(project: project).entryPoint(for: project.functions[0])
        #expect(before != after)
        #expect(after.contains(#"EndpointConfig::new("/hi/{name}")"#))
        #expect(generator.entryPoint(for: project.functions[1]) == EntryPointGenerator(project: project).entryPoint(for: project.functions[1]))
    }
}
