/// The resources and outputs of one function; a unit never spans two stacks.
struct FunctionUnit: Sendable {
    static let runtime = "provided.al2023"
    static let handler = "bootstrap"
    static let queueVisibilitySeconds = 60
    static let queueRetentionSeconds = 345_600
    static let queueWaitSeconds = 20
    static let environmentLimit = 4096

    let name: String
    let logicalId: String
    let isEndpoint: Bool
    /// Resources by logical id; an endpoint's API resources refer to `HttpApi`: the root's resource, or the
    /// nested stack's parameter of the same name.
    private(set) var resources: [String: TemplateJSON] = [:]
    private(set) var outputs: [String: TemplateJSON] = [:]
    /// The function name Lambda knows, `<stack>-<name>` within 64 characters.
    let functionName: String

    init(function: KineticsFunction, artifact: ArtifactLocation, context: StackContext) throws(TemplateError) {
        guard Self.isBucketName(artifact.bucket) else {
            throw .invalidArtifact(
                function: function.name,
                reason: "`\(artifact.bucket)` is not an S3 bucket name (3 to 63 lower-case letters, digits, `.` and `-`)")
        }
        guard !artifact.key.isEmpty else { throw .invalidArtifact(function: function.name, reason: "the S3 key is empty") }
        name = function.name
        logicalId = PhysicalName.logicalId(function.name)
        functionName = context.physicalName(function.name, limit: PhysicalName.functionLimit)
        if case .endpoint = function.trigger { isEndpoint = true } else { isEndpoint = false }

        let id = logicalId
        let logGroupName = "/aws/lambda/\(functionName)"
        resources[id + "LogGroup"] = Self.resource("AWS::Logs::LogGroup", [
            "LogGroupName": .string(logGroupName),
            "RetentionInDays": .int(context.settings.logRetentionDays),
        ])

        var statements: [TemplateJSON] = [
            Self.allow(["logs:CreateLogStream", "logs:PutLogEvents"], [
                .sub("arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:\(logGroupName):*"),
            ]),
        ]
        if !context.tables.isEmpty {
            statements.append(Self.allow(
                [
                    "dynamodb:BatchGetItem", "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem", "dynamodb:DeleteItem",
                    "dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:Scan",
                    "dynamodb:UpdateItem",
                ],
                context.tables.map { .sub("arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/\($0.physicalName)") }))
        }
        if !context.secretParameters.isEmpty {
            statements.append(Self.allow(
                ["ssm:GetParameter"],
                context.secretParameters.map { .sub("arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter\($0)") }))
        }

        var properties: [String: TemplateJSON] = [
            "FunctionName": .string(functionName),
            "Runtime": .string(Self.runtime),
            "Handler": .string(Self.handler),
            "Architectures": .strings([context.settings.architecture.rawValue]),
            "Code": .object(["S3Bucket": .string(artifact.bucket), "S3Key": .string(artifact.key)]),
            "Role": .getAtt(id + "Role", "Arn"),
            "Environment": .object(["Variables": .object(try Self.environment(of: function, context: context).mapValues(TemplateJSON.string))]),
        ]

        switch function.trigger {
        case .endpoint(let endpoint):
            properties["MemorySize"] = .int(256)
            properties["Timeout"] = .int(3)
            addEndpoint(endpoint)
        case .worker(let worker):
            properties["MemorySize"] = .int(128)
            properties["Timeout"] = .int(30)
            guard (1...1000).contains(worker.concurrency) else {
                throw .invalidConcurrency(function: function.name, value: worker.concurrency)
            }
            if let batch = worker.batchSize, !(1...10).contains(batch) {
                throw .invalidBatchSize(function: function.name, value: batch)
            }
            // An SQS event source scales between 2 and 1000 concurrent invocations; one at a time needs the
            // function's own reserved concurrency instead.
            if worker.concurrency == 1 { properties["ReservedConcurrentExecutions"] = .int(1) }
            statements.append(Self.allow(
                ["sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage"],
                [.getAtt(id + "Queue", "Arn")]))
            addWorker(worker, context: context)
        case .cron(let cron):
            properties["MemorySize"] = .int(128)
            properties["Timeout"] = .int(60)
            addCron(cron, context: context)
        }

        resources[id + "Role"] = Self.resource("AWS::IAM::Role", [
            "RoleName": .string(context.physicalName(function.name, limit: PhysicalName.roleLimit)),
            "AssumeRolePolicyDocument": Self.policy([.object([
                "Effect": .string("Allow"),
                "Principal": .object(["Service": .string("lambda.amazonaws.com")]),
                "Action": .string("sts:AssumeRole"),
            ])]),
            "Policies": .array([.object([
                "PolicyName": .string("access"),
                "PolicyDocument": Self.policy(statements),
            ])]),
        ])
        resources[id + "Function"] = Self.resource("AWS::Lambda::Function", properties, dependsOn: [id + "LogGroup"])
    }

