import Foundation
import KineticsCore

/// A real cache file with three deploy sessions of `examples/shop`, written through `LocalCache` as a deploy
/// writes them: a first deploy, one that rolled back (with its events and root cause), and a later good one.
enum ShopHistory {
    static let account = "123456789012"
    static let functions = ["OrdersCreate", "OrdersProcess", "ProductsGet", "ProductsList", "ReportsDaily"]
    static let roles = ["endpoint", "worker", "endpoint", "endpoint", "cron"]

    struct Written {
        var path: String
        var sessions: [Int64]
        var stack: StackIdentity
    }

    /// Writes the sessions into a new cache at `path`, for the stack `shop-dev` at `endpoint` (empty for AWS).
    static func write(to path: String, endpoint: String, region: String = "us-east-1", now: Date = Date()) throws -> Written {
        let cache = try LocalCache.open(path: path).cache
        defer { try? cache.close() }
        let stack = StackIdentity(name: "shop-dev", region: region, endpoint: endpoint, account: account)
        let lock = try DeployLock.acquire(stack, directory: cache.lockDirectory)
        let project = SessionStart.canonicalProjectPath(TmuxConsole.repository + "/examples/shop")
        let arn = "arn:aws:cloudformation:\(region):\(account):stack/shop-dev/0a1b2c3d"
        var ids: [Int64] = []

        func start(_ at: Date, commit: String, changes: [SessionPlan.Change]) throws -> Int64 {
            let plan = SessionPlan(
                functions: zip(functions, roles).map { SessionPlan.Function(name: $0, role: $1, action: "build", reason: "sources changed") },
                changes: changes)
            return try cache.startSession(
                SessionStart(projectPath: project, projectName: "shop", stack: stack, env: "dev", gitCommit: commit,
                             gitDirty: false, plan: plan, startedAt: at),
                lock: lock)
        }
        func event(_ id: String, _ logical: String, _ type: String, _ status: String, _ at: Date, reason: String? = nil) -> TrackedStackEvent {
            let isStack = logical == "shop-dev"
            return TrackedStackEvent(
                event: StackEvent(
                    eventId: id, stackId: arn, stackName: "shop-dev", logicalResourceId: logical,
                    physicalResourceId: isStack ? arn : "\(logical)-phys", resourceType: type, timestamp: at,
                    resourceStatus: status, resourceStatusReason: reason, clientRequestToken: nil),
                stackPath: [], isRootStackEvent: isStack)
        }
        let resources = [
            ("OrdersCreateFunction", "AWS::Lambda::Function"), ("OrdersTable", "AWS::DynamoDB::Table"),
            ("ProductsTable", "AWS::DynamoDB::Table"), ("OrdersQueue", "AWS::SQS::Queue"),
        ]

        // 1: the first deploy, three days ago.
        let first = now.addingTimeInterval(-3 * 86_400)
        let one = try start(first, commit: "4f2a9c1e0b7d", changes: resources.map { .init(action: "Add", logicalResourceId: $0.0, resourceType: $0.1) })
        for (name, role) in zip(functions, roles) {
            try cache.recordFunction(.init(name: name, role: role, status: .deployed, artifactSha256: sha(name + "1"),
                                           artifactBytes: 2_400_000, buildSeconds: 38, uploadSeconds: 1.5), session: one, at: first)
        }
        var events = [event("e1-0", "shop-dev", "AWS::CloudFormation::Stack", "CREATE_IN_PROGRESS", first.addingTimeInterval(40), reason: "User Initiated")]
        for (i, resource) in resources.enumerated() {
            events.append(event("e1-\(i)a", resource.0, resource.1, "CREATE_IN_PROGRESS", first.addingTimeInterval(41 + Double(i))))
            events.append(event("e1-\(i)b", resource.0, resource.1, "CREATE_COMPLETE", first.addingTimeInterval(50 + Double(i) * 3)))
        }
        events.append(event("e1-9", "shop-dev", "AWS::CloudFormation::Stack", "CREATE_COMPLETE", first.addingTimeInterval(70)))
        try cache.appendEvents(events, session: one)
        try cache.finishSession(one, outcome: .succeeded, result: result(arn, "CREATE_COMPLETE", succeeded: true), at: first.addingTimeInterval(72))
        ids.append(one)

        // 2: a deploy that rolled back, yesterday.
        let second = now.addingTimeInterval(-86_400)
        let two = try start(second, commit: "9d3e7b20a4c1", changes: [.init(action: "Modify", logicalResourceId: "OrdersTable", resourceType: "AWS::DynamoDB::Table", replacement: "True")])
        for (name, role) in zip(functions, roles) {
            let rebuilt = name == "OrdersCreate"
            try cache.recordFunction(.init(name: name, role: role, status: rebuilt ? .uploaded : .skipped,
                                           artifactSha256: sha(name + (rebuilt ? "2" : "1")), buildSkipped: !rebuilt, uploadSkipped: !rebuilt,
                                           skipReason: rebuilt ? nil : "unchanged since the last deploy", artifactBytes: 2_500_000,
                                           buildSeconds: rebuilt ? 35 : nil, uploadSeconds: rebuilt ? 1.2 : nil), session: two, at: second)
        }
        let failure = event("e2-1b", "OrdersTable", "AWS::DynamoDB::Table", "UPDATE_FAILED", second.addingTimeInterval(52),
                            reason: "Resource handler returned message: \"Table orders already exists\" (HandlerErrorCode: AlreadyExists)")
        try cache.appendEvents([
            event("e2-0", "shop-dev", "AWS::CloudFormation::Stack", "UPDATE_IN_PROGRESS", second.addingTimeInterval(45), reason: "User Initiated"),
            event("e2-1a", "OrdersTable", "AWS::DynamoDB::Table", "UPDATE_IN_PROGRESS", second.addingTimeInterval(46)),
            failure,
            event("e2-2", "shop-dev", "AWS::CloudFormation::Stack", "UPDATE_ROLLBACK_IN_PROGRESS", second.addingTimeInterval(53),
                  reason: "The following resource(s) failed to update: [OrdersTable]."),
            event("e2-3", "shop-dev", "AWS::CloudFormation::Stack", "UPDATE_ROLLBACK_COMPLETE", second.addingTimeInterval(80)),
        ], session: two)
        let cause = RootCause(
            logicalResourceId: "OrdersTable", resourceType: "AWS::DynamoDB::Table", physicalResourceId: "OrdersTable-phys",
            stackName: "shop-dev", stackId: arn, status: "UPDATE_FAILED", reason: failure.event.resourceStatusReason ?? "",
            timestamp: failure.event.timestamp, eventId: failure.event.eventId)
        try cache.finishSession(two, outcome: .rolledBack, result: StackOperationResult(
            stackName: "shop-dev", stackId: arn, finalStatus: "UPDATE_ROLLBACK_COMPLETE", outcome: .rolledBack, succeeded: false,
            rootCause: cause, rolledBack: true, outputs: outputs), at: second.addingTimeInterval(81))
        ids.append(two)

        // 3: a good deploy two hours ago, only OrdersCreate rebuilt.
        let third = now.addingTimeInterval(-7_200)
        let three = try start(third, commit: "c0ffee123456", changes: [.init(action: "Modify", logicalResourceId: "OrdersCreateFunction", resourceType: "AWS::Lambda::Function", replacement: "False")])
        for (name, role) in zip(functions, roles) {
            let rebuilt = name == "OrdersCreate"
            try cache.recordFunction(.init(name: name, role: role, status: rebuilt ? .deployed : .skipped,
                                           artifactSha256: sha(name + (rebuilt ? "3" : "1")), buildSkipped: !rebuilt, uploadSkipped: !rebuilt,
                                           skipReason: rebuilt ? nil : "unchanged since the last deploy", artifactBytes: 2_400_000), session: three, at: third)
        }
        try cache.appendEvents([
            event("e3-0", "shop-dev", "AWS::CloudFormation::Stack", "UPDATE_IN_PROGRESS", third.addingTimeInterval(30), reason: "User Initiated"),
            event("e3-1a", "OrdersCreateFunction", "AWS::Lambda::Function", "UPDATE_IN_PROGRESS", third.addingTimeInterval(31)),
            event("e3-1b", "OrdersCreateFunction", "AWS::Lambda::Function", "UPDATE_COMPLETE", third.addingTimeInterval(36)),
            event("e3-2", "shop-dev", "AWS::CloudFormation::Stack", "UPDATE_COMPLETE", third.addingTimeInterval(40)),
        ], session: three)
        try cache.finishSession(three, outcome: .succeeded, result: result(arn, "UPDATE_COMPLETE", succeeded: true), at: third.addingTimeInterval(41))
        ids.append(three)
        return Written(path: path, sessions: ids, stack: stack)
    }

    static let outputs = [
        StackOutput(key: "OrdersCreateUrl", value: "https://d111111abcdef8.cloudfront.net/orders", description: "URL of OrdersCreate"),
        StackOutput(key: "ProductsGetUrl", value: "https://d111111abcdef8.cloudfront.net/products/{id}"),
    ]

    static func result(_ arn: String, _ status: String, succeeded: Bool) -> StackOperationResult {
        StackOperationResult(stackName: "shop-dev", stackId: arn, finalStatus: status, outcome: succeeded ? .succeeded : .failed,
                             succeeded: succeeded, outputs: outputs)
    }

    /// A stable stand-in for an artifact's SHA-256: the SHA-256 of the seed.
    static func sha(_ seed: String) -> String {
        Digest.sha256(Array(seed.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
