import Foundation

/// Turns `DeployEvent`s into the lines `deploy --plain` and `--json` print (see docs/deploy-events.md).
///
/// Build and upload events are printed by their own formatters, unchanged; the deploy's own lines read like
/// `[deploy] …` and `[stack] …`. JSON lines are one object per event with `"event"` first. Every string from
/// outside is sanitized; secret values never reach an event, so they cannot reach a line.
public struct DeployEventFormatter: Sendable {
    public typealias Format = ArtifactEventFormatter.Format

    public var format: Format
    private let artifacts: ArtifactEventFormatter
    private let uploads: UploadEventFormatter

    public init(_ format: Format) {
        self.format = format
        artifacts = ArtifactEventFormatter(format)
        uploads = UploadEventFormatter(format)
    }

    public func lines(for event: DeployEvent) -> [String] {
        switch event {
        case .artifact(let event): return artifacts.lines(for: event)
        case .upload(let event): return uploads.lines(for: event)
        default: break
        }
        switch format {
        case .plain: return plainLines(event)
        case .json: return jsonObject(event).map { [$0.text] } ?? []
        }
    }

    // MARK: - Plain

    private func plainLines(_ event: DeployEvent) -> [String] {
        switch event {
        case .sessionStarted(let info):
            let place = info.stack.endpoint.isEmpty ? info.stack.region : "\(info.stack.region) at \(info.stack.endpoint)"
            let verb = info.kind == .destroy ? "destroying" : "deploying"
            return ["[deploy] session \(info.sessionId.map(String.init) ?? "-"): \(verb) \(clean(info.stack.name)) (\(place))"]
        case .interruptedSessionFound(let session, let reattaching):
            let how = session.outcome == .detached ? "was detached" : "was interrupted (pid \(session.pid) ended)"
            return ["[deploy] session \(session.id) of \(clean(session.stack.name)) \(how)"
                + (reattaching ? "; its operation still runs, re-attaching" : "; its operation is over")]
        case .discovered(let project, let functions):
            return ["[deploy] project \(clean(project)): \(functions.count) function\(functions.count == 1 ? "" : "s")"]
        case .planned(let plan):
            let build = plan.functions.filter { $0.action == "build" }.map(\.name)
            let skip = plan.functions.filter { $0.action == "skip" }.map(\.name)
            var line = "[plan] \(clean(plan.stackName)): build \(build.isEmpty ? "nothing" : build.map(clean).joined(separator: ", "))"
            if !skip.isEmpty { line += "; unchanged \(skip.map(clean).joined(separator: ", "))" }
            return [line]
        case .secretsStored(let names, let unchanged):
            var parts: [String] = []
            if !names.isEmpty {
                parts.append("stored \(names.count) secret\(names.count == 1 ? "" : "s") in SSM: \(names.map(clean).joined(separator: ", "))")
            }
            if !unchanged.isEmpty {
                parts.append("\(unchanged.count) secret\(unchanged.count == 1 ? "" : "s") unchanged in SSM: \(unchanged.map(clean).joined(separator: ", "))")
            }
            return ["[deploy] " + parts.joined(separator: "; ")]
        case .templateReady(let sha, let bytes, let url):
            return ["[deploy] template \(sha.prefix(12)) (\(bytes) bytes)" + (url.map { " at \(clean($0))" } ?? ", inline")]
        case .skipped(let reason):
            return ["[deploy] skipped: \(clean(reason))"]
        case .stackNeedsRecreation(_, let reason):
            return ["[deploy] \(clean(reason))"]
        case .changeSetCreating(let name, let type):
            return ["[deploy] creating change set \(clean(name)) (\(type))"]
        case .changeSetReady(let diff):
            return diff.textLines().map { "[change] \($0)" }
        case .awaitingConfirmation(let question):
            return ["[deploy] \(question.question)"]
        case .executing(_, _, let count):
            return ["[deploy] executing" + (count.map { " \($0) change\($0 == 1 ? "" : "s")" } ?? "")]
        case .stackEvent(let update):
            return stackLines(update)
        case .cancelling(let action):
            return ["[deploy] cancelling: \(action) sent"]
        case .outputs(let outputs):
            return outputs.map { "[output] \(clean($0.key)) = \(clean($0.value))" }
        case .finished(let outcome):
            var lines = ["[deploy] \(outcome.status.rawValue.replacingOccurrences(of: "_", with: " ")): \(clean(outcome.message)) (\(String(format: "%.1f", outcome.seconds)) s)"]
            if let cause = outcome.rootCause {
                lines.append("[deploy] root cause: \(cause.displayName) \(cause.status): \(cause.displayReason)")
            }
            return lines
        case .artifact, .upload:
            return []
        }
    }

