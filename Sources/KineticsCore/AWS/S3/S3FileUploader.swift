import Foundation

/// Uploads a file from disk to S3 by streaming it: `PutObject` below a threshold, a multipart upload with parallel
/// parts above it.
///
/// - Nothing is read into memory whole: each part is a range of the file that curl reads as it sends.
/// - Each part is retried on its own (by the client's retry strategy); one part failing does not resend the others.
/// - A failed multipart upload is left in place so it can be resumed: pass its id (the error's `uploadId`, or
///   `findResumableUpload`) and only the parts S3 does not already have, at the same size, are sent.
/// - Progress reports bytes sent, the total, and throughput, at every change.
/// - With `verifyChecksums`, every request carries a `Content-MD5` that S3 checks, and every part's returned ETag is
///   compared with the MD5 of its bytes.
public struct S3FileUploader: Sendable {
    public struct Configuration: Sendable, Hashable {
        /// Files at least this large go multipart.
        public var multipartThreshold: Int64
        /// The size of each part but the last (at least 5 MiB, S3's minimum); grown when the file would need more
        /// than 10,000 parts.
        public var partSize: Int64
        /// How many parts are in flight at once.
        public var concurrency: Int
        public var verifyChecksums: Bool
        public var contentType: String?

        public init(
            multipartThreshold: Int64 = 16 << 20, partSize: Int64 = 8 << 20, concurrency: Int = 8, verifyChecksums: Bool = false,
            contentType: String? = nil
        ) {
            self.multipartThreshold = multipartThreshold
            self.partSize = partSize
            self.concurrency = concurrency
            self.verifyChecksums = verifyChecksums
            self.contentType = contentType
        }
    }

    public struct Progress: Sendable, Hashable {
        /// Bytes on S3 or on the wire so far, counting parts found already uploaded.
        public var bytesSent: Int64
        public var totalBytes: Int64
        /// Bytes sent by this call per second since it began (reused parts excluded).
        public var bytesPerSecond: Double
        public var partsDone: Int
        public var partsTotal: Int
    }

    public struct Result: Sendable, Hashable {
        public var bucket: String
        public var key: String
        public var etag: String
        public var size: Int64
        /// The multipart upload's id, `nil` for a single `PutObject`.
        public var uploadId: String?
        public var partsUploaded: Int
        /// Parts found on S3 from an interrupted upload and not sent again.
        public var partsReused: Int
        public var elapsed: Duration
    }

    /// What a multipart upload did, as it happens, so a caller can record it and resume after a crash.
    public enum MultipartStep: Sendable, Hashable {
        /// The upload exists on S3 (created now, or resumed), with this part size; `partsReused` were already there.
        case started(uploadId: String, partSize: Int64, partsTotal: Int, partsReused: Int)
        /// A part is on S3.
        case partUploaded(S3CompletedPart, size: Int64)
    }

    public let s3: S3Client
    public let configuration: Configuration

    public init(s3: S3Client, configuration: Configuration = Configuration()) {
        self.s3 = s3
        self.configuration = configuration
    }

    /// The newest unfinished multipart upload of `key`, if any.
    public func findResumableUpload(bucket: String, key: String) async throws -> String? {
        try await s3.listMultipartUploads(bucket: bucket, prefix: key)
            .filter { $0.key == key }
            .max { ($0.initiated ?? .distantPast) < ($1.initiated ?? .distantPast) }?
            .uploadId
    }

