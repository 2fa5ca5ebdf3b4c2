import Foundation
import Testing
@testable import KineticsCore

/// The generated template of examples/shop deployed to a real moto_server: artifact zips in a bucket, the stack
/// created from the template, and then the functions, queues and tables asked for by their own services.
@Suite("Templates are accepted by moto_server", .serialized)
struct TemplateMotoTests {
    typealias F = TemplateFixtures

    static let lambda = AWSService(signingName: "lambda", endpointPrefix: "lambda", environmentId: "LAMBDA", displayName: "Lambda")
    static let sqs = AWSService(signingName: "sqs", endpointPrefix: "sqs", environmentId: "SQS", displayName: "SQS")
    static let dynamoDB = AWSService(signingName: "dynamodb", endpointPrefix: "dynamodb", environmentId: "DYNAMODB", displayName: "DynamoDB")

    /// Uploads one real zip per function to `bucket` and returns their locations.
    static func uploadArtifacts(_ project: Project, bucket: String, s3: S3Client) async throws -> [String: ArtifactLocation] {
        let directory = try TemporaryDirectory("template-moto")
        let bootstrap = directory.file("bootstrap")
        try "#!/bin/sh\necho not a real function\n".write(toFile: bootstrap, atomically: true, encoding: .utf8)
        try await s3.createBucket(bucket)
        var artifacts: [String: ArtifactLocation] = [:]
        for function in project.functions {
            let zip = directory.file("\(function.name).zip")
            let written = try DeterministicZip().write([ZipEntry(name: "bootstrap", source: bootstrap, permissions: 0o755)], to: zip)
            let key = "artifacts/\(function.name)/\(written.sha256).zip"
            try await s3.putObject(bucket: bucket, key: key, body: .file(path: zip, offset: 0, length: written.size))
            artifacts[function.name] = ArtifactLocation(bucket: bucket, key: key, sha256: written.sha256)
        }
        return artifacts
    }

