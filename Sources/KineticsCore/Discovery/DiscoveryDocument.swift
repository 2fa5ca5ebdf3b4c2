import Foundation

/// The JSON document of `kinetics-tui discover --json`, described field by field in `docs/discover-json.md`.
///
/// Stable: keys are sorted, every key is always present (`null` when a value is absent), arrays keep the order
/// of the result (projects by directory, functions by name, diagnostics by file, line and column), and
/// `schemaVersion` changes only when a field changes meaning or goes away.
public enum DiscoveryDocument {
    public static let schemaVersion = 1

    /// The document for `result`, pretty-printed, ending in a newline.
    public static func json(_ result: DiscoveryResult) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            let data = try encoder.encode(Root(result))
            return String(decoding: data, as: UTF8.self) + "\n"
        } catch {
            // Every value is a string, number, bool or null: encoding cannot fail.
            preconditionFailure("the discovery document could not be encoded: \(error)")
        }
    }

    // MARK: - Shape

    private struct Root: Encodable {
        var schemaVersion = DiscoveryDocument.schemaVersion
        var tool = Tool()
        var root: String
        var summary: Summary
        var projects: [ProjectEntry]
        var diagnostics: [DiagnosticEntry]

        init(_ result: DiscoveryResult) {
            root = result.root
            projects = result.projects.map(ProjectEntry.init)
            diagnostics = result.diagnostics.map(DiagnosticEntry.init)
            summary = Summary(
                projects: result.projects.count,
                functions: result.projects.reduce(0) { $0 + $1.functions.count },
                errors: result.diagnostics.count { $0.severity == .error },
                warnings: result.diagnostics.count { $0.severity == .warning },
                notes: result.diagnostics.count { $0.severity == .note })
        }
    }

    private struct Tool: Encodable {
        var name = "kinetics-tui"
        var version = KineticsVersion.current
    }

    private struct Summary: Encodable {
        var projects: Int
        var functions: Int
        var errors: Int
        var warnings: Int
        var notes: Int
    }

    private struct ProjectEntry: Encodable {
        var name: String
        var crateName: String
        var root: String
        var relativeRoot: String
        var dependsOnKinetics: Bool
        var functions: [FunctionEntry]
        var tables: [TableEntry]
        var queues: [QueueEntry]
        var environment: [String: String]
        var secrets: Secrets
        var datadogApiKeyEnv: String?

        init(_ project: Project) {
            name = project.name
            crateName = project.crateName
            root = project.root
            relativeRoot = project.relativeRoot
            dependsOnKinetics = project.dependsOnKinetics
            functions = project.functions.map(FunctionEntry.init)
            tables = project.tables.map { TableEntry(name: $0.name, location: $0.location.map(Location.init)) }
            queues = project.queues.map {
                QueueEntry(name: $0.name, alias: $0.alias, concurrency: $0.concurrency, location: $0.location.map(Location.init))
            }
            environment = project.environment
            secrets = Secrets(source: project.secretSource.rawValue, names: project.secretNames)
            datadogApiKeyEnv = project.datadogAPIKeyEnv
        }

        enum CodingKeys: String, CodingKey {
            case name, crateName, root, relativeRoot, dependsOnKinetics, functions, tables, queues, environment, secrets
            case datadogApiKeyEnv
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(crateName, forKey: .crateName)
            try container.encode(root, forKey: .root)
            try container.encode(relativeRoot, forKey: .relativeRoot)
            try container.encode(dependsOnKinetics, forKey: .dependsOnKinetics)
            try container.encode(functions, forKey: .functions)
            try container.encode(tables, forKey: .tables)
            try container.encode(queues, forKey: .queues)
            try container.encode(environment, forKey: .environment)
            try container.encode(secrets, forKey: .secrets)
            try container.encode(datadogApiKeyEnv, forKey: .datadogApiKeyEnv)
        }
    }

    private struct Secrets: Encodable {
        var source: String
        var names: [String]
    }

    private struct TableEntry: Encodable {
        var name: String
        var location: Location?

        enum CodingKeys: String, CodingKey { case name, location }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(location, forKey: .location)
        }
    }

    private struct QueueEntry: Encodable {
        var name: String
        var alias: String?
        var concurrency: UInt32?
        var location: Location?

        enum CodingKeys: String, CodingKey { case name, alias, concurrency, location }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(alias, forKey: .alias)
            try container.encode(concurrency, forKey: .concurrency)
            try container.encode(location, forKey: .location)
        }
    }

    private struct FunctionEntry: Encodable {
        var name: String
        var rustName: String
        var role: String
        var modulePath: [String]
        var sourcePath: String
        var isAsync: Bool
        var location: Location
        var environment: [String: String]
        var endpoint: Endpoint?
        var worker: Worker?
        var cron: Cron?

        struct Endpoint: Encodable {
            var urlPath: String
            var methods: [String]
            var isDisabled: Bool
        }

        struct Worker: Encodable {
            var concurrency: UInt32
            var fifo: Bool
            var batchSize: UInt32?

            enum CodingKeys: String, CodingKey { case concurrency, fifo, batchSize }

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(concurrency, forKey: .concurrency)
                try container.encode(fifo, forKey: .fifo)
                try container.encode(batchSize, forKey: .batchSize)
            }
        }

        struct Cron: Encodable {
            var schedule: String
        }

        init(_ function: KineticsFunction) {
            name = function.name
            rustName = function.rustName
            role = function.role.rawValue
            modulePath = function.modulePath
            sourcePath = function.sourcePath
            isAsync = function.isAsync
            location = Location(function.location)
            environment = function.environment
            switch function.trigger {
            case .endpoint(let settings):
                endpoint = Endpoint(urlPath: settings.urlPath, methods: settings.methods.map(\.rawValue), isDisabled: settings.isDisabled)
            case .worker(let settings):
                worker = Worker(concurrency: settings.concurrency, fifo: settings.fifo, batchSize: settings.batchSize)
            case .cron(let settings):
                cron = Cron(schedule: settings.schedule)
            }
        }

        enum CodingKeys: String, CodingKey {
            case name, rustName, role, modulePath, sourcePath, isAsync, location, environment, endpoint, worker, cron
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(rustName, forKey: .rustName)
            try container.encode(role, forKey: .role)
            try container.encode(modulePath, forKey: .modulePath)
            try container.encode(sourcePath, forKey: .sourcePath)
            try container.encode(isAsync, forKey: .isAsync)
            try container.encode(location, forKey: .location)
            try container.encode(environment, forKey: .environment)
            try container.encode(endpoint, forKey: .endpoint)
            try container.encode(worker, forKey: .worker)
            try container.encode(cron, forKey: .cron)
        }
    }

    private struct Location: Encodable {
        var file: String
        var line: Int
        var column: Int

        init(_ location: SourceLocation) {
            file = location.file
            line = location.line
            column = location.column
        }
    }

    private struct DiagnosticEntry: Encodable {
        var severity: String
        var code: String
        var message: String
        var location: Location?

        init(_ diagnostic: Diagnostic) {
            severity = diagnostic.severity.rawValue
            code = diagnostic.code
            message = diagnostic.message
            location = diagnostic.location.map(Location.init)
        }

        enum CodingKeys: String, CodingKey { case severity, code, message, location }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(severity, forKey: .severity)
            try container.encode(code, forKey: .code)
            try container.encode(message, forKey: .message)
            try container.encode(location, forKey: .location)
        }
    }
}
