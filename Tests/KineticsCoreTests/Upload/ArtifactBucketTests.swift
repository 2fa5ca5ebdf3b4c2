import Foundation
import Testing
@testable import KineticsCore

/// The bootstrap stack against a real moto_server with signature checking on. Each test uses a region of its own,
/// so each has its own `kinetics-bootstrap-<region>`.
@Suite("The artifact bucket comes from one bootstrap stack, created on first use and reused after", .serialized)
struct ArtifactBucketTests {
    static func client(region: String, transport: (any HTTPTransport)? = nil) async throws -> AWSClient {
        let moto = try await AuthenticatedMoto.get()
        var configuration = moto.server.configuration(credentials: moto.credentials)
        configuration.region = region
        return AWSClient(configuration: configuration, transport: transport)
    }

    static func cache(_ dir: TemporaryDirectory) throws -> LocalCache {
        try LocalCache.open(path: dir.file("cache.sqlite")).cache
    }

    @Test("the first call creates kinetics-bootstrap-<region> and finds its bucket; later calls reuse it, from the cache without CloudFormation")
    func createdOnceReused() async throws {
        let dir = try TemporaryDirectory("kt-bucket")
        let cache = try Self.cache(dir)
        let first = RecordingTransport()
        let client = try await Self.client(region: "eu-west-3", transport: first)
        let progress = Locked<[ArtifactBucket.Progress]>([])
        let (bucket, origin) = try await ArtifactBucket.ensure(
            cloudFormation: CloudFormationClient(client: client), cache: cache, onProgress: { p in progress.withLock { $0.append(p) } })
        #expect(origin == .created)
        #expect(bucket.stackName == "kinetics-bootstrap-eu-west-3")
        #expect(bucket.region == "eu-west-3")
        #expect(bucket.endpoint == client.configuration.endpoint(for: .s3).url)
        #expect(first.count("CreateStack") == 1)
        #expect(progress.withLock { $0 }.first == .creatingStack("kinetics-bootstrap-eu-west-3"))
        #expect(progress.withLock { $0 }.contains(.resource(logicalId: "ArtifactBucket", status: "CREATE_COMPLETE")))

        // The bucket is real, encrypted (moto applies SSE from the template), and takes objects.
        let s3 = S3Client(client: client)
        #expect(try await s3.bucketExists(bucket.name))
        let encryption = try await s3.client.send(
            s3.request(method: "GET", bucket: bucket.name, query: [("encryption", "")]),
            operation: AWSOperation(service: .s3, name: "GetBucketEncryption", idempotent: true))
        #expect(String(decoding: encryption.body, as: UTF8.self).contains("AES256"))

        // Without the cache: the stack is found by DescribeStacks, not created again.
        let second = RecordingTransport()
        let again = try await ArtifactBucket.ensure(cloudFormation: CloudFormationClient(client: try await Self.client(region: "eu-west-3", transport: second)))
        #expect(again.bucket == bucket)
        #expect(again.origin == .existingStack)
        #expect(second.count("CreateStack") == 0)
        #expect(second.count("DescribeStacks") == 1)

        // With the cache: one HeadBucket, no CloudFormation call at all.
        let third = RecordingTransport()
        let cached = try await ArtifactBucket.ensure(
            cloudFormation: CloudFormationClient(client: try await Self.client(region: "eu-west-3", transport: third)), cache: cache)
        #expect(cached.bucket == bucket)
        #expect(cached.origin == .cached)
        #expect(third.operations == ["HeadBucket"])

        let stacks = try await CloudFormationClient(client: client).describeStacks().stacks.filter { $0.stackName.hasPrefix("kinetics-bootstrap-") }
        #expect(stacks.map(\.stackName) == ["kinetics-bootstrap-eu-west-3"])
    }

    @Test("first deploys racing in one account and region share one bootstrap stack and bucket; none fails")
    func concurrentFirstUse() async throws {
        let region = "ap-southeast-4"
        async let a = ArtifactBucket.ensure(cloudFormation: CloudFormationClient(client: try await Self.client(region: region, transport: RecordingTransport())))
        async let b = ArtifactBucket.ensure(cloudFormation: CloudFormationClient(client: try await Self.client(region: region, transport: RecordingTransport())))
        async let c = ArtifactBucket.ensure(cloudFormation: CloudFormationClient(client: try await Self.client(region: region, transport: RecordingTransport())))
        let buckets = try await [a.0, b.0, c.0]
        #expect(Set(buckets.map(\.name)).count == 1)
        #expect(buckets.allSatisfy { $0.stackName == "kinetics-bootstrap-\(region)" })
    }