    private func stackLines(_ update: StackEventUpdate) -> [String] {
        switch update {
        case .events(let events):
            return events.map { tracked in
                let e = tracked.event
                let time = Self.time.string(from: e.timestamp)
                let reason = tracked.displayReason.map { "  \($0)" } ?? ""
                return "[stack] \(time)  \(clean(e.resourceStatus))  \(tracked.displayName)  \(clean(e.resourceType))\(reason)"
            }
        case .progress(let progress):
            return progress.total == nil ? [] : ["[stack] progress \(progress.formatted)"]
        case .rollbackStarted(let reason, _):
            return ["[stack] rolling back" + (reason.map { ": \(clean($0))" } ?? "")]
        case .rootCause(let cause):
            return ["[stack] root cause: \(cause.displayName) \(cause.status): \(cause.displayReason)"]
        case .throttled(let attempt, let retryIn):
            return ["[stack] throttled (attempt \(attempt)), next call in \(retryIn)"]
        case .retrying(let attempt, let retryIn, let message):
            return ["[stack] \(clean(message)) (attempt \(attempt), again in \(retryIn))"]
        case .operationFinished(let result):
            return ["[stack] \(clean(result.stackName)) \(clean(result.finalStatus))"]
        case .operationStarted, .nestedStackFollowed, .resources:
            return []
        }
    }

    private func clean(_ text: String) -> String { TextSanitizer.sanitize(text) }