    // MARK: - Roles

    private mutating func addEndpoint(_ endpoint: EndpointSettings) {
        let id = logicalId
        let condition = TemplateGenerator.publicCondition
        let api = TemplateGenerator.apiLogicalId
        resources[id + "Url"] = Self.resource("AWS::Lambda::Url", [
            "AuthType": .string("NONE"),
            "TargetFunctionArn": .getAtt(id + "Function", "Arn"),
        ], condition: condition)
        resources[id + "UrlPermission"] = Self.resource("AWS::Lambda::Permission", [
            "Action": .string("lambda:InvokeFunctionUrl"),
            "FunctionName": .ref(id + "Function"),
            "FunctionUrlAuthType": .string("NONE"),
            "Principal": .string("*"),
        ], condition: condition)
        // Since October 2025 a public Function URL also needs `lambda:InvokeFunction` granted for calls through it.
        resources[id + "UrlInvokePermission"] = Self.resource("AWS::Lambda::Permission", [
            "Action": .string("lambda:InvokeFunction"),
            "FunctionName": .ref(id + "Function"),
            "InvokedViaFunctionUrl": .bool(true),
            "Principal": .string("*"),
        ], condition: condition)
        resources[id + "Integration"] = Self.resource("AWS::ApiGatewayV2::Integration", [
            "ApiId": .ref(api),
            "IntegrationType": .string("AWS_PROXY"),
            "IntegrationUri": .getAtt(id + "Function", "Arn"),
            "PayloadFormatVersion": .string("2.0"),
        ], condition: condition)
        let path = Self.routePath(endpoint.urlPath)
        let methods = endpoint.methods == HTTPMethod.allCases ? ["ANY"] : endpoint.methods.map(\.rawValue)
        for method in methods {
            resources[id + "Route" + method] = Self.resource("AWS::ApiGatewayV2::Route", [
                "ApiId": .ref(api),
                "RouteKey": .string("\(method) \(path)"),
                "Target": .sub("integrations/${\(id)Integration}"),
            ], condition: condition)
        }
        resources[id + "ApiPermission"] = Self.resource("AWS::Lambda::Permission", [
            "Action": .string("lambda:InvokeFunction"),
            "FunctionName": .ref(id + "Function"),
            "Principal": .string("apigateway.amazonaws.com"),
            "SourceArn": .sub("arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${\(api)}/*"),
        ], condition: condition)
        outputs[id + "FunctionUrl"] = .object([
            "Condition": .string(condition),
            "Description": .string("Function URL of \(name)"),
            "Value": .getAtt(id + "Url", "FunctionUrl"),
        ])
    }

    private mutating func addWorker(_ worker: WorkerSettings, context: StackContext) {
        let id = logicalId
        var queue: [String: TemplateJSON] = [
            "QueueName": .string(context.physicalName(name, limit: PhysicalName.queueLimit, ending: worker.fifo ? ".fifo" : "")),
            "VisibilityTimeout": .int(Self.queueVisibilitySeconds),
            "MessageRetentionPeriod": .int(Self.queueRetentionSeconds),
            "ReceiveMessageWaitTimeSeconds": .int(Self.queueWaitSeconds),
        ]
        if worker.fifo {
            queue["FifoQueue"] = .bool(true)
            queue["ContentBasedDeduplication"] = .bool(true)
        }
        resources[id + "Queue"] = Self.resource("AWS::SQS::Queue", queue)
        var mapping: [String: TemplateJSON] = [
            "EventSourceArn": .getAtt(id + "Queue", "Arn"),
            "FunctionName": .ref(id + "Function"),
            "FunctionResponseTypes": .strings(["ReportBatchItemFailures"]),
        ]
        if let batch = worker.batchSize { mapping["BatchSize"] = .int(Int(batch)) }
        if worker.concurrency >= 2 { mapping["ScalingConfig"] = .object(["MaximumConcurrency": .int(Int(worker.concurrency))]) }
        resources[id + "EventSourceMapping"] = Self.resource("AWS::Lambda::EventSourceMapping", mapping)
        outputs[id + "QueueUrl"] = .object([
            "Description": .string("Queue of worker \(name)"),
            "Value": .ref(id + "Queue"),
        ])
    }

