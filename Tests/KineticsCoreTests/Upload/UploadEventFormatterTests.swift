import Foundation
import Testing
@testable import KineticsCore

@Suite("Upload events print as plain lines and JSON lines, sanitized")
struct UploadEventFormatterTests {
    static let artifact = PackagedArtifact(
        functionName: "ProductsList", zipPath: "/p/target/kinetics-tui/artifacts/ProductsList.zip", size: 205_000,
        sha256: String(repeating: "ab", count: 32), bootstrapSize: 410_000)
    static let bucket = ArtifactBucket(name: "kinetics-bootstrap-eu-west-1-artifactbucket-x1", region: "eu-west-1", stackName: "kinetics-bootstrap-eu-west-1")
    static let result = UploadResult(
        bucket: bucket.name, key: artifact.s3Key, etag: "e1", seconds: 0.5, bytesPerSecond: 410_000, bytesSent: 205_000, uploadId: nil,
        partsSent: 1, partsReused: 0)

    static let plainCases: [(UploadEvent, String)] = [
        (.bootstrap(.creatingStack("kinetics-bootstrap-eu-west-1")), "[upload] creating the bootstrap stack kinetics-bootstrap-eu-west-1 (first upload to this region)"),
        (.bootstrap(.waitingForStack("kinetics-bootstrap-eu-west-1", status: "UPDATE_IN_PROGRESS")), "[upload] waiting for the bootstrap stack kinetics-bootstrap-eu-west-1 (UPDATE_IN_PROGRESS)"),
        (.bootstrap(.updatingStack("kinetics-bootstrap-eu-west-1", fromVersion: "0")), "[upload] updating the bootstrap stack kinetics-bootstrap-eu-west-1 from template version 0 to \(BootstrapStack.templateVersion)"),
        (.bucketReady(bucket, origin: .created, seconds: 21.25), "[upload] bucket kinetics-bootstrap-eu-west-1-artifactbucket-x1 (created by stack kinetics-bootstrap-eu-west-1, 21.2s)"),
        (.bucketReady(bucket, origin: .cached, seconds: 0.004), "[upload] bucket kinetics-bootstrap-eu-west-1-artifactbucket-x1 (known, 0.00s)"),
        (.alreadyUploaded(artifact), "[upload] ProductsList   already in the bucket, skipped (\(artifact.s3Key))"),
        (.uploadStarted(artifact, multipart: false, resuming: nil), "[upload] ProductsList   uploading 200.2 KiB (PutObject)"),
        (.uploadStarted(artifact, multipart: true, resuming: "u-1"), "[upload] ProductsList   uploading 200.2 KiB (resuming multipart upload u-1)"),
        (.multipartStarted(function: "ProductsList", uploadId: "u-1", partsTotal: 6, partsReused: 2), "[upload] ProductsList   multipart upload u-1: 6 parts, 2 already on S3"),
        (.bytesSent(UploadProgress(function: "ProductsList", bytesSent: 3 << 20, totalBytes: 12 << 20, bytesPerSecond: 2_097_152, partsDone: 0, partsTotal: 2)),
         "[upload] ProductsList   3.0 MiB/12.0 MiB 25% 2.0 MiB/s"),
        (.resumeAbandoned(function: "ProductsList", uploadId: "u-1", reason: "S3 no longer has it"), "[upload] ProductsList   cannot resume upload u-1: S3 no longer has it; starting afresh"),
        (.uploaded(artifact, result), "[upload] ProductsList   uploaded 200.2 KiB in 0.50s (400.4 KiB/s) -> \(artifact.s3Key)"),
        (.uploadFailed(function: "ProductsList", message: "Access denied."), "[upload] ProductsList   FAILED: Access denied."),
        (.finished(UploadSummary(alreadyUploaded: ["A", "B"], seconds: 0.08, build: ArtifactSummary(unchanged: ["A", "B"]))),
         "[done] nothing to build or upload: 2 functions unchanged (0.08s)"),
        (.finished(UploadSummary(uploaded: ["B"], alreadyUploaded: ["A"], failed: ["C": "x"], bytesSent: 2048, seconds: 3.5, build: ArtifactSummary(built: ["B"], unchanged: ["A"]))),
         "[done] 1 built, 1 uploaded (2.0 KiB), 1 already in the bucket, 1 failed (C) in 3.50s"),
        (.finished(UploadSummary(seconds: 1, error: "Cannot reach http://127.0.0.1:1.")), "[done] FAILED: Cannot reach http://127.0.0.1:1. (1.00s)"),
        (.artifact(.finished(ArtifactSummary(unchanged: ["A"], seconds: 0.01))), "[build] nothing to build: 1 function unchanged (0.01s)"),
        (.artifact(.stageStarted(.plan)), "[plan] started"),
    ]

