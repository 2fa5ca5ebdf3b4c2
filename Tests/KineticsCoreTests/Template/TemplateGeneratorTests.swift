import Foundation
import Testing
@testable import KineticsCore

@Suite("Template generation")
struct TemplateGeneratorTests {
    typealias F = TemplateFixtures

    private func shopTemplate(settings: TemplateSettings = TemplateSettings()) throws -> (Project, GeneratedTemplate) {
        let project = try F.shop()
        return (project, try TemplateGenerator.generate(project: project, environment: "dev", artifacts: F.artifacts(for: project), settings: settings))
    }

    @Test("examples/shop becomes one stack with a function, role and log group per function")
    func shopResources() throws {
        let (project, template) = try shopTemplate(settings: TemplateSettings(architecture: .arm64))
        #expect(template.stackName.value == "shop-dev")
        #expect(template.children.isEmpty)
        #expect(!template.root.needsS3Upload)
        #expect(template.capabilities == ["CAPABILITY_NAMED_IAM"])
        #expect(template.parameters == ["PublicEndpoints": "true"])
        #expect(template.tags["kinetics:project"] == "shop")
        let resources = try F.resources(template.root)
        let artifacts = F.artifacts(for: project)
        for function in project.functions {
            let properties = try F.properties(resources, function.name + "Function")
            #expect(properties["Runtime"] as? String == "provided.al2023")
            #expect(properties["Handler"] as? String == "bootstrap")
            #expect(properties["Architectures"] as? [String] == ["arm64"])
            #expect(properties["FunctionName"] as? String == "shop-dev-\(function.name)")
            let code = try #require(properties["Code"] as? [String: String])
            #expect(code == ["S3Bucket": F.bucket, "S3Key": artifacts[function.name]!.key])
            let role = try F.properties(resources, function.name + "Role")
            #expect(role["RoleName"] as? String == "shop-dev-\(function.name)")
            let logs = try F.properties(resources, function.name + "LogGroup")
            #expect(logs["LogGroupName"] as? String == "/aws/lambda/shop-dev-\(function.name)")
            #expect(logs["RetentionInDays"] as? Int == 14)
        }
        let types = resources.values.compactMap { $0["Type"] as? String }
        #expect(types.count { $0 == "AWS::Lambda::Function" } == 5)
        #expect(types.count { $0 == "AWS::IAM::Role" } == 5)
        #expect(types.count { $0 == "AWS::DynamoDB::Table" } == 2)
        #expect(types.count { $0 == "AWS::Lambda::Url" } == 3)
        #expect(types.count { $0 == "AWS::ApiGatewayV2::Api" } == 1)
        #expect(types.count { $0 == "AWS::SQS::Queue" } == 1)
        #expect(types.count { $0 == "AWS::Events::Rule" } == 1)
        let table = try F.properties(resources, "productsTable")
        #expect(table["TableName"] as? String == "shop-dev-products")
        #expect(table["KeySchema"] as? [[String: String]] == [["AttributeName": "id", "KeyType": "HASH"]])
    }

    @Test("a worker gets a queue and an event source mapping with batch size, concurrency and batch item failures")
    func worker() throws {
        let (_, template) = try shopTemplate()
        let resources = try F.resources(template.root)
        let queue = try F.properties(resources, "OrdersProcessQueue")
        #expect(queue["QueueName"] as? String == "shop-dev-OrdersProcess")
        #expect(queue["VisibilityTimeout"] as? Int == 60)
        #expect(queue["MessageRetentionPeriod"] as? Int == 345_600)
        #expect(queue["ReceiveMessageWaitTimeSeconds"] as? Int == 20)
        #expect(queue["FifoQueue"] == nil)
        let mapping = try F.properties(resources, "OrdersProcessEventSourceMapping")
        #expect(mapping["BatchSize"] as? Int == 5)
        #expect(mapping["ScalingConfig"] as? [String: Int] == ["MaximumConcurrency": 2])
        #expect(mapping["FunctionResponseTypes"] as? [String] == ["ReportBatchItemFailures"])
        let outputs = try #require(try F.json(template.root)["Outputs"] as? [String: [String: Any]])
        #expect((outputs["OrdersProcessQueueUrl"]?["Value"] as? [String: String]) == ["Ref": "OrdersProcessQueue"])
    }

