import Foundation
import Testing
@testable import KineticsCore

/// Uploads against a real moto_server with signature checking on, each test into a bucket of its own.
@Suite("Artifacts go up once: HeadObject first, PutObject or parallel parts, and interrupted uploads resume", .serialized)
struct ArtifactUploaderTests {
    static func bucket(_ transport: RecordingTransport? = nil) async throws -> (S3Client, ArtifactBucket) {
        let moto = try await AuthenticatedMoto.get()
        let s3 = S3Client(client: moto.client(transport: transport))
        let name = "kt-artifacts-\(UUID().uuidString.prefix(8).lowercased())"
        try await s3.createBucket(name)
        return (s3, ArtifactBucket(name: name, region: "us-east-1", stackName: "kinetics-bootstrap-us-east-1", endpoint: moto.server.endpointURL))
    }

    static func s3(_ transport: RecordingTransport) async throws -> S3Client {
        S3Client(client: try await AuthenticatedMoto.get().client(transport: transport))
    }

    /// A zip-named file of `size` pseudo-random bytes, as the packager would leave it.
    static func artifact(_ function: String, size: Int, seed: UInt8, in dir: TemporaryDirectory) throws -> PackagedArtifact {
        let source = try CurlTransportTests.temporaryFile(size: size, seed: seed)
        let path = dir.file("\(function).zip")
        try FileManager.default.moveItem(atPath: source, toPath: path)
        return PackagedArtifact(
            functionName: function, zipPath: path, size: Int64(size), sha256: try FileDigestCache.hashFile(path), bootstrapSize: Int64(size))
    }

    static func collect(_ stream: AsyncThrowingStream<UploadEvent, any Error>) async throws -> (events: [UploadEvent], summary: UploadSummary) {
        var events: [UploadEvent] = []
        for try await event in stream { events.append(event) }
        guard case .finished(let summary) = events.last else { throw MissingField(description: "the stream did not end with finished") }
        return (events, summary)
    }

    @Test("six small artifacts: PutObject each, at most three at once, recorded in the cache; a second run only asks HeadObject")
    func smallArtifacts() async throws {
        let dir = try TemporaryDirectory("kt-upload")
        let cache = try LocalCache.open(path: dir.file("cache.sqlite")).cache
        let artifacts = try (1...6).map { try Self.artifact("Fn\($0)", size: 150_000 + $0, seed: UInt8($0), in: dir) }
        let recorder = RecordingTransport(putDelay: .milliseconds(150))
        let (s3, bucket) = try await Self.bucket(recorder)
        let first = try await Self.collect(ArtifactUploader(s3: s3, bucket: bucket, cache: cache).upload(artifacts))
        #expect(first.summary.succeeded)
        #expect(first.summary.uploaded == artifacts.map(\.functionName))
        #expect(first.summary.bytesSent == artifacts.reduce(0) { $0 + $1.size })
        #expect(recorder.count("PutObject") == 6)
        #expect(recorder.count("HeadObject") == 6)
        #expect(recorder.peakUploads <= 3)
        #expect(recorder.peakUploads >= 2, "functions should go up side by side")
        for artifact in artifacts {
            #expect(try await s3.headObject(bucket: bucket.name, key: artifact.s3Key)?.size == artifact.size)
            let record = try #require(try cache.artifact(sha256: artifact.sha256, bucket: bucket.name, endpoint: bucket.endpoint))
            #expect(record.key == artifact.s3Key && record.functionName == artifact.functionName)
        }
        let uploaded = first.events.compactMap { event -> UploadResult? in
            if case .uploaded(_, let result) = event { return result }
            return nil
        }
        #expect(uploaded.count == 6)
        #expect(uploaded.allSatisfy { $0.bytesPerSecond > 0 && $0.uploadId == nil })
        #expect(first.events.contains { if case .bytesSent(let p) = $0 { p.bytesSent == p.totalBytes } else { false } })

        let again = RecordingTransport()
        let second = try await Self.collect(ArtifactUploader(s3: try await Self.s3(again), bucket: bucket, cache: cache).upload(artifacts))
        #expect(second.summary.nothingChanged)
        #expect(second.summary.alreadyUploaded == artifacts.map(\.functionName))
        #expect(Set(again.operations) == ["HeadObject"])
        #expect(again.count("HeadObject") == 6)
        #expect(UploadEventFormatter(.plain).lines(for: .finished(second.summary)).first?.hasPrefix("[done] nothing to build or upload: 6 functions unchanged") == true)
    }