    /// Uploads `path` to `s3://bucket/key`; with `resumeUploadId`, continues that multipart upload.
    ///
    /// `onMultipart` hears of the upload id as soon as S3 gives it and of every part as soon as it is stored.
    public func upload(
        file path: String, bucket: String, key: String, resumeUploadId: String? = nil,
        progress: (@Sendable (Progress) -> Void)? = nil,
        onMultipart: (@Sendable (MultipartStep) -> Void)? = nil
    ) async throws -> Result {
        let started = ContinuousClock.now
        let size = try Self.fileSize(path)
        if size < configuration.multipartThreshold && resumeUploadId == nil {
            let tracker = ProgressTracker(total: size, partsTotal: 1, started: started, report: progress)
            let md5 = configuration.verifyChecksums ? try md5Base64(path: path, offset: 0, length: size) : nil
            let etag = try await context(path: path, bucket: bucket, key: key, uploadId: nil, part: nil) {
                try await s3.putObject(
                    bucket: bucket, key: key, body: .file(path: path, offset: 0, length: size), contentType: configuration.contentType,
                    contentMD5: md5, progress: { tracker.update(part: 1, sent: $0.bytesSent) })
            }
            tracker.finish(part: 1, size: size)
            return Result(bucket: bucket, key: key, etag: etag, size: size, uploadId: nil, partsUploaded: 1, partsReused: 0,
                          elapsed: ContinuousClock.now - started)
        }

        let partSize = Self.partSize(fileSize: size, preferred: configuration.partSize)
        let plan = Self.plan(fileSize: size, partSize: partSize)
        var existing: [Int: S3Part] = [:]
        let uploadId: String
        if let resumeUploadId {
            uploadId = resumeUploadId
            for part in try await context(path: path, bucket: bucket, key: key, uploadId: uploadId, part: nil, {
                try await s3.listParts(bucket: bucket, key: key, uploadId: resumeUploadId)
            }) {
                existing[part.partNumber] = part
            }
        } else {
            uploadId = try await context(path: path, bucket: bucket, key: key, uploadId: nil, part: nil) {
                try await s3.createMultipartUpload(bucket: bucket, key: key, contentType: configuration.contentType)
            }
        }

        var completed: [S3CompletedPart] = []
        var todo: [(number: Int, offset: Int64, length: Int64)] = []
        for part in plan {
            if let found = existing[part.number], found.size == part.length,
               try !configuration.verifyChecksums || found.etag == md5Hex(path: path, offset: part.offset, length: part.length) {
                completed.append(S3CompletedPart(partNumber: part.number, etag: found.etag))
            } else {
                todo.append(part)
            }
        }
        let reused = completed.count
        onMultipart?(.started(uploadId: uploadId, partSize: partSize, partsTotal: plan.count, partsReused: reused))
        let tracker = ProgressTracker(total: size, partsTotal: plan.count, started: started, report: progress)
        tracker.reuse(bytes: plan.filter { p in completed.contains { $0.partNumber == p.number } }.reduce(0) { $0 + $1.length },
                      parts: reused)

        let uploaded = try await withThrowingTaskGroup(of: S3CompletedPart.self, returning: [S3CompletedPart].self) { group in
            var results: [S3CompletedPart] = []
            var next = todo.makeIterator()
            func launch() throws -> Bool {
                guard let part = next.next() else { return false }
                let md5: (base64: String, hex: String)? = try configuration.verifyChecksums
                    ? {
                        let digest = try Digest.digestOfFile(.md5, path: path, offset: part.offset, length: part.length)
                        return (Data(digest).base64EncodedString(), digest.hexString)
                    }() : nil
                group.addTask {
                    let etag = try await context(path: path, bucket: bucket, key: key, uploadId: uploadId, part: (part.number, plan.count)) {
                        try await s3.uploadPart(
                            bucket: bucket, key: key, uploadId: uploadId, partNumber: part.number,
                            body: .file(path: path, offset: part.offset, length: part.length), contentMD5: md5?.base64,
                            progress: { tracker.update(part: part.number, sent: $0.bytesSent) })
                    }
                    if let md5, etag.lowercased() != md5.hex {
                        throw AWSError(
                            code: .invalidResponse,
                            summary: "S3 stored part \(part.number) of \(key) with ETag \(etag), not the MD5 of its bytes (\(md5.hex)) (multipart upload \(uploadId))",
                            advice: "The bytes changed on the way; upload again.", service: "S3", operation: "UploadPart")
                    }
                    tracker.finish(part: part.number, size: part.length)
                    let done = S3CompletedPart(partNumber: part.number, etag: etag)
                    onMultipart?(.partUploaded(done, size: part.length))
                    return done
                }
                return true
            }
            for _ in 0..<max(1, configuration.concurrency) {
                guard try launch() else { break }
            }
            while let part = try await group.next() {
                results.append(part)
                _ = try launch()
            }
            return results
        }

        let etag = try await context(path: path, bucket: bucket, key: key, uploadId: uploadId, part: nil) {
            try await s3.completeMultipartUpload(bucket: bucket, key: key, uploadId: uploadId, parts: completed + uploaded)
        }
        return Result(bucket: bucket, key: key, etag: etag, size: size, uploadId: uploadId, partsUploaded: uploaded.count,
                      partsReused: reused, elapsed: ContinuousClock.now - started)
    }

