/// Turns a discovered project into the CloudFormation templates that deploy it.
///
/// Per `reference/kinetics.md` "Resources per role": every function gets an `AWS::Lambda::Function`
/// (`provided.al2023`, handler `bootstrap`, code from its content-addressed artifact), its own `AWS::IAM::Role`
/// that may touch only the project's tables, its own queue, the project's secret parameters and its own log
/// group, and an `AWS::Logs::LogGroup` with the configured retention. Endpoints add a Function URL and a route in
/// the project's HTTP API (the one base URL that routes every `url_path`), both behind the `PublicEndpoints`
/// condition; workers add an SQS queue and an event source mapping; crons an EventBridge rule and the permission
/// for it to invoke. Each `[[kvdb]]` is an `AWS::DynamoDB::Table` keyed by `id`.
///
/// The output is deterministic: functions and tables are sorted, objects are written with sorted keys, and a
/// project too big for one stack is split into nested stacks by a hash of each function's name (see
/// `TemplateLayout`), never by its position. `docs/template.md` lists resources and names.
public enum TemplateGenerator {
    static let publicCondition = "PublicEndpoints"
    static let apiLogicalId = "HttpApi"
    /// A nested stack's parameter for the API's id has the root resource's name, so the same `Ref` works in both.
    static let apiParameter = apiLogicalId

    public static func generate(
        project: Project, environment: String, artifacts: [String: ArtifactLocation], settings: TemplateSettings
    ) throws(TemplateError) -> GeneratedTemplate {
        let stackName = try StackName(project: project.name, environment: environment)
        guard TemplateSettings.allowedRetentionDays.contains(settings.logRetentionDays) else {
            throw .invalidLogRetention(settings.logRetentionDays)
        }
        let context = try StackContext(project: project, environment: environment, stackName: stackName, settings: settings)
        let functions = project.functions
            .filter { if case .endpoint(let endpoint) = $0.trigger { !endpoint.isDisabled } else { true } }
            .sorted { $0.name < $1.name }
        try checkRoutes(functions)
        if functions.isEmpty && context.tables.isEmpty { throw .nothingToDeploy(project: project.name) }

        var units: [FunctionUnit] = []
        units.reserveCapacity(functions.count)
        for function in functions {
            guard let artifact = artifacts[function.name] else { throw .missingArtifact(function: function.name) }
            units.append(try FunctionUnit(function: function, artifact: artifact, context: context))
        }
        let layout = try TemplateLayout.arrange(units: units, context: context)

        var parameters: [String: String] = [:]
        if context.hasEndpoints(units) { parameters[publicCondition] = settings.publicEndpoints ? "true" : "false" }
        return GeneratedTemplate(
            stackName: stackName,
            root: layout.root,
            children: layout.children,
            parameters: parameters,
            capabilities: units.isEmpty ? [] : ["CAPABILITY_NAMED_IAM"],
            tags: [
                "kinetics:project": project.name,
                "kinetics:environment": environment,
                "kinetics:managed-by": "kinetics-tui",
            ],
            templateBucket: settings.templateBucket,
            resourceCounts: layout.resourceCounts)
    }

    /// Two enabled endpoints on one method and path would make the HTTP API refuse its routes.
    private static func checkRoutes(_ functions: [KineticsFunction]) throws(TemplateError) {
        var owners: [String: String] = [:]
        for function in functions {
            guard case .endpoint(let endpoint) = function.trigger else { continue }
            let shape = FunctionUnit.routeShape(endpoint.urlPath)
            for method in endpoint.methods {
                let key = "\(method.rawValue) \(shape)"
                if let owner = owners[key], owner != function.name {
                    throw .duplicateRoute(route: "\(method.rawValue) \(endpoint.urlPath)", functions: [owner, function.name])
                }
                owners[key] = function.name
            }
        }
    }
}