    private static let time: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "HH:mm:ss"
        return formatter
    }()

    // MARK: - JSON

    private func jsonObject(_ event: DeployEvent) -> JSONLine? {
        func object(_ name: String, _ fields: [(String, JSONLine)]) -> JSONLine { .object([("event", .string(name))] + fields) }
        switch event {
        case .sessionStarted(let info): return object("sessionStarted", Self.fields(info))
        case .interruptedSessionFound(let session, let reattaching):
            return object("interruptedSession", [
                ("session", .int(session.id)), ("stack", .string(session.stack.name)), ("pid", .int(Int64(session.pid))),
                ("outcome", .string(session.outcome.rawValue)), ("reattaching", .bool(reattaching)),
            ])
        case .discovered(let project, let functions):
            return object("discovered", [("project", .string(project)), ("functions", .array(functions.map { .string($0) }))])
        case .planned(let plan): return object("planned", Self.fields(plan))
        case .secretsStored(let names, let unchanged):
            return object("secretsStored", [
                ("parameters", .array(names.map { .string($0) })), ("unchanged", .array(unchanged.map { .string($0) })),
            ])
        case .templateReady(let sha, let bytes, let url):
            return object("templateReady", [("sha256", .string(sha)), ("bytes", .int(Int64(bytes))), ("s3_url", url.map { .string($0) } ?? .null)])
        case .skipped(let reason): return object("skipped", [("reason", .string(reason))])
        case .stackNeedsRecreation(let status, let reason):
            return object("stackNeedsRecreation", [("status", .string(status)), ("reason", .string(reason))])
        case .changeSetCreating(let name, let type):
            return object("changeSetCreating", [("name", .string(name)), ("changeSetType", .string(type))])
        case .changeSetReady(let diff):
            return object("changeSetReady", Self.fields(data: diff.jsonData()))
        case .awaitingConfirmation(let question):
            var fields: [(String, JSONLine)] = [("question", .string(question.question))]
            switch question {
            case .changeSet: fields.append(("kind", .string("changeSet")))
            case .recreateStack: fields.append(("kind", .string("recreateStack")))
            case .deleteStack: fields.append(("kind", .string("deleteStack")))
            }
            return object("awaitingConfirmation", fields)
        case .executing(let id, let token, let count):
            return object("executing", [
                ("changeSetId", id.map { .string($0) } ?? .null), ("clientRequestToken", .string(token)),
                ("changes", count.map { .int(Int64($0)) } ?? .null),
            ])
        case .stackEvent(let update): return stackObject(update)
        case .cancelling(let action): return object("cancelling", [("action", .string(action))])
        case .outputs(let outputs):
            return object("outputs", [("outputs", .object(outputs.map { ($0.key, .string($0.value)) }))])
        case .finished(let outcome):
            return object("finished", Self.fields(outcome) + [("exitStatus", .int(Int64(outcome.exitStatus)))])
        case .artifact, .upload:
            return nil
        }
    }

    private func stackObject(_ update: StackEventUpdate) -> JSONLine? {
        func object(_ name: String, _ fields: [(String, JSONLine)]) -> JSONLine { .object([("event", .string(name))] + fields) }
        switch update {
        case .events(let events):
            return object("stackEvents", [("events", .array(events.map { Self.json(encoding: $0) }))])
        case .operationStarted(let name, let id, let at):
            return object("operationStarted", [("stack", .string(name)), ("stackId", .string(id)), ("at", .string(Self.iso(at)))])
        case .nestedStackFollowed(let path, let id):
            return object("nestedStackFollowed", [("path", .array(path.map { .string($0) })), ("stackId", .string(id))])
        case .resources(let resources):
            return object("resources", [("resources", .array(resources.map { Self.json(encoding: $0) }))])
        case .progress(let progress):
            return object("progress", [("completed", .int(Int64(progress.completed))), ("total", progress.total.map { .int(Int64($0)) } ?? .null)])
        case .rollbackStarted(let reason, let at):
            return object("rollbackStarted", [("reason", reason.map { .string($0) } ?? .null), ("at", .string(Self.iso(at)))])
        case .rootCause(let cause):
            return object("rootCause", Self.fields(cause))
        case .throttled(let attempt, let retryIn):
            return object("throttled", [("attempt", .int(Int64(attempt))), ("retryInSeconds", .double(Deployer.seconds(retryIn)))])
        case .retrying(let attempt, let retryIn, let message):
            return object("retrying", [
                ("attempt", .int(Int64(attempt))), ("retryInSeconds", .double(Deployer.seconds(retryIn))), ("message", .string(message)),
            ])
        case .operationFinished(let result):
            return object("operationFinished", Self.fields(result))
        }
    }

    static func iso(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }

    /// A `Codable` value as JSON fields, keys sorted, dates in ISO 8601.
    static func fields<T: Encodable>(_ value: T) -> [(String, JSONLine)] {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return fields(data: (try? encoder.encode(value)) ?? Data("{}".utf8))
    }

    static func fields(data: Data) -> [(String, JSONLine)] {
        if case .object(let fields)? = (try? JSONDecoder().decode(DecodedJSON.self, from: data))?.line { return fields }
        return []
    }

    static func json<T: Encodable>(encoding value: T) -> JSONLine { .object(fields(value)) }
}

/// Any JSON value, decoded to re-emit it as a `JSONLine` with sorted keys.
private struct DecodedJSON: Decodable {
    var line: JSONLine

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            line = .null
        } else if let value = try? container.decode(Bool.self) {
            line = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            line = .int(value)
        } else if let value = try? container.decode(Double.self) {
            line = .double(value)
        } else if let value = try? container.decode(String.self) {
            line = .string(value)
        } else if let values = try? container.decode([DecodedJSON].self) {
            line = .array(values.map(\.line))
        } else {
            let object = try container.decode([String: DecodedJSON].self)
            line = .object(object.keys.sorted().map { ($0, object[$0]!.line) })
        }
    }
}