    @Test("plain lines", arguments: 0..<plainCases.count)
    func plain(_ index: Int) {
        let (event, line) = Self.plainCases[index]
        #expect(UploadEventFormatter(.plain).lines(for: event) == [line])
    }

    @Test("progress at 0 bytes is left out of plain output but kept in JSON")
    func zeroProgress() {
        let event = UploadEvent.bytesSent(UploadProgress(function: "F", bytesSent: 0, totalBytes: 10, bytesPerSecond: 0, partsDone: 0, partsTotal: 1))
        #expect(UploadEventFormatter(.plain).lines(for: event).isEmpty)
        #expect(UploadEventFormatter(.json).lines(for: event) == [
            #"{"event":"bytesSent","function":"F","bytesSent":0,"totalBytes":10,"bytesPerSecond":0.000,"partsDone":0,"partsTotal":1}"#
        ])
    }

    @Test("JSON lines: one object per event, \"event\" first, the build's finished renamed buildFinished")
    func json() throws {
        let formatter = UploadEventFormatter(.json)
        #expect(formatter.lines(for: .uploaded(Self.artifact, Self.result)) == [
            #"{"event":"uploaded","function":"ProductsList","bucket":"kinetics-bootstrap-eu-west-1-artifactbucket-x1","s3Key":"\#(Self.artifact.s3Key)","etag":"e1","bytesSent":205000,"seconds":0.500,"bytesPerSecond":410000.000,"uploadId":null,"partsSent":1,"partsReused":0}"#
        ])
        #expect(formatter.lines(for: .bucketReady(Self.bucket, origin: .existingStack, seconds: 0.25)) == [
            #"{"event":"bucketReady","bucket":"kinetics-bootstrap-eu-west-1-artifactbucket-x1","region":"eu-west-1","stack":"kinetics-bootstrap-eu-west-1","origin":"existingStack","seconds":0.250}"#
        ])
        let build = try #require(formatter.lines(for: .artifact(.finished(ArtifactSummary(unchanged: ["A"])))).first)
        #expect(build.hasPrefix(#"{"event":"buildFinished","succeeded":true"#))
        let done = try #require(formatter.lines(for: .finished(UploadSummary(
            bucket: Self.bucket, uploaded: ["B"], failed: ["C": "no zip"], bytesSent: 10, seconds: 1, build: ArtifactSummary(built: ["B"], failed: ["D": []])))).first)
        #expect(done == #"{"event":"finished","succeeded":false,"nothingChanged":false,"bucket":"kinetics-bootstrap-eu-west-1-artifactbucket-x1","built":["B"],"uploaded":["B"],"alreadyUploaded":[],"failed":{"D":"build failed","C":"no zip"},"error":null,"bytesSent":10,"seconds":1.000}"#)
        for (event, _) in Self.plainCases {
            for line in formatter.lines(for: event) {
                let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                #expect(object["event"] is String)
                #expect(line.hasPrefix(#"{"event":"#))
            }
        }
    }

    @Test("names and messages from outside lose their escape sequences")
    func sanitized() {
        let evil = "Fn\u{1B}]0;owned\u{07}\u{1B}[31m"
        for format in [UploadEventFormatter.Format.plain, .json] {
            let lines = UploadEventFormatter(format).lines(for: .uploadFailed(function: evil, message: "bad\u{1B}[2J reason\u{9B}6n"))
            #expect(!lines.joined().contains("\u{1B}"))
            #expect(!lines.joined().contains("\u{9B}"))
            #expect(!lines.joined().contains("\u{07}"))
        }
    }
}
