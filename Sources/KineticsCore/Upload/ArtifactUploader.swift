import Foundation

/// Puts packaged artifacts into the artifact bucket, sending only what is not there yet.
///
/// For each artifact, at most `functionConcurrency` at once:
/// 1. HeadObject: an object at the content-addressed key with the same size is the same zip — skipped, never
///    uploaded again.
/// 2. Otherwise `S3FileUploader`: PutObject below the multipart threshold, else parallel parts. The client retries
///    each request (throttling, 5xx, dropped connections) with backoff.
/// 3. A multipart upload is recorded in the cache as it goes (its id as soon as S3 gives it, each part as it is
///    stored); the next run continues it through ListParts and sends only the parts S3 does not have. An upload id
///    S3 no longer knows (aborted, expired) is forgotten and the upload starts afresh.
/// 4. The artifact is recorded in the cache.
public struct ArtifactUploader: Sendable {
    public struct Configuration: Sendable, Hashable {
        /// Artifacts uploaded at once.
        public var functionConcurrency: Int
        public var multipartThreshold: Int64
        public var partSize: Int64
        /// Parts of one artifact in flight at once.
        public var partConcurrency: Int
        /// Least time between two `bytesSent` events of one function.
        public var progressInterval: Duration

        public init(
            functionConcurrency: Int = 3, multipartThreshold: Int64 = 16 << 20, partSize: Int64 = 8 << 20, partConcurrency: Int = 4,
            progressInterval: Duration = .milliseconds(250)
        ) {
            self.functionConcurrency = functionConcurrency
            self.multipartThreshold = multipartThreshold
            self.partSize = partSize
            self.partConcurrency = partConcurrency
            self.progressInterval = progressInterval
        }
    }

    public let s3: S3Client
    public let bucket: ArtifactBucket
    public let cache: LocalCache?
    public let configuration: Configuration

    public init(s3: S3Client, bucket: ArtifactBucket, cache: LocalCache? = nil, configuration: Configuration = Configuration()) {
        self.s3 = s3
        self.bucket = bucket
        self.cache = cache
        self.configuration = configuration
    }

    /// Uploads `artifacts`; the stream ends with `.finished`. Per-function failures are `.uploadFailed` events, not
    /// errors; cancelling the consumer stops the transfers (a multipart upload stays resumable).
    public func upload(_ artifacts: [PackagedArtifact]) -> AsyncThrowingStream<UploadEvent, any Error> {
        .emitting { emit in emit(.finished(await run(artifacts, emit: emit))) }
    }

    /// Uploads `artifacts`, handing each event but the last to `emit`; returns the summary.
    public func run(_ artifacts: [PackagedArtifact], emit: @escaping @Sendable (UploadEvent) -> Void) async -> UploadSummary {
        let started = ContinuousClock.now
        var summary = UploadSummary(bucket: bucket)
        await withTaskGroup(of: (PackagedArtifact, Outcome).self) { group in
            var next = artifacts.makeIterator()
            func launch() -> Bool {
                guard let artifact = next.next() else { return false }
                group.addTask { (artifact, await self.upload(artifact, emit: emit)) }
                return true
            }
            for _ in 0..<max(1, configuration.functionConcurrency) {
                guard launch() else { break }
            }
            while let (artifact, outcome) = await group.next() {
                switch outcome {
                case .alreadyThere:
                    summary.alreadyUploaded.append(artifact.functionName)
                case .uploaded(let result):
                    summary.uploaded.append(artifact.functionName)
                    summary.bytesSent += result.bytesSent
                case .failed(let message):
                    summary.failed[artifact.functionName] = message
                }
                _ = launch()
            }
        }
        summary.uploaded.sort()
        summary.alreadyUploaded.sort()
        summary.seconds = (ContinuousClock.now - started) / .seconds(1)
        return summary
    }

    // MARK: - One artifact

    private enum Outcome: Sendable {
        case alreadyThere
        case uploaded(UploadResult)
        case failed(String)
    }

    private func upload(_ artifact: PackagedArtifact, emit: @escaping @Sendable (UploadEvent) -> Void) async -> Outcome {
        let function = artifact.functionName
        do {
            try Task.checkCancellation()
            guard FileManager.default.fileExists(atPath: artifact.zipPath) else {
                throw UploadError(
                    .artifactMissing, "The zip of \(function) is gone (\(artifact.zipPath)); run the build again.", context: function)
            }
            if let found = try await s3.headObject(bucket: bucket.name, key: artifact.s3Key), found.size == artifact.size {
                record(artifact)
                emit(.alreadyUploaded(artifact))
                return .alreadyThere
            }
            let result = try await send(artifact, emit: emit)
            record(artifact)
            emit(.uploaded(artifact, result))
            return .uploaded(result)
        } catch let error as UploadError {
            emit(.uploadFailed(function: function, message: error.message))
            return .failed(error.message)
        } catch let error as AWSError {
            let message = UploadError.from(error, endpoint: s3.client.configuration.endpoint(for: .s3).url, context: function).message
            emit(.uploadFailed(function: function, message: message))
            return .failed(message)
        } catch is CancellationError {
            let message = "Stopped before \(function) was uploaded; run again to continue."
            emit(.uploadFailed(function: function, message: message))
            return .failed(message)
        } catch {
            emit(.uploadFailed(function: function, message: "\(error)"))
            return .failed("\(error)")
        }
    }

