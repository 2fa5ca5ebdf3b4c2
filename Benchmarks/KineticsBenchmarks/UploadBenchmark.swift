import ArgumentParser
import Foundation
import KineticsCore

/// `kinetics-bench upload`: one upload of a file with `S3FileUploader`, timed from the first request to the last
/// response. Credentials and region come from the environment, as for the product.
struct UploadBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upload", abstract: "Upload a file to S3 with the streaming multipart uploader and print the throughput.")

    @Option(help: "The S3 endpoint, e.g. http://127.0.0.1:5000.") var endpointURL: String?
    @Option(help: "The bucket; created when missing.") var bucket: String
    @Option(help: "The object key; the file name when omitted.") var key: String?
    @Option(help: "Part size in MiB.") var partSize: Int = 8
    @Option(help: "Parts in flight at once.") var concurrency: Int = 10
    @Flag(help: "Send Content-MD5 with every part and check each ETag.") var checksums = false
    @Argument(help: "The file to upload.") var file: String

    func run() async throws {
        let configuration = try AWSConfiguration.resolve(overrides: .init(endpointURL: endpointURL))
        let s3 = S3Client(client: AWSClient(configuration: configuration))
        if try await !s3.bucketExists(bucket) { try await s3.createBucket(bucket) }
        let uploader = S3FileUploader(s3: s3, configuration: .init(
            multipartThreshold: 8 << 20, partSize: Int64(partSize) << 20, concurrency: concurrency, verifyChecksums: checksums))
        let result = try await uploader.upload(file: file, bucket: bucket, key: key ?? URL(fileURLWithPath: file).lastPathComponent)
        let seconds = Double(result.elapsed.components.seconds) + Double(result.elapsed.components.attoseconds) / 1e18
        print(String(format: "upload bytes=%lld parts=%d seconds=%.3f MiBps=%.1f", result.size, result.partsUploaded, seconds,
                     Double(result.size) / seconds / 1_048_576))
    }
}