    @Test("an object at the key with another size is not trusted: it is uploaded again")
    func differentSize() async throws {
        let dir = try TemporaryDirectory("kt-upload")
        let artifact = try Self.artifact("Api", size: 40_000, seed: 4, in: dir)
        let (s3, bucket) = try await Self.bucket()
        try await s3.putObject(bucket: bucket.name, key: artifact.s3Key, body: .data(Data("truncated".utf8)))
        let recorder = RecordingTransport()
        let run = try await Self.collect(ArtifactUploader(s3: try await Self.s3(recorder), bucket: bucket).upload([artifact]))
        #expect(run.summary.uploaded == ["Api"])
        #expect(recorder.operations == ["HeadObject", "PutObject"])
        #expect(try await s3.headObject(bucket: bucket.name, key: artifact.s3Key)?.size == artifact.size)
    }

    @Test("a multipart upload cut off after two parts resumes from the cache's upload id and sends only the missing parts")
    func resumeInterrupted() async throws {
        let dir = try TemporaryDirectory("kt-upload")
        let cache = try LocalCache.open(path: dir.file("cache.sqlite")).cache
        let size = 27 << 20 + 4_321
        let artifact = try Self.artifact("Big", size: size, seed: 11, in: dir)
        let configuration = ArtifactUploader.Configuration(multipartThreshold: 8 << 20, partSize: 5 << 20, partConcurrency: 2)
        let partsTotal = S3FileUploader.plan(fileSize: Int64(size), partSize: 5 << 20).count
        #expect(partsTotal == 6)

        let cut = RecordingTransport(passUploadParts: 2)
        let (_, bucket) = try await Self.bucket()
        let interrupted = try await Self.collect(
            ArtifactUploader(s3: try await Self.s3(cut), bucket: bucket, cache: cache, configuration: configuration).upload([artifact]))
        #expect(!interrupted.summary.succeeded)
        let message = try #require(interrupted.summary.failed["Big"])
        #expect(message.contains("run again to resume upload"))
        #expect(cut.count("CompleteMultipartUpload") == 0)

        let record = try #require(try cache.multipartUpload(bucket: bucket.name, key: artifact.s3Key, endpoint: bucket.endpoint))
        #expect(record.sha256 == artifact.sha256)
        #expect(record.partSize == 5 << 20)
        let s3 = try await Self.s3(RecordingTransport())
        let onS3 = try await s3.listParts(bucket: bucket.name, key: artifact.s3Key, uploadId: record.uploadId)
        #expect(onS3.count >= 1 && onS3.count <= 2, "two parts went through, the rest were cut off")
        #expect(record.parts.count <= onS3.count)

        let resumed = RecordingTransport()
        let run = try await Self.collect(
            ArtifactUploader(s3: try await Self.s3(resumed), bucket: bucket, cache: cache, configuration: configuration).upload([artifact]))
        #expect(run.summary.succeeded)
        #expect(resumed.count("CreateMultipartUpload") == 0)
        #expect(resumed.count("ListParts") == 1)
        #expect(resumed.count("UploadPart") == partsTotal - onS3.count, "only the missing parts are sent")
        let result = try #require(run.events.compactMap { event -> UploadResult? in
            if case .uploaded(_, let result) = event { return result }
            return nil
        }.first)
        #expect(result.uploadId == record.uploadId)
        #expect(result.partsReused == onS3.count)
        #expect(result.partsSent == partsTotal - onS3.count)
        #expect(result.bytesSent < Int64(size))
        #expect(run.events.contains(.uploadStarted(artifact, multipart: true, resuming: record.uploadId)))
        #expect(try cache.multipartUpload(bucket: bucket.name, key: artifact.s3Key, endpoint: bucket.endpoint) == nil)

        let back = dir.file("back.zip")
        try await s3.getObject(bucket: bucket.name, key: artifact.s3Key, toFile: back)
        #expect(try FileDigestCache.hashFile(back) == artifact.sha256)
    }

    @Test("an upload id S3 no longer knows (aborted) is not fatal: the upload starts afresh")
    func lostUploadId() async throws {
        let dir = try TemporaryDirectory("kt-upload")
        let cache = try LocalCache.open(path: dir.file("cache.sqlite")).cache
        let size = 11 << 20
        let artifact = try Self.artifact("Big", size: size, seed: 5, in: dir)
        let configuration = ArtifactUploader.Configuration(multipartThreshold: 8 << 20, partSize: 5 << 20)
        let (s3, bucket) = try await Self.bucket()
        let abandoned = try await s3.createMultipartUpload(bucket: bucket.name, key: artifact.s3Key)
        try await s3.abortMultipartUpload(bucket: bucket.name, key: artifact.s3Key, uploadId: abandoned)
        try cache.beginMultipartUpload(MultipartUploadRecord(
            endpoint: bucket.endpoint, bucket: bucket.name, key: artifact.s3Key, uploadId: abandoned, sha256: artifact.sha256,
            totalSize: Int64(size), partSize: 5 << 20))

        let recorder = RecordingTransport()
        let run = try await Self.collect(
            ArtifactUploader(s3: try await Self.s3(recorder), bucket: bucket, cache: cache, configuration: configuration).upload([artifact]))
        #expect(run.summary.succeeded, "\(run.summary.failed)")
        #expect(run.events.contains { if case .resumeAbandoned(_, let id, _) = $0 { id == abandoned } else { false } })
        #expect(recorder.count("CreateMultipartUpload") == 1)
        #expect(recorder.count("UploadPart") == 3)
        #expect(try await s3.headObject(bucket: bucket.name, key: artifact.s3Key)?.size == Int64(size))
    }

    @Test("a zip that is gone and a bucket that does not exist fail their function with what to do; the others still go up")
    func failures() async throws {
        let dir = try TemporaryDirectory("kt-upload")
        let good = try Self.artifact("Good", size: 1_000, seed: 1, in: dir)
        var gone = try Self.artifact("Gone", size: 1_000, seed: 2, in: dir)
        try FileManager.default.removeItem(atPath: gone.zipPath)
        gone.zipPath = dir.file("Gone.zip")
        let (s3, bucket) = try await Self.bucket()
        let run = try await Self.collect(ArtifactUploader(s3: s3, bucket: bucket).upload([good, gone]))
        #expect(run.summary.uploaded == ["Good"])
        #expect(run.summary.failed["Gone"]?.contains("run the build again") == true)

        var missing = bucket
        missing.name = "kt-no-such-bucket-\(UUID().uuidString.prefix(6).lowercased())"
        let lost = try await Self.collect(ArtifactUploader(s3: s3, bucket: missing).upload([good]))
        let message = try #require(lost.summary.failed["Good"])
        #expect(message.contains("NoSuchBucket") || message.contains("does not exist"), "\(message)")
    }

    @Test("a dead endpoint fails every function with 'cannot reach' and the hint to start the local AWS")
    func deadEndpoint() async throws {
        let dir = try TemporaryDirectory("kt-upload")
        let artifact = try Self.artifact("Api", size: 1_000, seed: 3, in: dir)
        let port = try LoopbackListener.closedPort()
        let client = AWSClient(configuration: AWSConfiguration(
            credentials: LocalAWSServer.dummyCredentials, region: "us-east-1", endpoint: AWSEndpoint(url: "http://127.0.0.1:\(port)"), maxAttempts: 2))
        let bucket = ArtifactBucket(name: "kt-any", region: "us-east-1", stackName: "kinetics-bootstrap-us-east-1", endpoint: "http://127.0.0.1:\(port)")
        let run = try await Self.collect(ArtifactUploader(s3: S3Client(client: client), bucket: bucket).upload([artifact]))
        let message = try #require(run.summary.failed["Api"])
        #expect(message.contains("Cannot reach http://127.0.0.1:\(port)"))
        #expect(message.contains("kinetics-tui local start"))
    }
}