    /// Sends the artifact, continuing a recorded multipart upload when there is one.
    private func send(_ artifact: PackagedArtifact, emit: @escaping @Sendable (UploadEvent) -> Void) async throws -> UploadResult {
        let multipart = artifact.size >= configuration.multipartThreshold
        var resume: String?
        if multipart, let record = try? cache?.multipartUpload(bucket: bucket.name, key: artifact.s3Key, endpoint: bucket.endpoint) {
            if record.sha256 == artifact.sha256, record.totalSize == artifact.size {
                resume = record.uploadId
            } else {
                forgetMultipart(artifact)
            }
        }
        do {
            return try await send(artifact, multipart: multipart, resume: resume, emit: emit)
        } catch let error as AWSError where resume != nil && error.serviceCode == "NoSuchUpload" {
            forgetMultipart(artifact)
            emit(.resumeAbandoned(
                function: artifact.functionName, uploadId: resume ?? "", reason: "S3 no longer has it (aborted or expired)"))
            return try await send(artifact, multipart: multipart, resume: nil, emit: emit)
        }
    }

    private func send(
        _ artifact: PackagedArtifact, multipart: Bool, resume: String?, emit: @escaping @Sendable (UploadEvent) -> Void
    ) async throws -> UploadResult {
        let function = artifact.functionName
        emit(.uploadStarted(artifact, multipart: multipart, resuming: resume))
        let uploader = S3FileUploader(s3: s3, configuration: S3FileUploader.Configuration(
            multipartThreshold: configuration.multipartThreshold, partSize: configuration.partSize,
            concurrency: configuration.partConcurrency, contentType: "application/zip"))
        let throttle = ProgressThrottle(interval: configuration.progressInterval)
        let record = Locked<MultipartUploadRecord?>(nil)
        let result = try await uploader.upload(
            file: artifact.zipPath, bucket: bucket.name, key: artifact.s3Key, resumeUploadId: resume,
            progress: { p in
                guard throttle.shouldEmit(done: p.bytesSent == p.totalBytes) else { return }
                emit(.bytesSent(UploadProgress(
                    function: function, bytesSent: p.bytesSent, totalBytes: p.totalBytes, bytesPerSecond: p.bytesPerSecond,
                    partsDone: p.partsDone, partsTotal: p.partsTotal)))
            },
            onMultipart: { step in
                switch step {
                case .started(let uploadId, let partSize, let partsTotal, let partsReused):
                    let started = MultipartUploadRecord(
                        endpoint: bucket.endpoint, bucket: bucket.name, key: artifact.s3Key, uploadId: uploadId, sha256: artifact.sha256,
                        totalSize: artifact.size, partSize: partSize)
                    record.withLock { $0 = started }
                    if uploadId != resume { try? cache?.beginMultipartUpload(started) }
                    emit(.multipartStarted(function: function, uploadId: uploadId, partsTotal: partsTotal, partsReused: partsReused))
                case .partUploaded(let part, let size):
                    if let upload = record.withLock({ $0 }) {
                        try? cache?.recordMultipartPart(.init(number: part.partNumber, etag: part.etag, size: size), of: upload)
                    }
                }
            })
        if result.uploadId != nil { forgetMultipart(artifact) }
        let seconds = result.elapsed / .seconds(1)
        let partSize = result.uploadId == nil ? result.size : S3FileUploader.partSize(fileSize: result.size, preferred: configuration.partSize)
        let reusedBytes = min(result.size, Int64(result.partsReused) * partSize)
        let sent = result.size - reusedBytes
        return UploadResult(
            bucket: bucket.name, key: artifact.s3Key, etag: result.etag, seconds: seconds,
            bytesPerSecond: seconds > 0 ? Double(sent) / seconds : 0, bytesSent: sent, uploadId: result.uploadId,
            partsSent: result.partsUploaded, partsReused: result.partsReused)
    }

    // MARK: - Cache

    private func record(_ artifact: PackagedArtifact) {
        try? cache?.recordArtifact(ArtifactRecord(
            sha256: artifact.sha256, bucket: bucket.name, key: artifact.s3Key, size: artifact.size, functionName: artifact.functionName,
            region: bucket.region, endpoint: bucket.endpoint))
    }

    private func forgetMultipart(_ artifact: PackagedArtifact) {
        try? cache?.finishMultipartUpload(bucket: bucket.name, key: artifact.s3Key, endpoint: bucket.endpoint)
    }
}

/// Lets a progress report through at most once per interval, and the first complete one (only once).
private final class ProgressThrottle: Sendable {
    private struct State {
        var last: ContinuousClock.Instant?
        var doneSent = false
    }

    private let interval: Duration
    private let state = Locked(State())

    init(interval: Duration) {
        self.interval = interval
    }

    func shouldEmit(done: Bool) -> Bool {
        let now = ContinuousClock.now
        return state.withLock { state in
            if state.doneSent { return false }
            if done {
                state.doneSent = true
            } else if let previous = state.last, now - previous < interval {
                return false
            }
            state.last = now
            return true
        }
    }
}
