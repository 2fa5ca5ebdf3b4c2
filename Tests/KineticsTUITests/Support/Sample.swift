import Foundation
import KineticsCore

@testable import KineticsTUI

/// A hand-built project, deploy and history shaped like `examples/shop`, for scripted states and goldens.
enum Sample {
    /// 2025-05-01 12:00:00 UTC: every sample time is relative to it.
    static let t0 = Date(timeIntervalSince1970: 1_746_100_800)

    static func at(_ seconds: Double) -> Date { t0.addingTimeInterval(seconds) }

    static let project = Project(
        name: "shop",
        crateName: "shop",
        root: "/home/dev/shop",
        functions: [
            KineticsFunction(
                name: "OrdersCreate", rustName: "create", modulePath: ["orders"],
                trigger: .endpoint(EndpointSettings(urlPath: "/orders", methods: [.POST])),
                environment: ["ORDERS_TABLE": "orders"], location: SourceLocation(file: "src/orders.rs", line: 10)),
            KineticsFunction(
                name: "OrdersProcess", rustName: "process", modulePath: ["orders"],
                trigger: .worker(WorkerSettings(concurrency: 2, fifo: false, batchSize: 5)),
                location: SourceLocation(file: "src/orders.rs", line: 32)),
            KineticsFunction(
                name: "ProductsGet", rustName: "get", modulePath: ["products"],
                trigger: .endpoint(EndpointSettings(urlPath: "/products/{id}", methods: [.GET])),
                location: SourceLocation(file: "src/products.rs", line: 17)),
            KineticsFunction(
                name: "ProductsList", rustName: "list", modulePath: ["products"],
                trigger: .endpoint(EndpointSettings(urlPath: "/products", methods: [.GET])),
                location: SourceLocation(file: "src/products.rs", line: 8)),
            KineticsFunction(
                name: "ReportsDaily", rustName: "daily", modulePath: ["reports"],
                trigger: .cron(CronSettings(schedule: "rate(1 day)")),
                location: SourceLocation(file: "src/reports.rs", line: 7)),
        ],
        tables: [
            KVTable(name: "products", location: SourceLocation(file: "kinetics.toml", line: 5)),
            KVTable(name: "orders", location: SourceLocation(file: "kinetics.toml", line: 8)),
        ],
        environment: ["CURRENCY": "EUR", "LOG_LEVEL": "info"],
        secretNames: ["PAYMENT_API_KEY"],
        secretSource: .file
    )

    static let diagnostics = [
        Diagnostic.warning(
            "unknown-attribute-key",
            "Unknown key `retries` in #[worker(...)]; the known keys are concurrency, fifo and batch_size. It is ignored.",
            at: SourceLocation(file: "src/orders.rs", line: 32, column: 10)),
    ]

    static let discovery = DiscoveryResult(root: "/home/dev/shop", projects: [project], diagnostics: diagnostics)

    static let deployed = [
        DeployedFunctionInfo(name: "OrdersCreate", artifactHash: "5d41402abc4b2a76b9719d911017c592", deployedAt: at(-7200),
                             url: "https://x3k2pqf7vb.lambda-url.us-east-1.on.aws/orders"),
        DeployedFunctionInfo(name: "ProductsGet", artifactHash: "7d793037a0760186574b0282f2f435e7", deployedAt: at(-7200),
                             url: "https://m8s7d6f5g4.lambda-url.us-east-1.on.aws/products/{id}"),
        DeployedFunctionInfo(name: "ProductsList", artifactHash: "9e107d9d372bb6826bd81d3542a419d6", deployedAt: at(-7200)),
        DeployedFunctionInfo(name: "ReportsDaily", artifactHash: "e4d909c290d0fb1ca068ffaddf22cbd0", deployedAt: at(-90_000)),
    ]

    static let header = HeaderInfo(
        projectName: "shop", env: "dev", region: "us-east-1", endpoint: .local("http://127.0.0.1:50321"),
        identity: AWSIdentity(account: "123456789012", arn: "arn:aws:sts::123456789012:assumed-role/Developer/dev"))

    // MARK: - A deploy

    static let stack = "shop-dev"
    static let stackId = "arn:aws:cloudformation:us-east-1:123456789012:stack/shop-dev/1f2e3d4c"

