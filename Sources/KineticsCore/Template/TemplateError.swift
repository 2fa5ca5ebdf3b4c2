/// Why a template could not be generated for a project; every message says what to change.
public enum TemplateError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The project or environment name does not make a valid CloudFormation stack name.
    case invalidStackName(String, reason: String)
    /// A function has no uploaded artifact to point its code at.
    case missingArtifact(function: String)
    /// An artifact location whose bucket or key S3 would not accept.
    case invalidArtifact(function: String, reason: String)
    /// `logRetentionDays` is not a value CloudWatch Logs accepts.
    case invalidLogRetention(Int)
    /// A kvdb table name DynamoDB would reject.
    case invalidTableName(String)
    /// A secret name that cannot be part of an SSM parameter name.
    case invalidSecretName(String)
    /// A worker's concurrency outside what Lambda allows.
    case invalidConcurrency(function: String, value: UInt32)
    /// A worker's batch size outside 1...10.
    case invalidBatchSize(function: String, value: UInt32)
    /// Two endpoints answer the same method on the same path.
    case duplicateRoute(route: String, functions: [String])
    /// A function's variables exceed Lambda's 4 KB limit.
    case environmentTooLarge(function: String, bytes: Int)
    /// The template is too big for an inline body and there is no bucket to upload it to; `bytes` is the size of
    /// the single template, or 0 when its resources or outputs alone already exceed one stack.
    case templateBucketRequired(bytes: Int, resources: Int)
    /// The project has no enabled function and no table: CloudFormation refuses a template without resources.
    case nothingToDeploy(project: String)
    /// Even split into nested stacks, a part exceeds a CloudFormation limit.
    case tooLarge(String)

    /// A sentence that says what is wrong and what to do.
    public var message: String {
        switch self {
        case .invalidStackName(let name, let reason):
            "`\(name)` cannot name a CloudFormation stack: \(reason). Set `[project] name` in kinetics.toml or choose another --env (letters, digits and `-`, starting with a letter)."
        case .missingArtifact(let function):
            "function \(function) has no uploaded artifact; build and upload it first (kinetics-tui build), or remove the function."
        case .invalidArtifact(let function, let reason):
            "the artifact of function \(function) cannot be used: \(reason); upload it again."
        case .invalidLogRetention(let days):
            "log retention of \(days) days is not one CloudWatch accepts; use one of \(TemplateSettings.allowedRetentionDays.map(String.init).joined(separator: ", "))."
        case .invalidTableName(let name):
            "kvdb table `\(name)` cannot name a DynamoDB table: use letters, digits, `_`, `-` and `.` in kinetics.toml."
        case .invalidSecretName(let name):
            "secret `\(name)` cannot be stored in SSM Parameter Store: rename it in .env.secrets to letters, digits, `_`, `-` or `.`."
        case .invalidConcurrency(let function, let value):
            "worker \(function) has concurrency = \(value); Lambda allows 1 to 1000, so set `concurrency` in its attribute within that range."
        case .invalidBatchSize(let function, let value):
            "worker \(function) has batch_size = \(value); SQS delivers 1 to 10 records at a time, so set `batch_size` within that range."
        case .duplicateRoute(let route, let functions):
            "endpoints \(functions.joined(separator: " and ")) both answer `\(route)`; give one of them another url_path or other methods."
        case .environmentTooLarge(let function, let bytes):
            "the environment variables of function \(function) take \(bytes) bytes; Lambda allows 4096, so move large values out of .env or the attribute's environment."
        case .templateBucketRequired(let bytes, let resources):
            "the template has \(resources) resources\(bytes > 0 ? " in \(bytes) bytes" : ""), more than one inline template holds (500 resources, 200 outputs, 51,200 bytes); configure a template bucket so it can be uploaded and split into nested stacks."
        case .nothingToDeploy(let project):
            "project \(project) has no enabled function and no kvdb table, so there is nothing to deploy; add an #[endpoint], #[worker] or #[cron] function or a [[kvdb]] table."
        case .tooLarge(let detail):
            "the project does not fit CloudFormation's limits even split into nested stacks: \(detail); split the project into several crates."
        }
    }

    public var description: String { message }
}
