/// A DynamoDB table declared with `[[kvdb]]` in kinetics.toml (or the older Cargo.toml metadata).
public struct KVTable: Codable, Sendable, Hashable {
    public var name: String
    public var location: SourceLocation?

    public init(name: String, location: SourceLocation? = nil) {
        self.name = name
        self.location = location
    }
}

/// A queue declared in the older `[package.metadata.kinetics.queue.<name>]` tables.
public struct QueueDeclaration: Codable, Sendable, Hashable {
    public var name: String
    public var alias: String?
    public var concurrency: UInt32?
    public var location: SourceLocation?

    public init(name: String, alias: String? = nil, concurrency: UInt32? = nil, location: SourceLocation? = nil) {
        self.name = name
        self.alias = alias
        self.concurrency = concurrency
        self.location = location
    }
}

/// Where a project's secrets come from. Only their names are ever part of a discovery result.
public enum SecretSource: String, Codable, Sendable, Hashable {
    /// `.env.secrets` in the project directory.
    case file
    /// Environment variables named `KINETICS_SECRET_*` (used when there is no `.env.secrets`).
    case environment
    /// No secrets.
    case none
}

/// One Kinetics project: a crate with functions, its resources and settings.
public struct Project: Codable, Sendable, Hashable, Identifiable {
    /// The project name: `[project] name` of kinetics.toml, else `[package] name` of Cargo.toml.
    public var name: String
    /// `[package] name` of Cargo.toml.
    public var crateName: String
    /// The crate directory, absolute.
    public var root: String
    /// The crate directory relative to the discovery root (`.` for the root itself).
    public var relativeRoot: String
    /// Functions sorted by name.
    public var functions: [KineticsFunction]
    public var tables: [KVTable]
    public var queues: [QueueDeclaration]
    /// Variables from `.env`, applied to every function.
    public var environment: [String: String]
    /// Names of secrets (never values), sorted.
    public var secretNames: [String]
    public var secretSource: SecretSource
    /// `[observability] dd_api_key_env`: the name of an env var holding a Datadog key.
    public var datadogAPIKeyEnv: String?
    /// Whether Cargo.toml depends on the `kinetics` crate (then entry points are generated at build time).
    public var dependsOnKinetics: Bool

    public var id: String { root }

    public init(
        name: String,
        crateName: String,
        root: String,
        relativeRoot: String = ".",
        functions: [KineticsFunction] = [],
        tables: [KVTable] = [],
        queues: [QueueDeclaration] = [],
        environment: [String: String] = [:],
        secretNames: [String] = [],
        secretSource: SecretSource = .none,
        datadogAPIKeyEnv: String? = nil,
        dependsOnKinetics: Bool = false
    ) {
        self.name = name
        self.crateName = crateName
        self.root = root
        self.relativeRoot = relativeRoot
        self.functions = functions
        self.tables = tables
        self.queues = queues
        self.environment = environment
        self.secretNames = secretNames
        self.secretSource = secretSource
        self.datadogAPIKeyEnv = datadogAPIKeyEnv
        self.dependsOnKinetics = dependsOnKinetics
    }

    public func function(named name: String) -> KineticsFunction? {
        functions.first { $0.name == name }
    }
}

/// Everything discovered under a directory: one project per crate with functions (a workspace gives several),
/// and every problem found on the way.
public struct DiscoveryResult: Codable, Sendable, Hashable {
    /// The directory discovery started from, absolute.
    public var root: String
    public var projects: [Project]
    /// Sorted by file, line, column.
    public var diagnostics: [Diagnostic]

    public init(root: String, projects: [Project] = [], diagnostics: [Diagnostic] = []) {
        self.root = root
        self.projects = projects
        self.diagnostics = diagnostics
    }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}
