import Foundation

/// The first half of a deploy: build and package (``ArtifactPipeline``), then every artifact into the bucket
/// (``ArtifactUploader``), as one stream of ``UploadEvent``s.
///
/// The bootstrap stack is looked up (or created) while cargo builds, so a first run does not wait for it twice.
/// Functions that built are uploaded even when others failed; the summary says both.
public struct UploadPipeline: Sendable {
    public var artifacts: ArtifactPipeline
    public var client: AWSClient
    public var cache: LocalCache?
    public var uploader: ArtifactUploader.Configuration
    public var pollPolicy: PollPolicy

    public init(
        artifacts: ArtifactPipeline = ArtifactPipeline(), client: AWSClient, cache: LocalCache? = nil,
        uploader: ArtifactUploader.Configuration = ArtifactUploader.Configuration(), pollPolicy: PollPolicy = .default
    ) {
        self.artifacts = artifacts
        self.client = client
        self.cache = cache
        self.uploader = uploader
        self.pollPolicy = pollPolicy
    }

    /// Builds, packages and uploads; the stream ends with `.finished`. It throws only what stops the build stage
    /// itself (``BuildError``); a missing bucket or a failed upload is in the summary.
    public func run(_ request: ArtifactRequest) -> AsyncThrowingStream<UploadEvent, any Error> {
        .emitting { emit in emit(.finished(try await execute(request, emit: emit))) }
    }

    private func execute(_ request: ArtifactRequest, emit: @escaping @Sendable (UploadEvent) -> Void) async throws -> UploadSummary {
        let started = ContinuousClock.now
        let cloudFormation = CloudFormationClient(client: client)
        let s3 = S3Client(client: client)
        let bucketTask = Task { [cache, pollPolicy] () async throws -> ArtifactBucket in
            let begun = ContinuousClock.now
            let (bucket, origin) = try await ArtifactBucket.ensure(
                cloudFormation: cloudFormation, s3: s3, cache: cache, policy: pollPolicy, onProgress: { emit(.bootstrap($0)) })
            emit(.bucketReady(bucket, origin: origin, seconds: (ContinuousClock.now - begun) / .seconds(1)))
            return bucket
        }
        var build: ArtifactSummary?
        do {
            for try await event in artifacts.run(request) {
                if case .finished(let summary) = event { build = summary }
                emit(.artifact(event))
            }
        } catch {
            bucketTask.cancel()
            throw error
        }
        guard let build else { throw CancellationError() }
        let bucket: ArtifactBucket
        do {
            bucket = try await withTaskCancellationHandler { try await bucketTask.value } onCancel: { bucketTask.cancel() }
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            return UploadSummary(
                failed: Dictionary(uniqueKeysWithValues: build.artifacts.map { ($0.functionName, "no artifact bucket") }),
                seconds: (ContinuousClock.now - started) / .seconds(1), build: build, error: "\(error)")
        }
        var summary = await ArtifactUploader(s3: s3, bucket: bucket, cache: cache, configuration: uploader).run(build.artifacts, emit: emit)
        summary.build = build
        summary.seconds = (ContinuousClock.now - started) / .seconds(1)
        return summary
    }
}