    @Test("a cached bucket that is gone is forgotten and the stack is asked again")
    func staleCache() async throws {
        let dir = try TemporaryDirectory("kt-bucket")
        let cache = try Self.cache(dir)
        let client = try await Self.client(region: "eu-north-1")
        let (bucket, _) = try await ArtifactBucket.ensure(cloudFormation: CloudFormationClient(client: client), cache: cache)
        let identity = StackIdentity(name: bucket.stackName, region: bucket.region, endpoint: bucket.endpoint)
        try cache.recordStackStatus(
            StackSummary(stackId: "", stackName: bucket.stackName, status: "CREATE_COMPLETE", outputs: [
                StackOutput(key: "BucketName", value: "kt-deleted-long-ago"),
                StackOutput(key: "TemplateVersion", value: BootstrapStack.templateVersion),
            ]),
            of: identity)
        let recorder = RecordingTransport()
        let found = try await ArtifactBucket.ensure(
            cloudFormation: CloudFormationClient(client: try await Self.client(region: "eu-north-1", transport: recorder)), cache: cache)
        #expect(found.bucket == bucket)
        #expect(found.origin == .existingStack)
        #expect(recorder.operations.prefix(2) == ["HeadBucket", "DescribeStacks"])
        #expect(try cache.lastKnownStatus(of: identity)?.outputs.first?.value == bucket.name)
    }

    @Test("a bootstrap stack made by an older template is updated to the current one, keeping its bucket")
    func olderTemplate() async throws {
        let client = try await Self.client(region: "sa-east-1")
        let cloudFormation = CloudFormationClient(client: client)
        let old = """
            {"Resources": {"ArtifactBucket": {"Type": "AWS::S3::Bucket", "DeletionPolicy": "Retain"}},
             "Outputs": {"BucketName": {"Value": {"Ref": "ArtifactBucket"}}, "TemplateVersion": {"Value": "0"}}}
            """
        _ = try await cloudFormation.createStack(.init(stackName: "kinetics-bootstrap-sa-east-1", template: .body(old)))
        let before = try #require(try await cloudFormation.describeStack(name: "kinetics-bootstrap-sa-east-1")?.output("BucketName"))

        let dir = try TemporaryDirectory("kt-bucket")
        let cache = try Self.cache(dir)
        let recorder = RecordingTransport()
        let progress = Locked<[ArtifactBucket.Progress]>([])
        let (bucket, origin) = try await ArtifactBucket.ensure(
            cloudFormation: CloudFormationClient(client: try await Self.client(region: "sa-east-1", transport: recorder)), cache: cache,
            onProgress: { p in progress.withLock { $0.append(p) } })
        #expect(origin == .updated)
        #expect(recorder.count("UpdateStack") >= 1)
        #expect(progress.withLock { $0 }.first == .updatingStack("kinetics-bootstrap-sa-east-1", fromVersion: "0"))
        let stack = try #require(try await cloudFormation.describeStack(name: "kinetics-bootstrap-sa-east-1"))
        #expect(stack.output("TemplateVersion") == BootstrapStack.templateVersion)
        #expect(try await S3Client(client: client).bucketExists(bucket.name))
        #expect(bucket.name == stack.output("BucketName"))
        #expect(bucket.name == before, "the update keeps the bucket and what is in it")

        // Up to date now: the next call takes it from the cache.
        let again = try await ArtifactBucket.ensure(cloudFormation: cloudFormation, cache: cache)
        #expect(again.origin == .cached)
        #expect(again.bucket == bucket)
    }