    @Test("a FIFO worker of concurrency 1 gets a .fifo queue and reserved concurrency instead of a scaling config")
    func fifoWorker() throws {
        let project = Project(name: "app", crateName: "app", root: "/x", functions: [
            F.function("Jobs", .worker(WorkerSettings(concurrency: 1, fifo: true))),
        ])
        let template = try TemplateGenerator.generate(project: project, environment: "prod", artifacts: F.artifacts(for: project), settings: TemplateSettings())
        let resources = try F.resources(template.root)
        let queue = try F.properties(resources, "JobsQueue")
        #expect(queue["QueueName"] as? String == "app-prod-Jobs.fifo")
        #expect(queue["FifoQueue"] as? Bool == true)
        #expect(try F.properties(resources, "JobsEventSourceMapping")["ScalingConfig"] == nil)
        #expect(try F.properties(resources, "JobsFunction")["ReservedConcurrentExecutions"] as? Int == 1)
        #expect(template.parameters.isEmpty, "no endpoints, so no PublicEndpoints parameter")
    }

    @Test("a cron gets an EventBridge rule with its schedule and the permission to invoke")
    func cron() throws {
        let (_, template) = try shopTemplate()
        let resources = try F.resources(template.root)
        let rule = try F.properties(resources, "ReportsDailySchedule")
        #expect(rule["ScheduleExpression"] as? String == "rate(1 day)")
        let permission = try F.properties(resources, "ReportsDailySchedulePermission")
        #expect(permission["Principal"] as? String == "events.amazonaws.com")
        #expect(permission["SourceArn"] as? [String: [String]] == ["Fn::GetAtt": ["ReportsDailySchedule", "Arn"]])
    }

    @Test("endpoints get a Function URL and a route in the project's HTTP API, all behind PublicEndpoints")
    func endpoints() throws {
        let (_, template) = try shopTemplate()
        let resources = try F.resources(template.root)
        for id in ["ProductsGetUrl", "ProductsGetUrlPermission", "ProductsGetUrlInvokePermission", "ProductsGetIntegration", "ProductsGetRouteGET", "ProductsGetApiPermission", "HttpApi", "HttpApiStage"] {
            #expect(resources[id]?["Condition"] as? String == "PublicEndpoints", "\(id)")
        }
        #expect(try F.properties(resources, "ProductsGetRouteGET")["RouteKey"] as? String == "GET /products/{id}")
        #expect(try F.properties(resources, "OrdersCreateRoutePOST")["RouteKey"] as? String == "POST /orders")
        #expect(try F.properties(resources, "ProductsGetUrl")["AuthType"] as? String == "NONE")
        let outputs = try #require(try F.json(template.root)["Outputs"] as? [String: [String: Any]])
        #expect(outputs["BaseURL"]?["Condition"] as? String == "PublicEndpoints")
        #expect(outputs["ProductsGetFunctionUrl"]?["Condition"] as? String == "PublicEndpoints")
        #expect(outputs["productsTableName"] != nil)
        #expect(try F.properties(resources, "OrdersCreateFunction")["MemorySize"] as? Int == 256)
        let local = try shopTemplate(settings: TemplateSettings(publicEndpoints: false)).1
        #expect(local.parameters == ["PublicEndpoints": "false"])
        #expect(local.root.body == template.root.body, "the setting is a parameter value, not a different template")
    }

    @Test("url paths become HTTP API route paths", arguments: [
        ("/products/{id}", "/products/{id}"), ("/files/{*rest}", "/files/{rest+}"), ("health", "/health"), ("/", "/"),
    ])
    func routePaths(path: String, expected: String) {
        #expect(FunctionUnit.routePath(path) == expected)
    }

