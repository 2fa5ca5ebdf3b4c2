import Foundation

/// Turns ``UploadEvent``s into the lines `kinetics-tui upload --plain` and `--json` print, in the style of
/// ``ArtifactEventFormatter`` (which formats the build events inside the stream).
///
/// Plain lines read like `[upload] ProductsList   uploaded 1.2 MiB in 0.05s (24.0 MiB/s)`; the build's own
/// `finished` event becomes a `[build]` line (`buildFinished` in JSON), and the run ends with one `[done]` line,
/// `[done] nothing to build or upload: …` when nothing changed. Plain output leaves out progress at 0 bytes; JSON
/// keeps every event. JSON lines are documented in
/// `docs/build-events.md`. Every name and message from outside is sanitized.
public struct UploadEventFormatter: Sendable {
    public typealias Format = ArtifactEventFormatter.Format

    public var format: Format
    private let build: ArtifactEventFormatter

    public init(_ format: Format) {
        self.format = format
        build = ArtifactEventFormatter(format)
    }

    /// The lines for one event, possibly none.
    public func lines(for event: UploadEvent) -> [String] {
        switch format {
        case .plain: plainLines(event)
        case .json: [jsonObject(event).text]
        }
    }

    // MARK: - Plain

    private func plainLines(_ event: UploadEvent) -> [String] {
        switch event {
        case .artifact(.finished(let summary)):
            let time = ArtifactEventFormatter.duration(summary.seconds)
            if summary.succeeded && summary.built.isEmpty {
                return ["[build] nothing to build: \(Self.count(summary.unchanged.count)) unchanged (\(time))"]
            }
            let failed = summary.failed.keys.sorted().map(clean).joined(separator: ", ")
            return ["[build] \(summary.built.count) built, \(summary.unchanged.count) unchanged, \(summary.failed.count) failed\(failed.isEmpty ? "" : " (\(failed))") in \(time)"]
        case .artifact(let inner):
            return build.lines(for: inner)
        case .bootstrap(.creatingStack(let stack)):
            return ["[upload] creating the bootstrap stack \(clean(stack)) (first upload to this region)"]
        case .bootstrap(.updatingStack(let stack, let version)):
            return ["[upload] updating the bootstrap stack \(clean(stack)) from template version \(clean(version ?? "none")) to \(BootstrapStack.templateVersion)"]
        case .bootstrap(.waitingForStack(let stack, let status)):
            return ["[upload] waiting for the bootstrap stack \(clean(stack)) (\(clean(status)))"]
        case .bootstrap(.resource(let logicalId, let status)):
            return ["[upload] bootstrap \(clean(logicalId)) \(clean(status))"]
        case .bucketReady(let bucket, let origin, let seconds):
            let how = switch origin {
            case .cached: "known"
            case .existingStack: "from stack \(clean(bucket.stackName))"
            case .created: "created by stack \(clean(bucket.stackName))"
            case .updated: "from stack \(clean(bucket.stackName)), updated to template version \(BootstrapStack.templateVersion)"
            }
            return ["[upload] bucket \(clean(bucket.name)) (\(how), \(ArtifactEventFormatter.duration(seconds)))"]
        case .alreadyUploaded(let artifact):
            return ["[upload] \(name(artifact.functionName)) already in the bucket, skipped (\(clean(artifact.s3Key)))"]
        case .uploadStarted(let artifact, let multipart, let resuming):
            let how = resuming.map { "resuming multipart upload \(clean($0))" } ?? (multipart ? "multipart" : "PutObject")
            return ["[upload] \(name(artifact.functionName)) uploading \(ArtifactEventFormatter.size(artifact.size)) (\(how))"]
        case .multipartStarted(let function, let uploadId, let total, let reused):
            let already = reused > 0 ? ", \(reused) already on S3" : ""
            return ["[upload] \(name(function)) multipart upload \(clean(uploadId)): \(total) part\(total == 1 ? "" : "s")\(already)"]
        case .bytesSent(let progress) where progress.bytesSent == 0:
            return []
        case .bytesSent(let progress):
            let percent = Int((progress.fraction * 100).rounded(.down))
            return [
                "[upload] \(name(progress.function)) \(ArtifactEventFormatter.size(progress.bytesSent))/\(ArtifactEventFormatter.size(progress.totalBytes)) \(percent)% \(Self.rate(progress.bytesPerSecond))"
            ]
        case .resumeAbandoned(let function, let uploadId, let reason):
            return ["[upload] \(name(function)) cannot resume upload \(clean(uploadId)): \(clean(reason)); starting afresh"]
        case .uploaded(let artifact, let result):
            let reused = result.partsReused > 0 ? ", \(result.partsReused) part\(result.partsReused == 1 ? "" : "s") reused" : ""
            return [
                "[upload] \(name(artifact.functionName)) uploaded \(ArtifactEventFormatter.size(result.bytesSent)) in \(ArtifactEventFormatter.duration(result.seconds)) (\(Self.rate(result.bytesPerSecond))\(reused)) -> \(clean(artifact.s3Key))"
            ]
        case .uploadFailed(let function, let message):
            return ["[upload] \(name(function)) FAILED: \(clean(message))"]
        case .finished(let summary):
            let time = ArtifactEventFormatter.duration(summary.seconds)
            if let error = summary.error {
                return ["[done] FAILED: \(clean(error)) (\(time))"]
            }
            if summary.nothingChanged {
                return ["[done] nothing to build or upload: \(Self.count(summary.alreadyUploaded.count)) unchanged (\(time))"]
            }
            let built = summary.build.map { "\($0.built.count) built, " } ?? ""
            let buildFailed = summary.build?.failed.keys.sorted() ?? []
            let failedNames = (buildFailed + summary.failed.keys.sorted()).map(clean)
            let failed = failedNames.isEmpty ? "" : ", \(failedNames.count) failed (\(failedNames.joined(separator: ", ")))"
            return [
                "[done] \(built)\(summary.uploaded.count) uploaded (\(ArtifactEventFormatter.size(summary.bytesSent))), \(summary.alreadyUploaded.count) already in the bucket\(failed) in \(time)"
            ]
        }
    }