    static let changeSet = [
        ChangeRow(action: .modify, logicalId: "OrdersCreateFunction", resourceType: "AWS::Lambda::Function", replacement: .no),
        ChangeRow(action: .modify, logicalId: "OrdersProcessFunction", resourceType: "AWS::Lambda::Function", replacement: .no),
        ChangeRow(action: .add, logicalId: "OrdersProcessQueue", resourceType: "AWS::SQS::Queue"),
        ChangeRow(action: .add, logicalId: "OrdersProcessMapping", resourceType: "AWS::Lambda::EventSourceMapping"),
        ChangeRow(action: .modify, logicalId: "OrdersTable", resourceType: "AWS::DynamoDB::Table", replacement: .conditional),
        ChangeRow(action: .add, logicalId: "OrdersCreateUrl", resourceType: "AWS::Lambda::Url"),
        ChangeRow(action: .remove, logicalId: "LegacyTopic", resourceType: "AWS::SNS::Topic"),
    ]

    static func event(_ n: Int, _ seconds: Double, _ logicalId: String, _ type: String, _ status: String,
                      _ reason: String? = nil) -> StackEvent {
        StackEvent(
            eventId: "\(logicalId)-\(status)-\(n)", stackId: stackId, stackName: stack, logicalResourceId: logicalId,
            physicalResourceId: logicalId == stack ? stackId : nil, resourceType: type, timestamp: at(seconds),
            resourceStatus: status, resourceStatusReason: reason)
    }

    /// Events of an update that is half done.
    static let runningEvents = [
        event(1, 60, stack, "AWS::CloudFormation::Stack", "UPDATE_IN_PROGRESS", "User Initiated"),
        event(2, 62, "OrdersProcessQueue", "AWS::SQS::Queue", "CREATE_IN_PROGRESS"),
        event(3, 63, "OrdersProcessQueue", "AWS::SQS::Queue", "CREATE_IN_PROGRESS", "Resource creation Initiated"),
        event(4, 63, "OrdersTable", "AWS::DynamoDB::Table", "UPDATE_IN_PROGRESS"),
        event(5, 64, "OrdersCreateFunction", "AWS::Lambda::Function", "UPDATE_IN_PROGRESS"),
        event(6, 69, "OrdersCreateFunction", "AWS::Lambda::Function", "UPDATE_COMPLETE"),
        event(7, 70, "OrdersProcessFunction", "AWS::Lambda::Function", "UPDATE_IN_PROGRESS"),
        event(8, 75, "OrdersProcessFunction", "AWS::Lambda::Function", "UPDATE_COMPLETE"),
        event(9, 84, "OrdersProcessQueue", "AWS::SQS::Queue", "CREATE_COMPLETE"),
        event(10, 85, "OrdersCreateUrl", "AWS::Lambda::Url", "CREATE_IN_PROGRESS"),
        event(11, 86, "OrdersProcessMapping", "AWS::Lambda::EventSourceMapping", "CREATE_IN_PROGRESS"),
    ]

    static let failureReason = "Resource handler returned message: \"Invalid request provided: \u{1B}[31mAuthType NONE requires a "
        + "resource-based policy that allows lambda:InvokeFunctionUrl\u{1B}[0m\" (RequestToken: 7c1d2e3f, HandlerErrorCode: InvalidRequest)"

    /// The rest of that update when the function URL fails and the stack rolls back.
    static let failingEvents = [
        event(12, 88, "OrdersCreateUrl", "AWS::Lambda::Url", "CREATE_FAILED", failureReason),
        event(13, 88, "OrdersProcessMapping", "AWS::Lambda::EventSourceMapping", "CREATE_FAILED", "Resource creation cancelled"),
        event(14, 89, "OrdersTable", "AWS::DynamoDB::Table", "UPDATE_FAILED", "Resource update cancelled"),
        event(15, 90, stack, "AWS::CloudFormation::Stack", "UPDATE_ROLLBACK_IN_PROGRESS",
              "The following resource(s) failed to create: [OrdersCreateUrl, OrdersProcessMapping]. "),
        event(16, 92, "OrdersCreateFunction", "AWS::Lambda::Function", "UPDATE_IN_PROGRESS"),
        event(17, 96, "OrdersCreateFunction", "AWS::Lambda::Function", "UPDATE_COMPLETE"),
        event(18, 97, "OrdersProcessQueue", "AWS::SQS::Queue", "DELETE_IN_PROGRESS"),
        event(19, 99, "OrdersProcessQueue", "AWS::SQS::Queue", "DELETE_COMPLETE"),
        event(20, 101, stack, "AWS::CloudFormation::Stack", "UPDATE_ROLLBACK_COMPLETE"),
    ]

