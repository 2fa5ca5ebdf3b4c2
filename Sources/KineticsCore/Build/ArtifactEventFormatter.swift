import Foundation

/// Turns ``ArtifactEvent``s into the lines `--plain` and `--json` print, so the CLI stays thin.
///
/// Plain lines read like `[build] compiled 7/12 shop (ProductsList)`; JSON lines are one object per event with
/// `"event"` first (documented in `docs/build-events.md`). Every name and message from outside is sanitized.
/// Plain output leaves out units cargo found fresh; JSON keeps every event.
public struct ArtifactEventFormatter: Sendable {
    public enum Format: String, Sendable, Hashable, CaseIterable {
        case plain
        case json
    }

    public var format: Format

    public init(_ format: Format) {
        self.format = format
    }

    /// The lines for one event, possibly none.
    public func lines(for event: ArtifactEvent) -> [String] {
        switch format {
        case .plain: plainLines(event)
        case .json: [jsonObject(event).text]
        }
    }

    // MARK: - Plain

    private func plainLines(_ event: ArtifactEvent) -> [String] {
        switch event {
        case .stageStarted(let stage):
            return ["[\(stage.rawValue)] started"]
        case .stageFinished(let stage, let seconds):
            return ["[\(stage.rawValue)] done in \(Self.duration(seconds))"]
        case .functionUnchanged(let artifact, _):
            return ["[plan] \(name(artifact.functionName)) unchanged, skipped (\(clean(artifact.s3Key)))"]
        case .functionQueued(let function, let reason, _):
            return ["[plan] \(name(function)) needs a build: \(Self.describe(reason))"]
        case .cargoStarted(let command, let functions, let planned):
            let units = planned.map { ", ~\($0) units" } ?? ""
            return ["[build] \(clean(command)) (\(functions.count) function\(functions.count == 1 ? "" : "s")\(units))"]
        case .unitCompiled(let progress):
            guard !progress.fresh else { return [] }
            let total = progress.planned.map { "/\($0)" } ?? ""
            let target = progress.target == progress.crate.replacingOccurrences(of: "-", with: "_") ? "" : " (\(clean(progress.target)))"
            return ["[build] compiled \(progress.compiled)\(total) \(clean(progress.crate))\(target)"]
        case .compilerDiagnostic(let diagnostic):
            guard diagnostic.isError || diagnostic.level == "warning" else { return [] }
            let code = diagnostic.code.map { "[\($0)]" } ?? ""
            let place = diagnostic.location.map { "\($0): " } ?? ""
            var lines = ["[build] \(clean(place))\(clean(diagnostic.level))\(clean(code)): \(clean(diagnostic.message))"]
            if diagnostic.isError {
                lines += TextSanitizer.sanitize(diagnostic.rendered, keepNewlines: true)
                    .split(separator: "\n", omittingEmptySubsequences: false)
                    .map { "        \($0)" }
                while lines.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { lines.removeLast() }
            }
            return lines
        case .functionBuilt(let function, _, let bytes):
            return ["[build] \(name(function)) built bootstrap (\(Self.size(bytes)))"]
        case .packaged(let artifact, let seconds):
            return [
                "[package] \(name(artifact.functionName)) \(Self.size(artifact.size)) sha256 \(artifact.sha256.prefix(12)) -> \(clean(artifact.s3Key)) (\(Self.duration(seconds)))"
            ]
        case .functionFailed(let function, let diagnostics):
            var lines = ["[build] \(name(function)) FAILED"]
            lines += diagnostics.map { "        \(TextSanitizer.sanitize($0.description))" }
            return lines
        case .finished(let summary):
            let time = Self.duration(summary.seconds)
            if summary.succeeded && summary.built.isEmpty {
                return ["[done] nothing to build: \(summary.unchanged.count) function\(summary.unchanged.count == 1 ? "" : "s") unchanged (\(time))"]
            }
            let failed = summary.failed.keys.sorted().map(clean).joined(separator: ", ")
            return [
                "[done] \(summary.built.count) built, \(summary.unchanged.count) unchanged, \(summary.failed.count) failed\(failed.isEmpty ? "" : " (\(failed))") in \(time)"
            ]
        }
    }

    private func name(_ function: String) -> String {
        let text = clean(function)
        return text.count >= 14 ? text : text + String(repeating: " ", count: 14 - text.count)
    }

    private func clean(_ text: String) -> String { TextSanitizer.sanitize(text) }

    static func describe(_ reason: BuildReason) -> String {
        switch reason {
        case .neverBuilt: "never built"
        case .inputsChanged: "inputs changed"
        case .artifactMissing: "its zip is missing"
        case .forced: "rebuild requested"
        }
    }

