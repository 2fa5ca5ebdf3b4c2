import Foundation
import Testing

/// `kinetics-tui discover`, run as the real binary.
@Suite("kinetics-tui discover")
struct DiscoverCommandTests {
    /// The built `kinetics-tui`, beside the test bundle in the build directory.
    private static let binary: String = {
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        while url.pathComponents.count > 1 {
            url.deleteLastPathComponent()
            let candidate = url.appendingPathComponent("kinetics-tui").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return "kinetics-tui"
    }()

    private static let repository: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    private func run(_ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    @Test("lists the shop example and exits 0")
    func listing() throws {
        let result = try run(["discover", "--project", Self.repository + "/examples/shop"])
        #expect(result.status == 0)
        #expect(result.output.contains("OrdersProcess  concurrency 2 · batch 5 · standard queue"))
        #expect(result.output.hasSuffix("1 project · 5 functions · 0 errors · 0 warnings · 1 note\n"))
    }

    @Test("prints the JSON document with --json")
    func json() throws {
        let result = try run(["discover", "--json", "--project", Self.repository + "/examples/shop"])
        #expect(result.status == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(document["schemaVersion"] as? Int == 1)
        let projects = try #require(document["projects"] as? [[String: Any]])
        #expect((projects.first?["functions"] as? [Any])?.count == 5)
    }

    @Test("exits 1 when discovery finds errors")
    func errors() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kt-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory + "/src", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "[package]\nname = \"x\"\n".write(toFile: directory + "/Cargo.toml", atomically: true, encoding: .utf8)
        try "#[endpoint(url_path = \"nope\")]\npub async fn f() {}\n".write(toFile: directory + "/src/lib.rs", atomically: true, encoding: .utf8)
        let result = try run(["discover", "--project", directory])
        #expect(result.status == 1)
        #expect(result.output.contains("src/lib.rs:1:23: error: `url_path` must start with `/`, e.g. `\"/nope\"` [invalid-url-path]"))
        #expect(try run(["discover", "--project", directory + "/missing"]).status == 1)
    }

    @Test("exits 2 on bad usage")
    func usage() throws {
        let result = try run(["discover", "--no-such-flag"])
        #expect(result.status == 2)
        #expect(result.error.contains("Unknown option '--no-such-flag'"))
        #expect(try run(["discover", "--project"]).status == 2)
    }
}