    private func name(_ function: String) -> String {
        let text = clean(function)
        return text.count >= 14 ? text : text + String(repeating: " ", count: 14 - text.count)
    }

    private func clean(_ text: String) -> String { TextSanitizer.sanitize(text) }

    private static func count(_ functions: Int) -> String { "\(functions) function\(functions == 1 ? "" : "s")" }

    static func rate(_ bytesPerSecond: Double) -> String {
        ArtifactEventFormatter.size(Int64(bytesPerSecond.isFinite ? bytesPerSecond : 0)) + "/s"
    }

    // MARK: - JSON

    private func jsonObject(_ event: UploadEvent) -> JSONLine {
        switch event {
        case .artifact(let inner):
            guard case .object(var fields) = build.jsonObject(inner) else { return build.jsonObject(inner) }
            if case .finished = inner, !fields.isEmpty { fields[0] = ("event", .string("buildFinished")) }
            return .object(fields)
        case .bootstrap(let progress):
            switch progress {
            case .creatingStack(let stack):
                return .object([("event", .string("bootstrapCreating")), ("stack", .string(clean(stack)))])
            case .updatingStack(let stack, let version):
                return .object([
                    ("event", .string("bootstrapUpdating")), ("stack", .string(clean(stack))),
                    ("fromVersion", version.map { .string(clean($0)) } ?? .null), ("toVersion", .string(BootstrapStack.templateVersion)),
                ])
            case .waitingForStack(let stack, let status):
                return .object([("event", .string("bootstrapWaiting")), ("stack", .string(clean(stack))), ("status", .string(clean(status)))])
            case .resource(let logicalId, let status):
                return .object([
                    ("event", .string("bootstrapResource")), ("logicalId", .string(clean(logicalId))), ("status", .string(clean(status))),
                ])
            }
        case .bucketReady(let bucket, let origin, let seconds):
            return .object([
                ("event", .string("bucketReady")), ("bucket", .string(clean(bucket.name))), ("region", .string(clean(bucket.region))),
                ("stack", .string(clean(bucket.stackName))), ("origin", .string(origin.rawValue)), ("seconds", .double(seconds)),
            ])
        case .alreadyUploaded(let artifact):
            return .object([
                ("event", .string("alreadyUploaded")), ("function", .string(clean(artifact.functionName))),
                ("artifact", ArtifactEventFormatter.json(artifact)),
            ])
        case .uploadStarted(let artifact, let multipart, let resuming):
            return .object([
                ("event", .string("uploadStarted")), ("function", .string(clean(artifact.functionName))),
                ("bytes", .int(artifact.size)), ("multipart", .bool(multipart)),
                ("resuming", resuming.map { .string(clean($0)) } ?? .null), ("s3Key", .string(clean(artifact.s3Key))),
            ])
        case .multipartStarted(let function, let uploadId, let total, let reused):
            return .object([
                ("event", .string("multipartStarted")), ("function", .string(clean(function))), ("uploadId", .string(clean(uploadId))),
                ("partsTotal", .int(Int64(total))), ("partsReused", .int(Int64(reused))),
            ])
        case .bytesSent(let progress):
            return .object([
                ("event", .string("bytesSent")), ("function", .string(clean(progress.function))), ("bytesSent", .int(progress.bytesSent)),
                ("totalBytes", .int(progress.totalBytes)), ("bytesPerSecond", .double(progress.bytesPerSecond)),
                ("partsDone", .int(Int64(progress.partsDone))), ("partsTotal", .int(Int64(progress.partsTotal))),
            ])
        case .resumeAbandoned(let function, let uploadId, let reason):
            return .object([
                ("event", .string("resumeAbandoned")), ("function", .string(clean(function))), ("uploadId", .string(clean(uploadId))),
                ("reason", .string(clean(reason))),
            ])
        case .uploaded(let artifact, let result):
            return .object([
                ("event", .string("uploaded")), ("function", .string(clean(artifact.functionName))),
                ("bucket", .string(clean(result.bucket))), ("s3Key", .string(clean(result.key))), ("etag", .string(clean(result.etag))),
                ("bytesSent", .int(result.bytesSent)), ("seconds", .double(result.seconds)), ("bytesPerSecond", .double(result.bytesPerSecond)),
                ("uploadId", result.uploadId.map { .string(clean($0)) } ?? .null), ("partsSent", .int(Int64(result.partsSent))),
                ("partsReused", .int(Int64(result.partsReused))),
            ])
        case .uploadFailed(let function, let message):
            return .object([("event", .string("uploadFailed")), ("function", .string(clean(function))), ("message", .string(clean(message)))])
        case .finished(let summary):
            return .object([
                ("event", .string("finished")), ("succeeded", .bool(summary.succeeded)), ("nothingChanged", .bool(summary.nothingChanged)),
                ("bucket", summary.bucket.map { .string(clean($0.name)) } ?? .null),
                ("built", .array((summary.build?.built ?? []).map { .string(clean($0)) })),
                ("uploaded", .array(summary.uploaded.map { .string(clean($0)) })),
                ("alreadyUploaded", .array(summary.alreadyUploaded.map { .string(clean($0)) })),
                ("failed", .object(
                    (summary.build?.failed.keys.sorted() ?? []).map { (clean($0), JSONLine.string("build failed")) }
                        + summary.failed.sorted { $0.key < $1.key }.map { (clean($0.key), .string(clean($0.value))) })),
                ("error", summary.error.map { .string(clean($0)) } ?? .null),
                ("bytesSent", .int(summary.bytesSent)), ("seconds", .double(summary.seconds)),
            ])
        }
    }
}