    /// The rest of that update when everything works.
    static let succeedingEvents = [
        event(12, 89, "OrdersCreateUrl", "AWS::Lambda::Url", "CREATE_COMPLETE"),
        event(13, 95, "OrdersTable", "AWS::DynamoDB::Table", "UPDATE_COMPLETE"),
        event(14, 118, "OrdersProcessMapping", "AWS::Lambda::EventSourceMapping", "CREATE_COMPLETE"),
        event(15, 119, "LegacyTopic", "AWS::SNS::Topic", "DELETE_IN_PROGRESS"),
        event(16, 121, "LegacyTopic", "AWS::SNS::Topic", "DELETE_COMPLETE"),
        event(17, 122, stack, "AWS::CloudFormation::Stack", "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS"),
        event(18, 124, stack, "AWS::CloudFormation::Stack", "UPDATE_COMPLETE"),
    ]

    static let rootCause = RootCauseInfo(
        logicalId: "OrdersCreateUrl", resourceType: "AWS::Lambda::Url", status: "CREATE_FAILED",
        reason: failureReason, stackName: stack, timestamp: at(88))

    static let outputs = [
        OutputRow(key: "OrdersCreateUrl", value: "https://x3k2pqf7vb.lambda-url.us-east-1.on.aws/orders", description: "POST /orders"),
        OutputRow(key: "ProductsGetUrl", value: "https://m8s7d6f5g4.lambda-url.us-east-1.on.aws/products/{id}", description: "GET /products/{id}"),
        OutputRow(key: "ProductsListUrl", value: "https://q1w2e3r4t5.lambda-url.us-east-1.on.aws/products", description: "GET /products"),
    ]

    static let functionNames = project.functions.map(\.name)

    /// Function rows at the moment building is in full swing.
    static let buildingRows = [
        FunctionProgressRow(name: "OrdersCreate", stage: .uploading(sent: 4_200_000, total: 7_900_000, bytesPerSecond: 2_100_000),
                            artifactHash: "3f2a9c1e4b8d7f6a", artifactBytes: 7_900_000),
        FunctionProgressRow(name: "OrdersProcess", stage: .building(fraction: 0.63)),
        FunctionProgressRow(name: "ProductsGet", stage: .skippedUnchanged, artifactHash: "7d793037a0760186"),
        FunctionProgressRow(name: "ProductsList", stage: .packaging),
        FunctionProgressRow(name: "ReportsDaily", stage: .queued),
    ]

    static let finishedRows = [
        FunctionProgressRow(name: "OrdersCreate", stage: .done, artifactHash: "3f2a9c1e4b8d7f6a", artifactBytes: 7_900_000),
        FunctionProgressRow(name: "OrdersProcess", stage: .done, artifactHash: "b6e8a1c2d3f4e5a6", artifactBytes: 6_400_000),
        FunctionProgressRow(name: "ProductsGet", stage: .skippedUnchanged, artifactHash: "7d793037a0760186"),
        FunctionProgressRow(name: "ProductsList", stage: .skippedUnchanged, artifactHash: "9e107d9d372bb682"),
        FunctionProgressRow(name: "ReportsDaily", stage: .skippedUnchanged, artifactHash: "e4d909c290d0fb1c"),
    ]

    // MARK: - History

    static let sessions = [
        SessionRow(id: "s-0007", startedAt: at(0), env: "dev", stackName: stack, outcome: .failed, duration: 101,
                   functionsChanged: 2, gitCommit: "c0ffee1a2b"),
        SessionRow(id: "s-0006", startedAt: at(-7300), env: "dev", stackName: stack, outcome: .succeeded, duration: 72,
                   functionsChanged: 3, gitCommit: "a1b2c3d4e5"),
        SessionRow(id: "s-0005", startedAt: at(-30_000), env: "dev", stackName: stack, outcome: .noChanges, duration: 9,
                   functionsChanged: 0, gitCommit: "a1b2c3d4e5"),
        SessionRow(id: "s-0004", startedAt: at(-90_100), env: "staging", stackName: "shop-staging", outcome: .succeeded,
                   duration: 184, functionsChanged: 5, gitCommit: "9f8e7d6c5b"),
        SessionRow(id: "s-0003", startedAt: at(-180_000), env: "dev", stackName: stack, outcome: .cancelled, duration: 40,
                   functionsChanged: 1, gitCommit: "77aa88bb99"),
    ]