    @Test("each role may use only its own log group and queue, the project's tables and exactly its secret parameters")
    func leastPrivilege() throws {
        var project = try F.shop()
        project.secretNames = ["PAYMENT_API_KEY"]
        let template = try TemplateGenerator.generate(project: project, environment: "dev", artifacts: F.artifacts(for: project), settings: TemplateSettings())
        let resources = try F.resources(template.root)
        for function in project.functions {
            let statements = try F.statements(resources, role: function.name + "Role")
            let text = String(decoding: try JSONSerialization.data(withJSONObject: statements, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
            #expect(!text.contains("\"*\""), "no wildcard resource for \(function.name)")
            let actions = statements.flatMap { $0["Action"] as? [String] ?? [] }
            #expect(!actions.contains { $0.hasSuffix("*") })
            #expect(text.contains("log-group:/aws/lambda/shop-dev-\(function.name):*"))
            #expect(!text.contains("log-group:/aws/lambda/shop-dev-\(function.name)X"))
            let ssm = try #require(statements.first { ($0["Action"] as? [String]) == ["ssm:GetParameter"] })
            #expect(ssm["Resource"] as? [[String: String]] == [["Fn::Sub": "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/kinetics/shop/dev/secrets/PAYMENT_API_KEY"]])
            let dynamo = try #require(statements.first { ($0["Action"] as? [String])?.first?.hasPrefix("dynamodb:") == true })
            #expect((dynamo["Resource"] as? [[String: String]])?.compactMap { $0["Fn::Sub"] } == [
                "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/shop-dev-orders",
                "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/shop-dev-products",
            ])
            let sqs = statements.filter { ($0["Action"] as? [String])?.contains("sqs:ReceiveMessage") == true }
            if function.role == .worker {
                #expect(sqs.count == 1)
                #expect(sqs.first?["Resource"] as? [[String: [String]]] == [["Fn::GetAtt": [function.name + "Queue", "Arn"]]])
            } else {
                #expect(sqs.isEmpty, "\(function.name) may not read a queue")
            }
        }
    }

    @Test("variables come from .env and the attribute (which wins); secrets appear only as parameter names")
    func environment() throws {
        let directory = try TemporaryDirectory("template-env")
        let root = directory.path
        try FileManager.default.createDirectory(atPath: root + "/src", withIntermediateDirectories: true)
        try "[package]\nname = \"envapp\"\nversion = \"0.1.0\"\n".write(toFile: root + "/Cargo.toml", atomically: true, encoding: .utf8)
        try "MODE=prod\nREGION_HINT=eu\n".write(toFile: root + "/.env", atomically: true, encoding: .utf8)
        try "DB_PASSWORD=hunter2-very-secret\n".write(toFile: root + "/.env.secrets", atomically: true, encoding: .utf8)
        try """
            #[endpoint(url_path = "/a", environment = {"MODE": "debug"})]
            pub async fn a() {}
            """.write(toFile: root + "/src/lib.rs", atomically: true, encoding: .utf8)
        let result = ProjectDiscovery.discover(at: root, environment: [:])
        let project = try #require(result.projects.first)
        let template = try TemplateGenerator.generate(project: project, environment: "dev", artifacts: F.artifacts(for: project), settings: TemplateSettings())
        #expect(!template.root.text.contains("hunter2"))
        let function = try #require(project.functions.first)
        let properties = try F.properties(try F.resources(template.root), PhysicalName.logicalId(function.name) + "Function")
        let variables = try #require((properties["Environment"] as? [String: Any])?["Variables"] as? [String: String])
        #expect(variables["MODE"] == "debug")
        #expect(variables["REGION_HINT"] == "eu")
        #expect(variables["KINETICS_SECRET_PARAMETERS"] == "/kinetics/envapp/dev/secrets/DB_PASSWORD")
        #expect(variables["KINETICS_SECRET_PARAMETERS"] == SecretParameterName.name(project: "envapp", environment: "dev", secret: "DB_PASSWORD"))
        #expect(variables["DB_PASSWORD"] == nil)
    }

    @Test("the same project gives byte-identical templates, whatever order its functions and tables come in")
    func deterministic() throws {
        let project = F.synthetic(functions: 200)
        var shuffled = project
        shuffled.functions.reverse()
        shuffled.tables.reverse()
        shuffled.secretNames.reverse()
        let settings = TemplateSettings(templateBucket: "templates-bucket")
        let a = try TemplateGenerator.generate(project: project, environment: "dev", artifacts: F.artifacts(for: project), settings: settings)
        let b = try TemplateGenerator.generate(project: shuffled, environment: "dev", artifacts: F.artifacts(for: project), settings: settings)
        #expect(a.root.body == b.root.body)
        #expect(a.root.sha256 == b.root.sha256)
        #expect(a.children.count > 1)
        #expect(a.children.map(\.body) == b.children.map(\.body))
        #expect(a.children.map(\.logicalId) == b.children.map(\.logicalId))
        #expect(a.root.s3Key == "templates/big-dev/\(a.root.sha256).json")
    }

