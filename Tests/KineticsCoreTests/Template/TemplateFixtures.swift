import Foundation
@testable import KineticsCore

/// Projects, artifacts and JSON helpers shared by the template tests.
enum TemplateFixtures {
    static let bucket = "kinetics-artifacts-test"

    /// `examples/shop` as discovery sees it.
    static func shop(environment: [String: String] = [:]) throws -> Project {
        let result = ProjectDiscovery.discover(at: repositoryRoot + "/examples/shop", environment: environment)
        guard let project = result.projects.first, !result.hasErrors else {
            throw MissingField(description: "examples/shop did not discover cleanly: \(result.diagnostics)")
        }
        return project
    }

    /// An artifact per function, at its content-addressed key.
    static func artifacts(for project: Project, bucket: String = bucket) -> [String: ArtifactLocation] {
        Dictionary(uniqueKeysWithValues: project.functions.map { function in
            let sha = StreamingSHA256.hex(of: "zip of \(function.name)")
            return (function.name, ArtifactLocation(bucket: bucket, key: "artifacts/\(function.name)/\(sha).zip", sha256: sha))
        })
    }

    static func function(_ name: String, _ trigger: FunctionTrigger, environment: [String: String] = [:]) -> KineticsFunction {
        KineticsFunction(
            name: name, rustName: "handler", modulePath: ["m"], trigger: trigger, environment: environment,
            location: SourceLocation(file: "src/m.rs", line: 1, column: 1), sourcePath: "src/m.rs")
    }

    /// A project of `count` functions, a third of each role, with two tables and a secret.
    static func synthetic(functions count: Int, name: String = "big") -> Project {
        var functions: [KineticsFunction] = []
        for index in 0..<count {
            let fname = "Function\(String(format: "%05d", index))"
            let trigger: FunctionTrigger = switch index % 3 {
            case 0: .endpoint(EndpointSettings(urlPath: "/items/\(index)/{id}", methods: index % 2 == 0 ? [.GET] : HTTPMethod.allCases))
            case 1: .worker(WorkerSettings(concurrency: UInt32(1 + index % 4), fifo: index % 5 == 0, batchSize: 10))
            default: .cron(CronSettings(schedule: "rate(\(2 + index % 50) minutes)"))
            }
            functions.append(function(fname, trigger))
        }
        return Project(
            name: name, crateName: name, root: "/tmp/\(name)", functions: functions,
            tables: [KVTable(name: "users"), KVTable(name: "events")], environment: ["MODE": "test"],
            secretNames: ["API_TOKEN"], secretSource: .file)
    }

    /// The JSON of a document as Foundation objects.
    static func json(_ document: TemplateDocument) throws -> [String: Any] {
        try require_(try JSONSerialization.jsonObject(with: document.body) as? [String: Any], "the template is not a JSON object")
    }

    static func resources(_ document: TemplateDocument) throws -> [String: [String: Any]] {
        try require_(try json(document)["Resources"] as? [String: [String: Any]], "the template has no Resources")
    }

    static func properties(_ resources: [String: [String: Any]], _ id: String) throws -> [String: Any] {
        try require_(try require_(resources[id], "no resource \(id)")["Properties"] as? [String: Any], "\(id) has no Properties")
    }

    /// The statements of the inline policy of role `id`.
    static func statements(_ resources: [String: [String: Any]], role id: String) throws -> [[String: Any]] {
        let policies = try require_(try properties(resources, id)["Policies"] as? [[String: Any]], "\(id) has no Policies")
        let document = try require_(policies.first?["PolicyDocument"] as? [String: Any], "\(id) has no policy document")
        return try require_(document["Statement"] as? [[String: Any]], "\(id) has no statements")
    }
}