    static func size(_ bytes: Int64) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        if bytes < 1024 * 1024 { return String(format: "%.1f KiB", Double(bytes) / 1024) }
        return String(format: "%.1f MiB", Double(bytes) / 1024 / 1024)
    }

    static func duration(_ seconds: Double) -> String {
        seconds < 10 ? String(format: "%.2fs", seconds) : String(format: "%.1fs", seconds)
    }

    // MARK: - JSON

    func jsonObject(_ event: ArtifactEvent) -> JSONLine {
        switch event {
        case .stageStarted(let stage):
            return .object([("event", .string("stageStarted")), ("stage", .string(stage.rawValue))])
        case .stageFinished(let stage, let seconds):
            return .object([("event", .string("stageFinished")), ("stage", .string(stage.rawValue)), ("seconds", .double(seconds))])
        case .functionUnchanged(let artifact, let hash):
            return .object([
                ("event", .string("functionUnchanged")), ("function", .string(clean(artifact.functionName))),
                ("inputHash", .string(hash)), ("artifact", Self.json(artifact)),
            ])
        case .functionQueued(let function, let reason, let hash):
            return .object([
                ("event", .string("functionQueued")), ("function", .string(clean(function))),
                ("reason", .string(reason.rawValue)), ("inputHash", .string(hash)),
            ])
        case .cargoStarted(let command, let functions, let planned):
            return .object([
                ("event", .string("cargoStarted")), ("command", .string(clean(command))),
                ("functions", .array(functions.map { .string(clean($0)) })),
                ("plannedUnits", planned.map { .int(Int64($0)) } ?? .null),
            ])
        case .unitCompiled(let progress):
            return .object([
                ("event", .string("unitCompiled")), ("crate", .string(clean(progress.crate))),
                ("target", .string(clean(progress.target))), ("fresh", .bool(progress.fresh)),
                ("compiled", .int(Int64(progress.compiled))), ("planned", progress.planned.map { .int(Int64($0)) } ?? .null),
            ])
        case .compilerDiagnostic(let diagnostic):
            return .object([
                ("event", .string("compilerDiagnostic")), ("level", .string(clean(diagnostic.level))),
                ("code", diagnostic.code.map { .string(clean($0)) } ?? .null), ("message", .string(clean(diagnostic.message))),
                ("location", diagnostic.location.map(Self.json) ?? .null), ("crate", .string(clean(diagnostic.crate))),
                ("target", .string(clean(diagnostic.target))),
                ("rendered", .string(TextSanitizer.sanitize(diagnostic.rendered, keepNewlines: true))),
            ])
        case .functionBuilt(let function, let bootstrap, let bytes):
            return .object([
                ("event", .string("functionBuilt")), ("function", .string(clean(function))),
                ("bootstrap", .string(clean(bootstrap))), ("bytes", .int(bytes)),
            ])
        case .packaged(let artifact, let seconds):
            return .object([
                ("event", .string("packaged")), ("function", .string(clean(artifact.functionName))),
                ("artifact", Self.json(artifact)), ("seconds", .double(seconds)),
            ])
        case .functionFailed(let function, let diagnostics):
            return .object([
                ("event", .string("functionFailed")), ("function", .string(clean(function))),
                ("diagnostics", .array(diagnostics.map(Self.json))),
            ])
        case .finished(let summary):
            return .object([
                ("event", .string("finished")), ("succeeded", .bool(summary.succeeded)),
                ("built", .array(summary.built.map { .string(clean($0)) })),
                ("unchanged", .array(summary.unchanged.map { .string(clean($0)) })),
                ("failed", .object(summary.failed.sorted { $0.key < $1.key }.map { (clean($0.key), .array($0.value.map(Self.json))) })),
                ("ranCargo", .bool(summary.ranCargo)), ("seconds", .double(summary.seconds)),
                ("artifacts", .array(summary.artifacts.map(Self.json))),
            ])
        }
    }

    static func json(_ artifact: PackagedArtifact) -> JSONLine {
        .object([
            ("function", .string(TextSanitizer.sanitize(artifact.functionName))), ("zipPath", .string(TextSanitizer.sanitize(artifact.zipPath))),
            ("size", .int(artifact.size)), ("sha256", .string(artifact.sha256)), ("s3Key", .string(TextSanitizer.sanitize(artifact.s3Key))),
            ("bootstrapSize", .int(artifact.bootstrapSize)),
        ])
    }

    static func json(_ location: SourceLocation) -> JSONLine {
        .object([
            ("file", .string(TextSanitizer.sanitize(location.file))), ("line", .int(Int64(location.line))),
            ("column", .int(Int64(location.column))),
        ])
    }

    static func json(_ diagnostic: Diagnostic) -> JSONLine {
        .object([
            ("severity", .string(diagnostic.severity.rawValue)), ("code", .string(diagnostic.code)),
            ("message", .string(TextSanitizer.sanitize(diagnostic.message))),
            ("location", diagnostic.location.map(json) ?? .null),
        ])
    }
}