    @Test("JSON is written compact, with sorted keys and escaped strings")
    func json() {
        let value = TemplateJSON.object(["b": .int(1), "a": .array([.string("q\"\\\n\u{1}é"), .bool(true)]), "B": .string("x")])
        #expect(String(decoding: value.bytes, as: UTF8.self) == #"{"B":"x","a":["q\"\\\n\u0001é",true],"b":1}"#)
    }

    @Test("names too long for AWS are shortened deterministically with a hash, and stay distinct")
    func longNames() throws {
        let long = String(repeating: "A", count: 60)
        let project = Project(name: "a-rather-long-project-name", crateName: "x", root: "/x", functions: [
            F.function(long + "Work", .worker(WorkerSettings(concurrency: 3, fifo: true))),
            F.function(long + "Wore", .worker(WorkerSettings(concurrency: 3))),
        ], tables: [KVTable(name: String(repeating: "t", count: 250))])
        let template = try TemplateGenerator.generate(project: project, environment: "staging", artifacts: F.artifacts(for: project), settings: TemplateSettings())
        let resources = try F.resources(template.root)
        let names = try project.functions.map { try F.properties(resources, $0.name + "Function")["FunctionName"] as? String ?? "" }
        #expect(names.allSatisfy { $0.count == 64 && $0.hasPrefix("a-rather-long-project-name-staging-AAAA") })
        #expect(Set(names).count == 2)
        let roles = try project.functions.map { try F.properties(resources, $0.name + "Role")["RoleName"] as? String ?? "" }
        #expect(roles.allSatisfy { $0.count <= 64 })
        let queue = try F.properties(resources, long + "WorkQueue")["QueueName"] as? String ?? ""
        #expect(queue.count <= 80 && queue.hasSuffix(".fifo"))
        let table = try F.properties(resources, PhysicalName.logicalId(String(repeating: "t", count: 250)) + "Table")["TableName"] as? String ?? ""
        #expect(table.count == 255)
        let again = try TemplateGenerator.generate(project: project, environment: "staging", artifacts: F.artifacts(for: project), settings: TemplateSettings())
        #expect(again.root.body == template.root.body)
        #expect(PhysicalName.fit(String(repeating: "x", count: 70), limit: 64) == String(repeating: "x", count: 55) + "-" + String(StreamingSHA256.hex(of: String(repeating: "x", count: 70)).prefix(8)))
    }

    @Test("logical ids keep letters and digits, and names that differ only in other characters stay apart")
    func logicalIds() {
        #expect(PhysicalName.logicalId("BasicCronCron") == "BasicCronCron")
        #expect(PhysicalName.logicalId("Init_onceInit_once") != PhysicalName.logicalId("InitonceInitonce"))
        #expect(PhysicalName.logicalId("a-b").allSatisfy { $0.isLetter || $0.isNumber })
        #expect(PhysicalName.logicalId("9lives").first == "N")
    }

