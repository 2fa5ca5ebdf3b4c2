/// The role a function plays, from the attribute on it.
public enum FunctionRole: String, Codable, Sendable, CaseIterable, Comparable {
    case endpoint
    case worker
    case cron

    public static func < (lhs: FunctionRole, rhs: FunctionRole) -> Bool { lhs.rank < rhs.rank }

    /// The position in `allCases`.
    private var rank: Int {
        switch self {
        case .endpoint: 0
        case .worker: 1
        case .cron: 2
        }
    }
}

/// The HTTP methods an endpoint may accept.
public enum HTTPMethod: String, Codable, Sendable, CaseIterable, Comparable {
    case GET, POST, PUT, DELETE, PATCH

    public static func < (lhs: HTTPMethod, rhs: HTTPMethod) -> Bool { lhs.rank < rhs.rank }

    /// The position in `allCases`.
    var rank: Int {
        switch self {
        case .GET: 0
        case .POST: 1
        case .PUT: 2
        case .DELETE: 3
        case .PATCH: 4
        }
    }
}

/// `#[endpoint(url_path = "...", methods = [...])]`.
public struct EndpointSettings: Codable, Sendable, Hashable {
    /// The path the endpoint answers, e.g. `/products/{id}`.
    public var urlPath: String
    /// The accepted methods, sorted; every method when the attribute names none.
    public var methods: [HTTPMethod]
    public var isDisabled: Bool

    public init(urlPath: String, methods: [HTTPMethod] = HTTPMethod.allCases, isDisabled: Bool = false) {
        self.urlPath = urlPath
        // Usually sorted already (as written, or every method): then the array is kept, not copied.
        self.methods = zip(methods, methods.dropFirst()).allSatisfy { !($1 < $0) } ? methods : methods.sorted()
        self.isDisabled = isDisabled
    }
}

/// `#[worker(concurrency = N, fifo = bool, batch_size = N)]`: a function fed by its own SQS queue.
public struct WorkerSettings: Codable, Sendable, Hashable {
    public var concurrency: UInt32
    public var fifo: Bool
    /// Records per invocation, 1...10; `nil` leaves the AWS default.
    public var batchSize: UInt32?

    public init(concurrency: UInt32 = 1, fifo: Bool = false, batchSize: UInt32? = nil) {
        self.concurrency = concurrency
        self.fifo = fifo
        self.batchSize = batchSize
    }
}

/// `#[cron(schedule = "rate(1 day)")]`: a function run by an EventBridge schedule.
public struct CronSettings: Codable, Sendable, Hashable {
    /// An EventBridge schedule expression, `rate(...)` or `cron(...)`.
    public var schedule: String

    public init(schedule: String) {
        self.schedule = schedule
    }
}

/// What triggers a function, with the settings of that role.
public enum FunctionTrigger: Codable, Sendable, Hashable {
    case endpoint(EndpointSettings)
    case worker(WorkerSettings)
    case cron(CronSettings)

    public var role: FunctionRole {
        switch self {
        case .endpoint: .endpoint
        case .worker: .worker
        case .cron: .cron
        }
    }
}

/// One deployable function of a project: a free Rust `fn` with an `#[endpoint]`, `#[worker]` or `#[cron]` attribute.
public struct KineticsFunction: Codable, Sendable, Hashable, Identifiable {
    /// The Kinetics name (default from the file path and fn name, or `name = "..."`); also the Lambda name suffix
    /// and the bin target of projects that do not depend on the `kinetics` crate.
    public var name: String
    /// The Rust identifier of the function.
    public var rustName: String
    /// The module path from the crate root, e.g. `["basic", "cron"]` for `src/basic/cron.rs`.
    public var modulePath: [String]
    public var trigger: FunctionTrigger
    /// Variables from the attribute's `environment = {...}`; these win over the project's `.env`.
    public var environment: [String: String]
    /// Where the attribute starts.
    public var location: SourceLocation
    /// The file that declares the function, relative to the crate directory (`src/orders.rs`); the path upstream
    /// Kinetics derives the default name from.
    public var sourcePath: String
    /// Whether the function is an `async fn` (entry points generated for `kinetics` crates await it).
    public var isAsync: Bool

    public var id: String { name }
    public var role: FunctionRole { trigger.role }

    public init(
        name: String,
        rustName: String,
        modulePath: [String],
        trigger: FunctionTrigger,
        environment: [String: String] = [:],
        location: SourceLocation,
        sourcePath: String = "",
        isAsync: Bool = false
    ) {
        self.name = name
        self.rustName = rustName
        self.modulePath = modulePath
        self.trigger = trigger
        self.environment = environment
        self.location = location
        self.sourcePath = sourcePath
        self.isAsync = isAsync
    }
}

extension KineticsFunction {
    private enum CodingKeys: String, CodingKey {
        case name, rustName, modulePath, trigger, environment, location, sourcePath, isAsync
    }

    /// Decodes documents written before `sourcePath` and `isAsync` existed, too.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            name: try container.decode(String.self, forKey: .name),
            rustName: try container.decode(String.self, forKey: .rustName),
            modulePath: try container.decode([String].self, forKey: .modulePath),
            trigger: try container.decode(FunctionTrigger.self, forKey: .trigger),
            environment: try container.decode([String: String].self, forKey: .environment),
            location: try container.decode(SourceLocation.self, forKey: .location),
            sourcePath: try container.decodeIfPresent(String.self, forKey: .sourcePath) ?? "",
            isAsync: try container.decodeIfPresent(Bool.self, forKey: .isAsync) ?? false)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(rustName, forKey: .rustName)
        try container.encode(modulePath, forKey: .modulePath)
        try container.encode(trigger, forKey: .trigger)
        try container.encode(environment, forKey: .environment)
        try container.encode(location, forKey: .location)
        try container.encode(sourcePath, forKey: .sourcePath)
        try container.encode(isAsync, forKey: .isAsync)
    }
}