    /// Polls until the stack leaves `*_IN_PROGRESS`; returns its final status.
    static func waitForStack(_ name: String, cfn: CloudFormationClient) async throws -> Stack {
        for _ in 0..<300 {
            let stack = try #require(try await cfn.describeStack(name: name))
            if !stack.status.hasSuffix("_IN_PROGRESS") { return stack }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw MissingField(description: "stack \(name) still in progress after 30 s")
    }

    @Test("examples/shop: CreateStack with the generated template reaches CREATE_COMPLETE with every function, queue and table")
    func shop() async throws {
        // A server of its own, without signature checks: this test is about the template, and moto 5.2.1 with
        // signature checks refuses Lambda's REST calls (GetFunction, ListFunctions) with SignatureDoesNotMatch,
        // from the AWS CLI as much as from us.
        let server = try await LocalAWSServer.start(LocalAWSServer.Options())
        let client = AWSClient(configuration: server.configuration())
        do {
            try await deployShop(client: client)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    private func deployShop(client: AWSClient) async throws {
        let cfn = CloudFormationClient(client: client)
        let s3 = S3Client(client: client)
        var project = try F.shop()
        project.name = "shop\(UUID().uuidString.prefix(6).lowercased())"
        let artifacts = try await Self.uploadArtifacts(project, bucket: "\(project.name)-artifacts", s3: s3)
        let template = try TemplateGenerator.generate(
            project: project, environment: "dev", artifacts: artifacts, settings: TemplateSettings(publicEndpoints: false))
        #expect(template.documentsToUpload.isEmpty)

        do {
            _ = try await cfn.createStack(.init(
                stackName: template.stackName.value, template: template.rootTemplateSource(region: client.configuration.region),
                parameters: template.stackParameters, capabilities: template.capabilities, tags: template.stackTags))
        } catch let error as AWSError where error.serviceCode == "AlreadyExistsException" {
            // A first attempt that timed out on a busy machine created it (moto does not honour the retry's
            // ClientRequestToken as CloudFormation does); the stack's name is this test's own.
        }
        let stack = try await Self.waitForStack(template.stackName.value, cfn: cfn)
        #expect(stack.status == "CREATE_COMPLETE", "\(stack.statusReason ?? "")")
        #expect(stack.output("ordersTableName") == "\(project.name)-dev-orders")
        #expect(stack.output("OrdersProcessQueueUrl")?.hasSuffix("/\(project.name)-dev-OrdersProcess") == true)

        // moto lists one extra entry without a logical id.
        let resources = try await cfn.describeStackResources(stackName: template.stackName.value).filter { !$0.logicalResourceId.isEmpty }
        let generated = try F.resources(template.root).filter { $0.value["Condition"] == nil }
        #expect(Set(resources.map(\.logicalResourceId)) == Set(generated.keys))
        #expect(resources.allSatisfy { $0.status == "CREATE_COMPLETE" })

        for function in project.functions {
            let name = "\(project.name)-dev-\(function.name)"
            let request = client.makeRequest(Self.lambda, method: "GET", encodedPath: "/2015-03-31/functions/\(name)")
            let response = try await client.send(request, operation: AWSOperation(service: Self.lambda, name: "GetFunction", idempotent: true))
            let body = try #require(try JSONSerialization.jsonObject(with: response.body) as? [String: Any])
            let configuration = try #require(body["Configuration"] as? [String: Any])
            #expect(configuration["Runtime"] as? String == "provided.al2023")
            #expect(configuration["Handler"] as? String == "bootstrap")
            #expect(configuration["CodeSha256"] != nil)
            let variables = (configuration["Environment"] as? [String: Any])?["Variables"] as? [String: String]
            #expect(variables?["CURRENCY"] == "EUR")
        }

        let queue = try await client.query(
            Self.sqs, version: "2012-11-05", action: "GetQueueUrl",
            parameters: [("QueueName", "\(project.name)-dev-OrdersProcess")], idempotent: true)
        #expect(queue.text("QueueUrl")?.hasSuffix("\(project.name)-dev-OrdersProcess") == true)

        for table in ["orders", "products"] {
            let data = try await client.json(
                Self.dynamoDB, targetPrefix: "DynamoDB_20120810", action: "DescribeTable",
                body: Data(#"{"TableName":"\#(project.name)-dev-\#(table)"}"#.utf8), idempotent: true)
            let description = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect((description["Table"] as? [String: Any])?["TableStatus"] as? String == "ACTIVE")
        }

        try await cfn.deleteStack(name: template.stackName.value)
    }
}

extension TemplateMotoTests {
    @Test("a project split into nested stacks: children uploaded to the template bucket, the root reaches CREATE_COMPLETE")
    func nested() async throws {
        let server = try await LocalAWSServer.start(LocalAWSServer.Options())
        let client = AWSClient(configuration: server.configuration())
        do {
            try await deployNested(client: client)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    private func deployNested(client: AWSClient) async throws {
        let cfn = CloudFormationClient(client: client)
        let s3 = S3Client(client: client)
        let project = F.synthetic(functions: 120, name: "split")
        let artifacts = try await Self.uploadArtifacts(project, bucket: "split-artifacts", s3: s3)
        try await s3.createBucket("split-templates")
        let template = try TemplateGenerator.generate(
            project: project, environment: "dev", artifacts: artifacts,
            settings: TemplateSettings(publicEndpoints: false, templateBucket: "split-templates"))
        #expect(template.children.count >= 2)
        for document in template.documentsToUpload {
            try await s3.putObject(bucket: "split-templates", key: document.s3Key, body: .data(document.body), contentType: "application/json")
        }
        _ = try await cfn.createStack(.init(
            stackName: template.stackName.value, template: template.rootTemplateSource(region: client.configuration.region),
            parameters: template.stackParameters, capabilities: template.capabilities, tags: template.stackTags))
        let stack = try await Self.waitForStack(template.stackName.value, cfn: cfn)
        #expect(stack.status == "CREATE_COMPLETE", "\(stack.statusReason ?? "")")
        let nested = try await cfn.describeStackResources(stackName: template.stackName.value)
            .filter { $0.resourceType == "AWS::CloudFormation::Stack" }
        #expect(nested.count == template.children.count)
        var functions = 0
        for child in nested {
            let name = try #require(child.physicalResourceId)
            let resources = try await cfn.describeStackResources(stackName: name)
            functions += resources.count { $0.resourceType == "AWS::Lambda::Function" && $0.status == "CREATE_COMPLETE" }
        }
        #expect(functions == 120)
    }
}