    @Test("a bootstrap stack left in ROLLBACK_COMPLETE is a clear error that says to delete it")
    func rollbackComplete() async throws {
        // moto never leaves a stack in ROLLBACK_COMPLETE, so DescribeStacks answers from a script here.
        let xml = """
            <DescribeStacksResponse><DescribeStacksResult><Stacks><member>
            <StackId>arn:aws:cloudformation:us-west-1:123456789012:stack/kinetics-bootstrap-us-west-1/1</StackId>
            <StackName>kinetics-bootstrap-us-west-1</StackName><StackStatus>ROLLBACK_COMPLETE</StackStatus>
            <StackStatusReason>The following resource(s) failed to create: [ArtifactBucket].</StackStatusReason>
            <CreationTime>2026-01-01T00:00:00Z</CreationTime>
            </member></Stacks></DescribeStacksResult></DescribeStacksResponse>
            """
        let transport = FakeHTTPTransport([.response(HTTPResponse(status: 200, body: Data(xml.utf8)))])
        let client = AWSClient(configuration: AWSConfiguration(
            credentials: LocalAWSServer.dummyCredentials, region: "us-west-1", endpoint: AWSEndpoint(url: "http://127.0.0.1:9")), transport: transport)
        let error = try await #require(throws: UploadError.self) {
            try await ArtifactBucket.ensure(cloudFormation: CloudFormationClient(client: client))
        }
        #expect(error.code == .bootstrapFailed)
        #expect(error.message.contains("kinetics-bootstrap-us-west-1 is in ROLLBACK_COMPLETE"))
        #expect(error.message.contains("failed to create: [ArtifactBucket]"))
        #expect(error.message.contains("aws cloudformation delete-stack --stack-name kinetics-bootstrap-us-west-1 --region us-west-1"))
        #expect(transport.requests.count == 1)
    }

    @Test("a bootstrap stack made by a change set that never ran (REVIEW_IN_PROGRESS) is named with what to do")
    func reviewInProgress() async throws {
        let client = try await Self.client(region: "ap-south-1")
        let cloudFormation = CloudFormationClient(client: client)
        _ = try await cloudFormation.createChangeSet(CloudFormationClient.ChangeSetInput(
            stackName: "kinetics-bootstrap-ap-south-1", changeSetName: "never-executed", changeSetType: "CREATE",
            template: .body(BootstrapStack.template)))
        let error = try await #require(throws: UploadError.self) {
            try await ArtifactBucket.ensure(cloudFormation: cloudFormation)
        }
        #expect(error.code == .bootstrapFailed)
        #expect(error.message.contains("REVIEW_IN_PROGRESS"))
        #expect(error.message.contains("delete-stack --stack-name kinetics-bootstrap-ap-south-1"))
    }

    @Test("an endpoint nobody answers on says it cannot be reached and how to start the local AWS")
    func deadEndpoint() async throws {
        let port = try LoopbackListener.closedPort()
        let client = AWSClient(
            configuration: AWSConfiguration(
                credentials: LocalAWSServer.dummyCredentials, region: "us-east-1", endpoint: AWSEndpoint(url: "http://127.0.0.1:\(port)"),
                maxAttempts: 2))
        let error = try await #require(throws: UploadError.self) {
            try await ArtifactBucket.ensure(cloudFormation: CloudFormationClient(client: client))
        }
        #expect(error.code == .endpointUnreachable)
        #expect(error.message.contains("Cannot reach http://127.0.0.1:\(port)"))
        #expect(error.message.contains("kinetics-tui local start"))
    }

    @Test("the template passes cfn-lint and asks for a private, encrypted, versioned bucket with a lifecycle rule")
    func template() async throws {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(BootstrapStack.template.utf8)) as? [String: Any])
        let resources = try #require(object["Resources"] as? [String: Any])
        let bucket = try #require((resources["ArtifactBucket"] as? [String: Any])?["Properties"] as? [String: Any])
        #expect((bucket["VersioningConfiguration"] as? [String: String])?["Status"] == "Enabled")
        let block = try #require(bucket["PublicAccessBlockConfiguration"] as? [String: Bool])
        #expect(block.count == 4 && block.values.allSatisfy { $0 })
        #expect(bucket["BucketEncryption"] != nil)
        let rules = try #require((bucket["LifecycleConfiguration"] as? [String: Any])?["Rules"] as? [[String: Any]])
        #expect(rules.first?["NoncurrentVersionExpiration"] != nil)
        #expect(rules.first?["AbortIncompleteMultipartUpload"] != nil)
        #expect((object["Outputs"] as? [String: Any])?["BucketName"] != nil)

        let dir = try TemporaryDirectory("kt-template")
        let path = dir.file("bootstrap.json")
        try BootstrapStack.template.write(toFile: path, atomically: true, encoding: .utf8)
        let lint = try await BuildFixtures.shell("cfn-lint '\(path)' 2>&1")
        #expect(lint.status == 0, "\(lint.output)")
    }
}