    private mutating func addCron(_ cron: CronSettings, context: StackContext) {
        let id = logicalId
        resources[id + "Schedule"] = Self.resource("AWS::Events::Rule", [
            "Name": .string(context.physicalName(name, limit: PhysicalName.ruleLimit)),
            "ScheduleExpression": .string(cron.schedule),
            "State": .string("ENABLED"),
            "Targets": .array([.object(["Arn": .getAtt(id + "Function", "Arn"), "Id": .string("function")])]),
        ])
        resources[id + "SchedulePermission"] = Self.resource("AWS::Lambda::Permission", [
            "Action": .string("lambda:InvokeFunction"),
            "FunctionName": .ref(id + "Function"),
            "Principal": .string("events.amazonaws.com"),
            "SourceArn": .getAtt(id + "Schedule", "Arn"),
        ])
    }

    // MARK: - Environment

    /// `.env`, then the attribute's variables (which win), then the names the runtime needs: project,
    /// environment, the tables' physical names and the secrets' parameter names — never a secret's value.
    static func environment(of function: KineticsFunction, context: StackContext) throws(TemplateError) -> [String: String] {
        var variables = context.projectEnvironment
        variables.merge(function.environment) { _, attribute in attribute }
        variables["KINETICS_PROJECT"] = context.project
        variables["KINETICS_ENVIRONMENT"] = context.environment
        variables["KINETICS_FUNCTION"] = function.name
        if !context.tables.isEmpty {
            variables["KINETICS_KVDB_TABLES"] = context.tables.map { "\($0.name)=\($0.physicalName)" }.joined(separator: ",")
        }
        if !context.secretParameters.isEmpty {
            variables["KINETICS_SECRET_PARAMETERS"] = context.secretParameters.joined(separator: ",")
        }
        let size = variables.reduce(0) { $0 + $1.key.utf8.count + $1.value.utf8.count }
        guard size <= environmentLimit else { throw .environmentTooLarge(function: function.name, bytes: size) }
        return variables
    }

    // MARK: - Paths

    /// An HTTP API route path for a Kinetics `url_path`: `{*rest}` becomes the greedy `{rest+}`.
    static func routePath(_ urlPath: String) -> String {
        var path = urlPath.hasPrefix("/") ? urlPath : "/" + urlPath
        while let range = path.range(of: "{*") {
            guard let close = path[range.upperBound...].firstIndex(of: "}") else { break }
            let name = path[range.upperBound..<close]
            path.replaceSubrange(range.lowerBound...close, with: "{\(name)+}")
        }
        return path
    }

    /// The route with its parameter names erased, so `/a/{id}` and `/a/{key}` compare equal.
    static func routeShape(_ urlPath: String) -> String {
        var out = ""
        var inParameter = false
        for character in routePath(urlPath) {
            if character == "{" { inParameter = true; out.append("{") }
            else if character == "}" { inParameter = false; out.append("}") }
            else if !inParameter { out.append(character) }
            else if character == "+" { out.append("+") }
        }
        return out
    }

    // MARK: - Building blocks

    static func isBucketName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard (3...63).contains(bytes.count), let first = bytes.first, let last = bytes.last else { return false }
        let isLowerOrDigit = { (b: UInt8) in (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) }
        return isLowerOrDigit(first) && isLowerOrDigit(last)
            && bytes.allSatisfy { isLowerOrDigit($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }
            && !name.contains("..")
    }

    static func resource(
        _ type: String, _ properties: [String: TemplateJSON], condition: String? = nil, dependsOn: [String] = []
    ) -> TemplateJSON {
        var members: [String: TemplateJSON] = ["Type": .string(type), "Properties": .object(properties)]
        if let condition { members["Condition"] = .string(condition) }
        if !dependsOn.isEmpty { members["DependsOn"] = .strings(dependsOn) }
        return .object(members)
    }

    private static func policy(_ statements: [TemplateJSON]) -> TemplateJSON {
        .object(["Version": .string("2012-10-17"), "Statement": .array(statements)])
    }

    private static func allow(_ actions: [String], _ resources: [TemplateJSON]) -> TemplateJSON {
        .object(["Effect": .string("Allow"), "Action": .strings(actions), "Resource": .array(resources)])
    }
}
