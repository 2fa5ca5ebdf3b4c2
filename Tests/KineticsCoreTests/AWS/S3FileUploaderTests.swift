import Foundation
import Testing
@testable import KineticsCore

@Suite("The S3 file uploader streams, parallelises, reports progress and resumes", .serialized)
struct S3FileUploaderTests {
    static func bucket(_ s3: S3Client) async throws -> String {
        let name = "kt-upload-\(UUID().uuidString.prefix(8).lowercased())"
        try await s3.createBucket(name)
        return name
    }

    @Test("a small file goes up in one PutObject with progress to its size")
    func small() async throws {
        let moto = try await AuthenticatedMoto.get()
        let s3 = S3Client(client: moto.client())
        let bucket = try await Self.bucket(s3)
        let path = try CurlTransportTests.temporaryFile(size: 700_000)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let seen = Locked<[S3FileUploader.Progress]>([])
        let uploader = S3FileUploader(s3: s3, configuration: .init(verifyChecksums: true))
        let result = try await uploader.upload(file: path, bucket: bucket, key: "small.zip") { p in seen.withLock { $0.append(p) } }
        #expect(result.uploadId == nil)
        #expect(result.etag == (try Digest.digestOfFile(.md5, path: path).hexString))
        let last = try #require(seen.withLock { $0.last })
        #expect(last.bytesSent == 700_000)
        #expect(last.totalBytes == 700_000)
        #expect(last.partsDone == 1)
        #expect(try await s3.headObject(bucket: bucket, key: "small.zip")?.size == 700_000)
    }

    @Test("a large file goes up in parallel parts that add up to the same bytes")
    func multipart() async throws {
        let moto = try await AuthenticatedMoto.get()
        let s3 = S3Client(client: moto.client())
        let bucket = try await Self.bucket(s3)
        let size = 23 << 20 + 12_345
        let path = try CurlTransportTests.temporaryFile(size: size, seed: 3)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let seen = Locked<[S3FileUploader.Progress]>([])
        let uploader = S3FileUploader(s3: s3, configuration: .init(multipartThreshold: 8 << 20, partSize: 5 << 20, concurrency: 4, verifyChecksums: true))
        let result = try await uploader.upload(file: path, bucket: bucket, key: "big.zip") { p in seen.withLock { $0.append(p) } }
        #expect(result.partsUploaded == 5)
        #expect(result.partsReused == 0)
        #expect(result.etag.hasSuffix("-5"))
        let progress = seen.withLock { $0 }
        #expect(progress.last?.bytesSent == Int64(size))
        #expect(progress.last?.partsDone == 5)
        #expect(progress.allSatisfy { $0.bytesSent <= Int64(size) })
        #expect(progress.contains { $0.bytesPerSecond > 0 })
        let out = path + ".back"
        defer { try? FileManager.default.removeItem(atPath: out) }
        try await s3.getObject(bucket: bucket, key: "big.zip", toFile: out)
        #expect(try Digest.digestOfFile(.sha256, path: out) == Digest.digestOfFile(.sha256, path: path))
        #expect(try await s3.listMultipartUploads(bucket: bucket).isEmpty)
    }

    @Test("an interrupted upload resumes: only the missing parts are sent")
    func resume() async throws {
        let moto = try await AuthenticatedMoto.get()
        let s3 = S3Client(client: moto.client())
        let bucket = try await Self.bucket(s3)
        let size = 17 << 20
        let path = try CurlTransportTests.temporaryFile(size: size, seed: 9)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let part: Int64 = 5 << 20
        let id = try await s3.createMultipartUpload(bucket: bucket, key: "resumed.zip")
        _ = try await s3.uploadPart(bucket: bucket, key: "resumed.zip", uploadId: id, partNumber: 1, body: .file(path: path, offset: 0, length: part))
        _ = try await s3.uploadPart(bucket: bucket, key: "resumed.zip", uploadId: id, partNumber: 3, body: .file(path: path, offset: 2 * part, length: part))
        // Part 2 went up with other bytes (a changed file): it must be sent again.
        let other = try CurlTransportTests.temporaryFile(size: Int(part), seed: 1)
        defer { try? FileManager.default.removeItem(atPath: other) }
        _ = try await s3.uploadPart(bucket: bucket, key: "resumed.zip", uploadId: id, partNumber: 2, body: .file(path: other, offset: 0, length: part))

        let uploader = S3FileUploader(s3: s3, configuration: .init(multipartThreshold: 8 << 20, partSize: part, concurrency: 2, verifyChecksums: true))
        let found = try await uploader.findResumableUpload(bucket: bucket, key: "resumed.zip")
        #expect(found == id)
        let seen = Locked<[S3FileUploader.Progress]>([])
        let result = try await uploader.upload(file: path, bucket: bucket, key: "resumed.zip", resumeUploadId: found) { p in
            seen.withLock { $0.append(p) }
        }
        #expect(result.partsReused == 2)
        #expect(result.partsUploaded == 2)
        #expect(seen.withLock { $0.first?.bytesSent } == 2 * part)
        let (data, _) = try await s3.getObject(bucket: bucket, key: "resumed.zip")
        #expect(Digest.sha256(data) == (try Digest.digestOfFile(.sha256, path: path)))
    }

    @Test("a missing file and a missing bucket give errors that say which")
    func errors() async throws {
        let moto = try await AuthenticatedMoto.get()
        let uploader = S3FileUploader(s3: S3Client(client: moto.client()))
        let missing = try await #require(throws: AWSError.self) {
            try await uploader.upload(file: "/nonexistent/fn.zip", bucket: "b", key: "k")
        }
        #expect(missing.code == .fileUnreadable)
        #expect(missing.description.contains("/nonexistent/fn.zip"))
        let path = try CurlTransportTests.temporaryFile(size: 1000)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let noBucket = try await #require(throws: AWSError.self) {
            try await uploader.upload(file: path, bucket: "kt-no-such-bucket-here", key: "k")
        }
        #expect(noBucket.serviceCode == "NoSuchBucket")
        #expect(noBucket.description.contains("s3://kt-no-such-bucket-here/k"))
    }

    @Test("part sizes respect S3's 5 MiB minimum and 10,000-part maximum")
    func planning() {
        #expect(S3FileUploader.partSize(fileSize: 100 << 20, preferred: 1 << 20) == 5 << 20)
        let huge: Int64 = 200 << 30
        let size = S3FileUploader.partSize(fileSize: huge, preferred: 8 << 20)
        #expect(S3FileUploader.plan(fileSize: huge, partSize: size).count <= 10_000)
        let plan = S3FileUploader.plan(fileSize: 11, partSize: 5)
        #expect(plan.map(\.length) == [5, 5, 1])
        #expect(plan.map(\.offset) == [0, 5, 10])
        #expect(S3FileUploader.plan(fileSize: 0, partSize: 5).count == 1)
    }
}
