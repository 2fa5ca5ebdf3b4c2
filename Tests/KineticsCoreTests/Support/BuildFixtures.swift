import Foundation
import KineticsCore

/// Sample projects for the build and package stages, copied into temporary directories so tests never write
/// into the repository, and hand-made `Project` values for them (discovery is tested on its own).
enum BuildFixtures {
    /// The repository's root directory.
    static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    static var shopSource: String { "\(repositoryRoot)/examples/shop" }

    static func fixture(_ name: String) -> String {
        "\(repositoryRoot)/Tests/KineticsCoreTests/Fixtures/Build/\(name)"
    }

    /// A new empty temporary directory.
    static func temporaryDirectory(_ label: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kt-\(label)-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Copies `source` (without its `target/`) to `<new temporary directory>/<name>` and returns that path.
    static func copy(_ source: String, named name: String, label: String) throws -> String {
        let destination = "\(try temporaryDirectory(label))/\(name)"
        try copyTree(source, to: destination)
        return destination
    }

    static func copyTree(_ source: String, to destination: String) throws {
        let fm = FileManager.default
        try fm.createDirectory(atPath: destination, withIntermediateDirectories: true)
        for name in try fm.contentsOfDirectory(atPath: source) where name != "target" {
            let from = "\(source)/\(name)"
            var isDirectory: ObjCBool = false
            _ = fm.fileExists(atPath: from, isDirectory: &isDirectory)
            if isDirectory.boolValue {
                try copyTree(from, to: "\(destination)/\(name)")
            } else {
                try fm.copyItem(atPath: from, toPath: "\(destination)/\(name)")
            }
        }
    }

    static func location(_ file: String, _ line: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: 1)
    }

    /// examples/shop as discovery describes it.
    static func shopProject(root: String) -> Project {
        Project(
            name: "shop",
            crateName: "shop",
            root: root,
            functions: [
                KineticsFunction(
                    name: "OrdersCreate", rustName: "create", modulePath: ["orders"],
                    trigger: .endpoint(EndpointSettings(urlPath: "/orders", methods: [.POST])),
                    location: location("src/orders.rs", 10)),
                KineticsFunction(
                    name: "OrdersProcess", rustName: "process", modulePath: ["orders"],
                    trigger: .worker(WorkerSettings(concurrency: 2, batchSize: 5)),
                    location: location("src/orders.rs", 32)),
                KineticsFunction(
                    name: "ProductsGet", rustName: "get", modulePath: ["products"],
                    trigger: .endpoint(EndpointSettings(urlPath: "/products/{id}", methods: [.GET])),
                    location: location("src/products.rs", 17)),
                KineticsFunction(
                    name: "ProductsList", rustName: "list", modulePath: ["products"],
                    trigger: .endpoint(EndpointSettings(urlPath: "/products", methods: [.GET])),
                    location: location("src/products.rs", 8)),
                KineticsFunction(
                    name: "ReportsDaily", rustName: "daily", modulePath: ["reports"],
                    trigger: .cron(CronSettings(schedule: "rate(1 day)")),
                    location: location("src/reports.rs", 7)),
            ],
            tables: [KVTable(name: "products"), KVTable(name: "orders")]
        )
    }

    /// A project of bin-mapped functions named `names` (each an endpoint at `/<name>`).
    static func binProject(name: String, root: String, relativeRoot: String = ".", functions names: [String]) -> Project {
        Project(
            name: name,
            crateName: name,
            root: root,
            relativeRoot: relativeRoot,
            functions: names.map { function in
                KineticsFunction(
                    name: function, rustName: function.lowercased(), modulePath: [],
                    trigger: .endpoint(EndpointSettings(urlPath: "/\(function.lowercased())")),
                    location: location("src/lib.rs", 3))
            }
        )
    }

    /// The kinetics-app fixture: an endpoint, a worker and a cron on the `kinetics` crate.
    static func kineticsProject(root: String) -> Project {
        Project(
            name: "kinetics-app",
            crateName: "kinetics-app",
            root: root,
            functions: [
                KineticsFunction(
                    name: "ApiHello", rustName: "hello", modulePath: ["api"],
                    trigger: .endpoint(EndpointSettings(urlPath: "/hello/{name}", methods: [.GET])),
                    location: location("src/api.rs", 7)),
                KineticsFunction(
                    name: "JobsCleanup", rustName: "cleanup", modulePath: ["jobs"],
                    trigger: .cron(CronSettings(schedule: "rate(1 hour)")),
                    location: location("src/jobs.rs", 21)),
                KineticsFunction(
                    name: "JobsResize", rustName: "resize", modulePath: ["jobs"],
                    trigger: .worker(WorkerSettings(concurrency: 2)),
                    location: location("src/jobs.rs", 6)),
            ],
            dependsOnKinetics: true
        )
    }

    /// Runs `body` to the end and returns every event.
    static func events(
        _ pipeline: ArtifactPipeline,
        _ request: ArtifactRequest
    ) async throws -> [ArtifactEvent] {
        var events: [ArtifactEvent] = []
        for try await event in pipeline.run(request) { events.append(event) }
        return events
    }

    static func summary(_ events: [ArtifactEvent]) -> ArtifactSummary? {
        for case .finished(let summary) in events { return summary }
        return nil
    }

    /// Appends `text` to a file, as an editor saving a change would.
    static func append(_ text: String, to path: String) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }

    /// Runs a shell command and returns its status and output.
    @discardableResult
    /// Runs `command` with `/bin/sh` and waits for it on a thread of its own (see `Blocking`).
    static func shell(_ command: String, in directory: String? = nil) async throws -> (status: Int32, output: String) {
        try await Blocking.run { try shellBlocking(command, in: directory) }
    }

    /// `shell` for the few places that cannot await (a test's enabling condition); only for short commands.
    static func shellBlocking(_ command: String, in directory: String? = nil) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