    // MARK: - Planning

    /// The part size for a file: the preferred one, at least 5 MiB, grown so there are at most 10,000 parts.
    public static func partSize(fileSize: Int64, preferred: Int64) -> Int64 {
        let minimum: Int64 = 5 << 20
        let forLimit = (fileSize + 9_999) / 10_000
        return max(preferred, minimum, forLimit)
    }

    /// Part numbers from 1 with their byte ranges; an empty file is one empty part.
    public static func plan(fileSize: Int64, partSize: Int64) -> [(number: Int, offset: Int64, length: Int64)] {
        guard fileSize > 0 else { return [(1, 0, 0)] }
        var parts: [(number: Int, offset: Int64, length: Int64)] = []
        var offset: Int64 = 0
        while offset < fileSize {
            let length = min(partSize, fileSize - offset)
            parts.append((parts.count + 1, offset, length))
            offset += length
        }
        return parts
    }

    // MARK: - Internals

    private static func fileSize(_ path: String) throws -> Int64 {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw AWSError(code: .fileUnreadable, summary: "\(path) is not a readable file", advice: "Check that it exists.")
        }
        return Int64(info.st_size)
    }

    private func md5Base64(path: String, offset: Int64, length: Int64) throws -> String {
        Data(try Digest.digestOfFile(.md5, path: path, offset: offset, length: length)).base64EncodedString()
    }

    private func md5Hex(path: String, offset: Int64, length: Int64) throws -> String {
        try Digest.digestOfFile(.md5, path: path, offset: offset, length: length).hexString
    }

    /// Runs `body`, prefixing any `AWSError` with which file, object, upload and part it was about.
    private func context<T: Sendable>(
        path: String, bucket: String, key: String, uploadId: String?, part: (Int, Int)?, _ body: () async throws -> T
    ) async throws -> T {
        do {
            return try await body()
        } catch var error as AWSError {
            var location = "Uploading \(path) to s3://\(bucket)/\(key)"
            if let uploadId { location += " (multipart upload \(uploadId)" + (part.map { ", part \($0.0) of \($0.1)" } ?? "") + ")" }
            error.summary = "\(location): \(error.summary)"
            if let uploadId, error.code != .service
                || RetryStrategy.classify(status: error.httpStatus ?? 0, code: error.serviceCode) != .notRetryable {
                error.advice = (error.advice + " The parts already sent are kept; run again to resume upload \(uploadId).")
                    .trimmingCharacters(in: .whitespaces)
            }
            throw error
        }
    }
}

/// Adds up bytes sent across parts in flight and reports them.
private final class ProgressTracker: Sendable {
    private struct State {
        var done: Int64 = 0
        var reused: Int64 = 0
        var partsDone = 0
        var inFlight: [Int: Int64] = [:]
    }

    private let total: Int64
    private let partsTotal: Int
    private let started: ContinuousClock.Instant
    private let report: (@Sendable (S3FileUploader.Progress) -> Void)?
    private let state = Locked(State())

    init(total: Int64, partsTotal: Int, started: ContinuousClock.Instant, report: (@Sendable (S3FileUploader.Progress) -> Void)?) {
        self.total = total
        self.partsTotal = partsTotal
        self.started = started
        self.report = report
    }

    func reuse(bytes: Int64, parts: Int) {
        state.withLock {
            $0.reused = bytes
            $0.done = bytes
            $0.partsDone = parts
        }
        if parts > 0 { emit() }
    }

    func update(part: Int, sent: Int64) {
        state.withLock { $0.inFlight[part] = sent }
        emit()
    }

    func finish(part: Int, size: Int64) {
        state.withLock {
            $0.inFlight[part] = nil
            $0.done += size
            $0.partsDone += 1
        }
        emit()
    }

    private func emit() {
        guard let report else { return }
        let snapshot = state.withLock { s in (s.done + s.inFlight.values.reduce(0, +), s.reused, s.partsDone) }
        let seconds = max((ContinuousClock.now - started) / .seconds(1), 1e-6)
        report(S3FileUploader.Progress(
            bytesSent: snapshot.0, totalBytes: total, bytesPerSecond: Double(snapshot.0 - snapshot.1) / seconds,
            partsDone: snapshot.2, partsTotal: partsTotal))
    }
}