    /// A deploy detached while CloudFormation was updating the stack: it can be re-attached to.
    static let detachedSession = SessionRow(
        id: "s-0008", startedAt: at(-600), env: "dev", stackName: stack, outcome: .detached, duration: 35, functionsChanged: 1,
        gitCommit: "d00dfeed12", reattach: .deploy)

    /// The sessions with the detached one first (the newest).
    static let sessionsWithDetached = [detachedSession] + sessions

    /// A stack whose only session failed before CloudFormation did anything.
    static let neverDeployedStack = StackRow(name: "shop-test", env: "test", region: "us-east-1", status: nil, lastOutcome: .failed,
                                             updatedAt: at(-200_000))

    static let stacks = [
        StackRow(name: stack, env: "dev", region: "us-east-1", status: "UPDATE_ROLLBACK_COMPLETE", updatedAt: at(101)),
        StackRow(name: "shop-staging", env: "staging", region: "eu-west-1", status: "UPDATE_COMPLETE", updatedAt: at(-89_900)),
    ]

    static let failedSession = SessionDetailModel(
        session: sessions[0], changeSet: changeSet, functions: finishedRows,
        events: runningEvents + failingEvents, rootCause: rootCause,
        templateResources: [
            "OrdersCreateFunction": "AWS::Lambda::Function", "OrdersProcessFunction": "AWS::Lambda::Function",
            "OrdersProcessQueue": "AWS::SQS::Queue", "OrdersProcessMapping": "AWS::Lambda::EventSourceMapping",
            "OrdersTable": "AWS::DynamoDB::Table", "OrdersCreateUrl": "AWS::Lambda::Url",
            "ProductsGetFunction": "AWS::Lambda::Function", "ProductsListFunction": "AWS::Lambda::Function",
            "ReportsDailyFunction": "AWS::Lambda::Function", "ReportsDailySchedule": "AWS::Events::Rule",
            "ProductsTable": "AWS::DynamoDB::Table",
        ])

    static let succeededSession = SessionDetailModel(
        session: sessions[1],
        changeSet: [ChangeRow(action: .modify, logicalId: "ProductsGetFunction", resourceType: "AWS::Lambda::Function", replacement: .no)],
        functions: [
            FunctionProgressRow(name: "OrdersCreate", stage: .done, artifactHash: "5d41402abc4b2a76", deployed: true),
            FunctionProgressRow(name: "LegacyNotify", stage: .done, artifactHash: "0a1b2c3d4e5f6a7b", deployed: true),
            FunctionProgressRow(name: "ProductsGet", stage: .done, artifactHash: "7d793037a0760186", deployed: true),
            FunctionProgressRow(name: "ProductsList", stage: .skippedUnchanged, artifactHash: "9e107d9d372bb682"),
            FunctionProgressRow(name: "ReportsDaily", stage: .skippedUnchanged, artifactHash: "e4d909c290d0fb1c"),
        ],
        events: [
            event(101, -7240, stack, "AWS::CloudFormation::Stack", "UPDATE_IN_PROGRESS", "User Initiated"),
            event(102, -7238, "ProductsGetFunction", "AWS::Lambda::Function", "UPDATE_IN_PROGRESS"),
            event(103, -7233, "ProductsGetFunction", "AWS::Lambda::Function", "UPDATE_COMPLETE"),
            event(104, -7230, stack, "AWS::CloudFormation::Stack", "UPDATE_COMPLETE"),
        ],
        outputs: outputs,
        templateResources: [
            "OrdersCreateFunction": "AWS::Lambda::Function", "LegacyNotifyFunction": "AWS::Lambda::Function",
            "LegacyTopic": "AWS::SNS::Topic", "OrdersTable": "AWS::DynamoDB::Table",
            "ProductsGetFunction": "AWS::Lambda::Function", "ProductsListFunction": "AWS::Lambda::Function",
            "ReportsDailyFunction": "AWS::Lambda::Function", "ReportsDailySchedule": "AWS::Events::Rule",
            "ProductsTable": "AWS::DynamoDB::Table",
        ])
}