    @Test("stack names follow CloudFormation's rules", arguments: [
        ("shop", "dev", true), ("my-app", "prod-2", true), ("my_app", "dev", false), ("1app", "dev", false),
        ("app", "", false), ("app", "dév", false), (String(repeating: "a", count: 125), "dev", false),
    ])
    func stackNames(project: String, environment: String, valid: Bool) {
        let result = Result { () throws(TemplateError) in try StackName(project: project, environment: environment) }
        #expect(((try? result.get()) != nil) == valid)
        if case .failure(let error) = result { #expect(error.message.contains("kinetics.toml")) }
    }

    @Test("a stack name encodes as its string and is checked again when decoded")
    func stackNameCoding() throws {
        let data = try JSONEncoder().encode([try StackName("shop-dev")])
        #expect(String(decoding: data, as: UTF8.self) == #"["shop-dev"]"#)
        #expect(try JSONDecoder().decode([StackName].self, from: data).first?.value == "shop-dev")
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([StackName].self, from: Data(#"["my_app-dev"]"#.utf8)) }
    }

    @Test("secret parameter names live under the stack's path")
    func secretNames() {
        #expect(SecretParameterName.name(project: "shop", environment: "dev", secret: "PAYMENT_API_KEY") == "/kinetics/shop/dev/secrets/PAYMENT_API_KEY")
    }

    // MARK: - Bad input

    private func failure(
        _ project: Project, environment: String = "dev", artifacts: [String: ArtifactLocation]? = nil,
        settings: TemplateSettings = TemplateSettings()
    ) -> TemplateError? {
        do {
            _ = try TemplateGenerator.generate(project: project, environment: environment, artifacts: artifacts ?? F.artifacts(for: project), settings: settings)
            return nil
        } catch {
            return error
        }
    }

    @Test("bad input is refused with a message that says what to change")
    func badInput() throws {
        let shop = try F.shop()
        var artifacts = F.artifacts(for: shop)
        artifacts["OrdersCreate"] = nil
        #expect(failure(shop, artifacts: artifacts) == .missingArtifact(function: "OrdersCreate"))
        #expect(failure(shop, artifacts: artifacts)?.message.contains("build and upload") == true)
        #expect(failure(shop, environment: "my env").map { if case .invalidStackName = $0 { true } else { false } } == true)
        #expect(failure(shop, settings: TemplateSettings(logRetentionDays: 10)) == .invalidLogRetention(10))
        #expect(failure(shop, settings: TemplateSettings(logRetentionDays: 10))?.message.contains("14") == true)

        func project(_ functions: [KineticsFunction], tables: [KVTable] = [], secrets: [String] = []) -> Project {
            Project(name: "p", crateName: "p", root: "/p", functions: functions, tables: tables, secretNames: secrets)
        }
        #expect(failure(project([F.function("W", .worker(WorkerSettings(concurrency: 0)))])) == .invalidConcurrency(function: "W", value: 0))
        #expect(failure(project([F.function("W", .worker(WorkerSettings(concurrency: 2000)))])) == .invalidConcurrency(function: "W", value: 2000))
        #expect(failure(project([F.function("W", .worker(WorkerSettings(batchSize: 11)))])) == .invalidBatchSize(function: "W", value: 11))
        #expect(failure(project([], tables: [KVTable(name: "bad name")])) == .invalidTableName("bad name"))
        #expect(failure(project([], secrets: ["BAD KEY"])) == .invalidSecretName("BAD KEY"))
        let routes = failure(project([
            F.function("A", .endpoint(EndpointSettings(urlPath: "/items/{id}"))),
            F.function("B", .endpoint(EndpointSettings(urlPath: "/items/{key}", methods: [.DELETE]))),
        ]))
        #expect(routes == .duplicateRoute(route: "DELETE /items/{key}", functions: ["A", "B"]))
        #expect(failure(project([
            F.function("A", .endpoint(EndpointSettings(urlPath: "/items/{id}", methods: [.GET]))),
            F.function("B", .endpoint(EndpointSettings(urlPath: "/items/{key}", methods: [.POST]))),
        ])) == nil)
        let huge = String(repeating: "v", count: 5000)
        let tooLarge = failure(project([F.function("E", .cron(CronSettings(schedule: "rate(1 day)")), environment: ["BIG": huge])]))
        guard case .environmentTooLarge(function: "E", let bytes) = tooLarge else { Issue.record("got \(String(describing: tooLarge))"); return }
        #expect(bytes > 5000)
        #expect(tooLarge?.message.contains("4096") == true)
        var bad = F.artifacts(for: shop)
        bad["OrdersCreate"]?.key = ""
        #expect(failure(shop, artifacts: bad).map { if case .invalidArtifact = $0 { true } else { false } } == true)
        for bucket in ["", "ab", "Upper", "a/b", "-dash", "a..b"] {
            var wrong = F.artifacts(for: shop)
            wrong["OrdersCreate"]?.bucket = bucket
            #expect(failure(shop, artifacts: wrong)?.message.contains("not an S3 bucket name") == true, "\(bucket)")
        }
    }

    @Test("a project with nothing to deploy is refused; one with only tables needs no IAM capability")
    func empty() throws {
        let disabled = F.function("Off", .endpoint(EndpointSettings(urlPath: "/off", isDisabled: true)))
        let nothing = Project(name: "p", crateName: "p", root: "/p", functions: [disabled])
        #expect(failure(nothing, artifacts: [:]) == .nothingToDeploy(project: "p"))
        #expect(failure(nothing, artifacts: [:])?.message.contains("[[kvdb]]") == true)
        let tables = Project(name: "p", crateName: "p", root: "/p", tables: [KVTable(name: "t")])
        let template = try TemplateGenerator.generate(project: tables, environment: "dev", artifacts: [:], settings: TemplateSettings())
        #expect(template.capabilities.isEmpty)
        #expect(try F.resources(template.root).keys.sorted() == ["tTable"])
    }

    @Test("a disabled endpoint gets no resources and needs no artifact")
    func disabledEndpoint() throws {
        let project = Project(name: "p", crateName: "p", root: "/p", functions: [
            F.function("Off", .endpoint(EndpointSettings(urlPath: "/off", isDisabled: true))),
            F.function("On", .cron(CronSettings(schedule: "rate(1 hour)"))),
        ])
        let template = try TemplateGenerator.generate(project: project, environment: "dev", artifacts: ["On": F.artifacts(for: project)["On"]!], settings: TemplateSettings())
        let resources = try F.resources(template.root)
        #expect(resources["OffFunction"] == nil && resources["OnFunction"] != nil)
        #expect(resources["HttpApi"] == nil)
    }

    // MARK: - Limits and nested stacks

    @Test("a project over 51,200 bytes without a template bucket is refused; with one its root is uploaded")
    func needsBucket() throws {
        let project = F.synthetic(functions: 60)
        let error = failure(project)
        guard case .templateBucketRequired(let bytes, _) = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(bytes > TemplateDocument.inlineLimit)
        #expect(error?.message.contains("template bucket") == true)
        let template = try TemplateGenerator.generate(project: project, environment: "dev", artifacts: F.artifacts(for: project), settings: TemplateSettings(templateBucket: "tb"))
        #expect(template.children.isEmpty)
        #expect(template.root.needsS3Upload)
        #expect(template.documentsToUpload.map(\.sha256) == [template.root.sha256])
        #expect(template.templateURL(for: template.root, region: "eu-west-1") == "https://tb.s3.eu-west-1.amazonaws.com/\(template.root.s3Key)")
        #expect(template.rootTemplateSource(region: "eu-west-1") == .url("https://tb.s3.eu-west-1.amazonaws.com/\(template.root.s3Key)"))
    }

    @Test("2,000 functions split into nested stacks within every limit, each function in exactly one")
    func nested() throws {
        let project = F.synthetic(functions: 2000)
        let template = try TemplateGenerator.generate(project: project, environment: "dev", artifacts: F.artifacts(for: project), settings: TemplateSettings(templateBucket: "tb"))
        #expect(template.children.count >= 8)
        let rootResources = try F.resources(template.root)
        let stacks = rootResources.filter { $0.value["Type"] as? String == "AWS::CloudFormation::Stack" }
        #expect(stacks.count == template.children.count)
        var seen: [String: Int] = [:]
        for child in template.children {
            #expect(child.needsS3Upload)
            #expect(child.body.count <= TemplateDocument.s3Limit)
            let resources = try F.resources(child)
            #expect(resources.count <= 500)
            #expect(((try F.json(child))["Outputs"] as? [String: Any] ?? [:]).count <= 200)
            let logicalId = try #require(child.logicalId)
            let url = try #require(try F.properties(rootResources, logicalId)["TemplateURL"] as? [String: String])
            #expect(url["Fn::Sub"] == "https://tb.s3.${AWS::Region}.${AWS::URLSuffix}/\(child.s3Key)")
            let parameters = try #require(try F.properties(rootResources, logicalId)["Parameters"] as? [String: Any])
            #expect(parameters["PublicEndpoints"] as? [String: String] == ["Ref": "PublicEndpoints"])
            let apiId = try JSONSerialization.data(withJSONObject: try #require(parameters["HttpApi"]), options: [.sortedKeys])
            #expect(String(decoding: apiId, as: UTF8.self) == #"{"Fn::If":["PublicEndpoints",{"Ref":"HttpApi"},"none"]}"#)
            let childParameters = try #require(try F.json(child)["Parameters"] as? [String: Any])
            #expect(childParameters["HttpApi"] != nil, "a nested stack gets the API's id as its HttpApi parameter")
            #expect(try F.resources(child)["HttpApi"] == nil)
            for (id, resource) in resources where resource["Type"] as? String == "AWS::Lambda::Function" {
                seen[id, default: 0] += 1
            }
        }
        #expect(seen.count == 2000 && seen.values.allSatisfy { $0 == 1 })
        #expect(rootResources["usersTable"] != nil && rootResources["HttpApi"] != nil)
        #expect(template.documentsToUpload.count == template.children.count + (template.root.needsS3Upload ? 1 : 0))
        #expect(template.resourceCounts.count == template.children.count + 1)
    }

    @Test("adding a function to a split project moves no other function to another nested stack")
    func stableSplit() throws {
        let before = F.synthetic(functions: 1500)
        var after = before
        after.functions.append(F.function("Newcomer", .cron(CronSettings(schedule: "rate(5 minutes)"))))
        let settings = TemplateSettings(templateBucket: "tb")
        func placement(_ project: Project) throws -> [String: String] {
            let template = try TemplateGenerator.generate(project: project, environment: "dev", artifacts: F.artifacts(for: project), settings: settings)
            var placement: [String: String] = [:]
            for child in template.children {
                for id in try F.resources(child).keys where id.hasSuffix("Function") { placement[id] = child.logicalId }
            }
            return placement
        }
        let a = try placement(before)
        let b = try placement(after)
        #expect(a.count == 1500 && b.count == 1501)
        #expect(a.allSatisfy { b[$0.key] == $0.value })
    }

    @Test("one more nested stack moves functions only into the new stack, about one in n of them")
    func consistentStacks() {
        let keys = (0..<10_000).map { TemplateLayout.key(of: "Function\($0)") }
        for count in [2, 7, 34] {
            let before = keys.map { TemplateLayout.stack(of: $0, among: count) }
            let after = keys.map { TemplateLayout.stack(of: $0, among: count + 1) }
            #expect(before.allSatisfy { (0..<count).contains($0) })
            let moved = zip(before, after).filter { $0 != $1 }
            #expect(moved.allSatisfy { $0.1 == count })
            let expected = 10_000 / (count + 1)
            #expect(abs(moved.count - expected) < expected / 4, "\(moved.count) moved, about \(expected) expected")
        }
    }

    @Test("ids of different functions and of the project never collide", arguments: [
        ("FooQueue", "Foo", "FooSchedule"), ("Base", "HttpApi", "HttpApiStage"), ("usersTable", "users", "usersTableName"),
        ("FunctionStack1", "FunctionStack", "Function"), ("Foo", "FooUrl", "FooRole"),
    ])
    func noCollisions(endpoint: String, worker: String, cron: String) throws {
        let functions = [
            F.function(endpoint, .endpoint(EndpointSettings(urlPath: "/e"))),
            F.function(worker, .worker(WorkerSettings(concurrency: 2))),
            F.function(cron, .cron(CronSettings(schedule: "rate(1 hour)"))),
        ]
        let project = Project(name: "p", crateName: "p", root: "/p", functions: functions, tables: [KVTable(name: "users")])
        let context = try StackContext(project: project, environment: "dev", stackName: try StackName("p-dev"), settings: TemplateSettings())
        let artifacts = F.artifacts(for: project)
        let units = try functions.map { try FunctionUnit(function: $0, artifact: artifacts[$0.name]!, context: context) }
        let resourceIds = units.flatMap(\.resources.keys) + context.sharedResources(withAPI: true).keys + ["FunctionStack0", "FunctionStack1"]
        let outputIds = units.flatMap(\.outputs.keys) + context.sharedOutputs(withAPI: true).keys
        #expect(Set(resourceIds).count == resourceIds.count)
        #expect(Set(outputIds).count == outputIds.count)
        #expect(try F.resources(try TemplateGenerator.generate(project: project, environment: "dev", artifacts: artifacts, settings: TemplateSettings()).root).count == resourceIds.count - 2)
    }
}
