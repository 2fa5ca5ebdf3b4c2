import Foundation
import Testing
@testable import KineticsCore

/// Every call round-trips against a real moto_server that checks signatures.
@Suite("AWS calls against moto with signature checking on", .serialized)
struct MotoIntegrationTests {
    static func unique(_ prefix: String) -> String { "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())" }

    @Test("STS GetCallerIdentity answers for the IAM user")
    func callerIdentity() async throws {
        let moto = try await AuthenticatedMoto.get()
        let identity = try await STSClient(client: moto.client()).getCallerIdentity()
        #expect(identity.arn.hasSuffix("user/kinetics-tests"))
        #expect(!identity.account.isEmpty)
    }

    @Test("a wrong secret key is rejected with SignatureDoesNotMatch and a clear message")
    func wrongSecret() async throws {
        let moto = try await AuthenticatedMoto.get()
        var wrong = moto.credentials
        wrong.secretAccessKey = "not-the-secret-key-at-all-0123456789abcd"
        let error = try await #require(throws: AWSError.self) {
            try await STSClient(client: moto.client(credentials: wrong)).getCallerIdentity()
        }
        #expect(error.serviceCode == "SignatureDoesNotMatch")
        #expect(error.attempts == 1)
        #expect(error.description.contains("secret access key does not match"))
        #expect(error.description.contains(moto.credentials.maskedAccessKeyId))
        #expect(!error.description.contains(wrong.secretAccessKey))
        #expect(!error.description.contains(moto.credentials.accessKeyId))
        let s3Error = try await #require(throws: AWSError.self) {
            try await S3Client(client: moto.client(credentials: wrong)).createBucket(Self.unique("wrong"))
        }
        #expect(s3Error.serviceCode == "SignatureDoesNotMatch")
    }

    @Test("an unknown access key is rejected with a clear message")
    func unknownKey() async throws {
        let moto = try await AuthenticatedMoto.get()
        let stranger = AWSCredentials(accessKeyId: "AKIAUNKNOWNKEY000000", secretAccessKey: "whatever-secret-key")
        let error = try await #require(throws: AWSError.self) {
            try await STSClient(client: moto.client(credentials: stranger)).getCallerIdentity()
        }
        #expect(error.serviceCode == "InvalidClientTokenId")
        #expect(error.description.contains("does not know the access key id"))
    }

    @Test("S3 buckets and objects: create, head, put, get, list with paging, delete")
    func s3Objects() async throws {
        let moto = try await AuthenticatedMoto.get()
        let s3 = S3Client(client: moto.client())
        let bucket = Self.unique("kt-objects")
        #expect(try await s3.bucketExists(bucket) == false)
        try await s3.createBucket(bucket)
        try await s3.createBucket(bucket)
        #expect(try await s3.bucketExists(bucket))
        // moto re-encodes the path it checks signatures over and leaves `+ = & !` and non-ASCII as they are, so
        // keys with those fail its check for every client (botocore's too); these keys exercise what it handles.
        let keys = ["artifacts/api/a b c.zip", "artifacts/api/a~b_c-d.zip", "artifacts/worker/x.y.z.zip", "top.txt"]
        for (index, key) in keys.enumerated() {
            let body = Data("object \(index) \(key)".utf8)
            let etag = try await s3.putObject(
                bucket: bucket, key: key, body: .data(body), contentType: "application/zip",
                contentMD5: Data(Digest.md5(body)).base64EncodedString(), metadata: ["sha256": Digest.sha256(body).hexString])
            #expect(etag == Digest.md5(body).hexString)
        }
        let head = try #require(try await s3.headObject(bucket: bucket, key: keys[1]))
        #expect(head.size == Int64("object 1 \(keys[1])".utf8.count))
        #expect(head.metadata["sha256"] == Digest.sha256(Data("object 1 \(keys[1])".utf8)).hexString)
        #expect(try await s3.headObject(bucket: bucket, key: "missing") == nil)
        let (data, info) = try await s3.getObject(bucket: bucket, key: keys[0])
        #expect(String(decoding: data, as: UTF8.self) == "object 0 \(keys[0])")
        #expect(info.contentType == "application/zip")
        let missing = try await #require(throws: AWSError.self) { try await s3.getObject(bucket: bucket, key: "nope") }
        #expect(missing.serviceCode == "NoSuchKey")
        #expect(missing.isNotFound)

        var listed: [String] = []
        var token: String?
        var pages = 0
        repeat {
            // With signature checks on, moto mis-encodes a `/` in query values for every client; prefixes and
            // delimiters with `/` are tested against the local AWS without authentication.
            let page = try await s3.listObjectsV2(bucket: bucket, prefix: "artifacts", continuationToken: token, maxKeys: 2)
            listed += page.objects.map(\.key)
            token = page.nextContinuationToken
            pages += 1
        } while token != nil
        #expect(pages == 2)
        #expect(listed.sorted() == keys.filter { $0.hasPrefix("artifacts/") }.sorted())

        let deleted = try await s3.deleteObjects(bucket: bucket, keys: keys)
        #expect(deleted.errors.isEmpty)
        #expect(try await s3.listObjectsV2(bucket: bucket).objects.isEmpty)
    }

    @Test("S3 objects stream from a file and back into one")
    func s3Files() async throws {
        let moto = try await AuthenticatedMoto.get()
        let s3 = S3Client(client: moto.client())
        let bucket = Self.unique("kt-files")
        try await s3.createBucket(bucket)
        let path = try CurlTransportTests.temporaryFile(size: 3 << 20)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await s3.putObject(bucket: bucket, key: "blob.bin", body: .file(path: path, offset: 0, length: 3 << 20))
        let out = path + ".out"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let info = try await s3.getObject(bucket: bucket, key: "blob.bin", toFile: out)
        #expect(info.size == 3 << 20)
        #expect(try Digest.digestOfFile(.sha256, path: out) == Digest.digestOfFile(.sha256, path: path))
    }

    @Test("S3 multipart: create, upload parts, list parts and uploads, complete, abort")
    func s3Multipart() async throws {
        let moto = try await AuthenticatedMoto.get()
        let s3 = S3Client(client: moto.client())
        let bucket = Self.unique("kt-multipart")
        try await s3.createBucket(bucket)
        let path = try CurlTransportTests.temporaryFile(size: 11 << 20)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let id = try await s3.createMultipartUpload(bucket: bucket, key: "big.zip", contentType: "application/zip")
        let first = try await s3.uploadPart(bucket: bucket, key: "big.zip", uploadId: id, partNumber: 1, body: .file(path: path, offset: 0, length: 6 << 20))
        let second = try await s3.uploadPart(bucket: bucket, key: "big.zip", uploadId: id, partNumber: 2, body: .file(path: path, offset: 6 << 20, length: 5 << 20))
        let parts = try await s3.listParts(bucket: bucket, key: "big.zip", uploadId: id)
        #expect(parts == [S3Part(partNumber: 1, etag: first, size: 6 << 20), S3Part(partNumber: 2, etag: second, size: 5 << 20)])
        #expect(try await s3.listMultipartUploads(bucket: bucket).map(\.uploadId) == [id])
        let etag = try await s3.completeMultipartUpload(
            bucket: bucket, key: "big.zip", uploadId: id, parts: [.init(partNumber: 2, etag: second), .init(partNumber: 1, etag: first)])
        #expect(etag.hasSuffix("-2"))
        #expect(try await s3.headObject(bucket: bucket, key: "big.zip")?.size == 11 << 20)
        #expect(try await s3.listMultipartUploads(bucket: bucket).isEmpty)

        let abandoned = try await s3.createMultipartUpload(bucket: bucket, key: "gone.zip")
        try await s3.abortMultipartUpload(bucket: bucket, key: "gone.zip", uploadId: abandoned)
        #expect(try await s3.listMultipartUploads(bucket: bucket).isEmpty)
    }

    static let template = #"""
    {
      "AWSTemplateFormatVersion": "2010-09-09",
      "Description": "kinetics test stack",
      "Parameters": {"Env": {"Type": "String", "Default": "dev", "Description": "the stage"}},
      "Resources": {
        "Artifacts": {"Type": "AWS::S3::Bucket"},
        "Secret": {"Type": "AWS::SSM::Parameter", "Properties": {
          "Name": {"Fn::Join": ["", ["/kinetics/", {"Ref": "AWS::StackName"}, "/env"]]}, "Type": "String", "Value": {"Ref": "Env"}}}
      },
      "Outputs": {"BucketName": {"Value": {"Ref": "Artifacts"}, "Description": "where artifacts go"}}
    }
    """#

    @Test("CloudFormation stacks: validate, create, describe, events with paging, resources, template, update, delete")
    func cloudFormationStacks() async throws {
        let moto = try await AuthenticatedMoto.get()
        let cfn = CloudFormationClient(client: moto.client())
        let name = Self.unique("kt-stack")
        let validation = try await cfn.validateTemplate(.body(Self.template))
        #expect(validation.description == "kinetics test stack")
        // moto's ValidateTemplate lists no parameters; the description shows the template was read.
        #expect(try await cfn.describeStack(name: name) == nil)

        let stackId = try await cfn.createStack(.init(
            stackName: name, template: .body(Self.template), parameters: [StackParameter(key: "Env", value: "staging")],
            tags: [StackTag(key: "kinetics:project", value: "demo")]))
        #expect(stackId.contains(name))
        let stack = try #require(try await cfn.describeStack(name: name))
        #expect(stack.status == "CREATE_COMPLETE")
        #expect(stack.output("BucketName")?.isEmpty == false)
        #expect(stack.parameters.first { $0.key == "Env" }?.value == "staging")
        #expect(stack.tags == [StackTag(key: "kinetics:project", value: "demo")])
        #expect(try await cfn.describeStacks().stacks.contains { $0.stackName == name })

        let source: any StackEventSource = cfn
        var events: [StackEvent] = []
        var token: String?
        repeat {
            let page = try await source.describeStackEvents(stackName: name, nextToken: token)
            events += page.events
            token = page.nextToken
        } while token != nil
        #expect(events.contains { $0.isStackEvent && $0.resourceStatus == "CREATE_COMPLETE" })
        #expect(events.contains { $0.isStackEvent && $0.resourceStatus == "CREATE_IN_PROGRESS" })
        #expect(Set(events.map(\.eventId)).count == events.count)
        #expect(events.allSatisfy { $0.timestamp > Date(timeIntervalSince1970: 1_600_000_000) })

        let resources = try await cfn.describeStackResources(stackName: name)
        #expect(Set(resources.map(\.logicalResourceId)) == ["Artifacts", "Secret"])
        #expect(resources.first { $0.logicalResourceId == "Artifacts" }?.resourceType == "AWS::S3::Bucket")
        #expect(try await cfn.getTemplate(stackName: name).contains("kinetics test stack"))

        _ = try await cfn.updateStack(.init(
            stackName: name, template: .body(Self.template), parameters: [StackParameter(key: "Env", value: "prod")]))
        #expect(try await cfn.describeStack(name: name)?.parameters.first?.value == "prod")
        // Nothing is updating any more; CancelUpdateStack is refused with a ValidationError, not a transport problem.
        let cancel = try await #require(throws: AWSError.self) { try await cfn.cancelUpdateStack(name: name) }
        #expect(cancel.code == .service)

        try await cfn.deleteStack(name: name)
        let after = try await cfn.describeStacks(name: stackId).stacks.first
        #expect(after == nil || after?.status == "DELETE_COMPLETE")
    }

    @Test("CloudFormation change sets: create, describe with changes, execute, delete")
    func cloudFormationChangeSets() async throws {
        let moto = try await AuthenticatedMoto.get()
        let cfn = CloudFormationClient(client: moto.client())
        let name = Self.unique("kt-changes")
        let created = try await cfn.createChangeSet(.init(
            stackName: name, changeSetName: "deploy-1", changeSetType: "CREATE", template: .body(Self.template),
            description: "first deploy"))
        #expect(!created.changeSetId.isEmpty)
        let changeSet = try await cfn.describeChangeSetAllPages(name: "deploy-1", stackName: name)
        #expect(changeSet.status == "CREATE_COMPLETE")
        #expect(changeSet.executionStatus == "AVAILABLE")
        #expect(Set(changeSet.changes.map(\.logicalResourceId)) == ["Artifacts", "Secret"])
        #expect(changeSet.changes.allSatisfy { $0.action == "Add" })
        #expect(changeSet.changes.contains { $0.resourceType == "AWS::S3::Bucket" })
        try await cfn.executeChangeSet(name: "deploy-1", stackName: name)
        #expect(try await cfn.describeStack(name: name)?.status == "CREATE_COMPLETE")

        _ = try await cfn.createChangeSet(.init(
            stackName: name, changeSetName: "deploy-2", changeSetType: "UPDATE", template: .body(Self.template),
            parameters: [StackParameter(key: "Env", value: "prod")]))
        try await cfn.deleteChangeSet(name: "deploy-2", stackName: name)
        let gone = try await #require(throws: AWSError.self) { try await cfn.describeChangeSet(name: "deploy-2", stackName: name) }
        #expect(gone.code == .service)
        try await cfn.deleteStack(name: name)
    }

    @Test("SSM SecureString parameters: put, get decrypted, overwrite, delete")
    func ssmParameters() async throws {
        let moto = try await AuthenticatedMoto.get()
        let ssm = SSMClient(client: moto.client())
        let name = "/kinetics/\(Self.unique("app"))/DATABASE_URL"
        #expect(try await ssm.putSecureString(name: name, value: "postgres://u:p@h/db") == 1)
        #expect(try await ssm.putSecureString(name: name, value: "postgres://u:p2@h/db") == 2)
        let parameter = try await ssm.getParameter(name: name)
        #expect(parameter.value == "postgres://u:p2@h/db")
        #expect(parameter.type == "SecureString")
        #expect(!parameter.description.contains("p2@h"))
        try await ssm.deleteParameter(name: name)
        let error = try await #require(throws: AWSError.self) { try await ssm.getParameter(name: name) }
        #expect(error.serviceCode == "ParameterNotFound")
        #expect(error.isNotFound)
    }

    @Test("CloudWatch Logs FilterLogEvents returns the events put into a group")
    func logs() async throws {
        let moto = try await AuthenticatedMoto.get()
        let client = moto.client()
        let group = "/aws/lambda/\(Self.unique("fn"))"
        func call(_ action: String, _ body: [String: Any]) async throws {
            _ = try await client.json(.cloudWatchLogs, targetPrefix: "Logs_20140328", action: action,
                                      body: try JSONSerialization.data(withJSONObject: body), idempotent: false)
        }
        try await call("CreateLogGroup", ["logGroupName": group])
        try await call("CreateLogStream", ["logGroupName": group, "logStreamName": "s1"])
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        try await call("PutLogEvents", ["logGroupName": group, "logStreamName": "s1", "logEvents": [
            ["timestamp": now - 2000, "message": "START request"], ["timestamp": now - 1000, "message": "ERROR boom"],
        ]])
        let logs = CloudWatchLogsClient(client: client)
        let all = try await logs.filterLogEvents(logGroupName: group, start: Date(timeIntervalSinceNow: -60))
        #expect(all.events.map(\.message) == ["START request", "ERROR boom"])
        #expect(all.events.first?.logStreamName == "s1")
        let errors = try await logs.filterLogEvents(logGroupName: group, filterPattern: "ERROR")
        #expect(errors.events.map(\.message) == ["ERROR boom"])
    }
}
