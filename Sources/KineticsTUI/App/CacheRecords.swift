import Foundation
import KineticsCore

/// How the cache's records become the console's rows: one place, so History, Compare and the Project screen's
/// "last deployed" read the same fields the same way.
enum CacheRecords {
    static func row(_ summary: SessionSummary, functionsChanged: Int? = nil) -> SessionRow {
        SessionRow(
            id: String(summary.id), startedAt: summary.startedAt, env: summary.env, stackName: summary.stack.name,
            outcome: outcome(summary), duration: summary.duration,
            functionsChanged: summary.outcome == .noChanges ? 0 : functionsChanged ?? summary.functionCount,
            gitCommit: summary.gitCommit.map { String($0.prefix(7)) + (summary.gitDirty == true ? "+" : "") },
            reattach: reattachKind(summary))
    }

    /// How a session can be re-attached to: detached or interrupted after its stack operation was started.
    static func reattachKind(_ summary: SessionSummary) -> DeployKind? {
        guard summary.outcome == .detached || summary.outcome == .interrupted, summary.clientRequestToken != nil else { return nil }
        return summary.kind == .destroy ? .destroy : .deploy
    }

    static func outcome(_ summary: SessionSummary) -> SessionRow.Outcome {
        switch summary.outcome {
        case .running: return .running
        case .succeeded: return summary.kind == .destroy ? .destroyed : .succeeded
        case .failed: return .failed
        case .rolledBack: return .rolledBack
        case .cancelled: return .cancelled
        case .detached: return .detached
        case .interrupted: return .interrupted
        case .noChanges: return .noChanges
        }
    }

    /// Functions that were built or uploaded in the session (not skipped as unchanged).
    static func changedFunctions(_ functions: [SessionFunction]) -> Int {
        functions.filter { $0.status != .skipped && !($0.buildSkipped && $0.uploadSkipped) }.count
    }

    static func detail(_ detail: SessionDetail) -> SessionDetailModel {
        let changes = detail.plan?.changes.map { change in
            ChangeRow(
                action: ChangeRow.Action(rawValue: change.action) ?? .dynamic, logicalId: change.logicalResourceId,
                resourceType: change.resourceType, replacement: change.replacement.flatMap(ChangeRow.Replacement.init(rawValue:)))
        } ?? []
        var resources: [String: String] = [:]
        for change in changes where change.action != .remove { resources[change.logicalId] = change.resourceType }
        for tracked in detail.events where !tracked.event.isStackEvent && tracked.stackPath.isEmpty {
            resources[tracked.event.logicalResourceId] = tracked.event.resourceType
        }
        return SessionDetailModel(
            session: row(detail.summary, functionsChanged: changedFunctions(detail.functions)),
            changeSet: changes,
            functions: detail.functions.map(functionRow),
            events: detail.events.map(\.event),
            rootCause: detail.summary.rootCause.map(rootCause),
            message: detail.summary.message,
            outputs: detail.outputs.map { OutputRow(key: $0.key, value: $0.value, description: $0.description) },
            templateResources: resources)
    }

    static func functionRow(_ function: SessionFunction) -> FunctionProgressRow {
        let stage: FunctionProgressRow.Stage
        switch function.status {
        case .pending: stage = .queued
        case .building: stage = .building(fraction: nil)
        case .built: stage = .packaging
        case .uploading: stage = .uploading(sent: function.uploadedBytes ?? 0, total: function.artifactBytes ?? 0, bytesPerSecond: nil)
        case .uploaded, .deployed: stage = .done
        case .skipped: stage = .skippedUnchanged
        case .failed: stage = .failed(function.error ?? "failed")
        }
        return FunctionProgressRow(
            name: function.name, stage: stage, artifactHash: function.artifactSha256, artifactBytes: function.artifactBytes,
            deployed: function.status == .deployed)
    }

    static func rootCause(_ cause: RootCause) -> RootCauseInfo {
        RootCauseInfo(
            logicalId: cause.stackPath.isEmpty ? cause.logicalResourceId : (cause.stackPath + [cause.logicalResourceId]).joined(separator: "/"),
            resourceType: cause.resourceType, status: cause.status, reason: cause.reason, stackName: cause.stackName,
            timestamp: cause.timestamp)
    }

    /// The stacks the sessions deployed to, newest first, with the status the cache last recorded for each.
    static func stacks(of sessions: [SessionSummary], lastStatus: (StackIdentity) -> StackSummary?) -> [StackRow] {
        var seen = Set<StackIdentity>()
        var rows: [StackRow] = []
        for session in sessions where seen.insert(session.stack).inserted {
            let known = lastStatus(session.stack)
            rows.append(StackRow(
                name: session.stack.name, env: session.env,
                region: session.stack.endpoint.isEmpty ? session.stack.region : "\(session.stack.region) (\(HeaderView.hostPort(session.stack.endpoint)))",
                status: known?.status ?? session.finalStatus, lastOutcome: outcome(session),
                updatedAt: known?.lastUpdatedAt ?? session.finishedAt ?? session.startedAt))
        }
        return rows
    }

    /// Per function, its newest successful deploy among `sessions` (newest first, each with its functions and the
    /// stack's outputs): the artifact hash, when, and its URL from the outputs (`paths`: endpoints' `url_path`).
    static func deployedFunctions(_ sessions: [SessionDetail], paths: [String: String] = [:]) -> [DeployedFunctionInfo] {
        var infos: [String: DeployedFunctionInfo] = [:]
        for detail in sessions where detail.summary.outcome == .succeeded && detail.summary.kind == .deploy {
            for function in detail.functions where infos[function.name] == nil && function.status != .failed {
                guard let hash = function.artifactSha256 else { continue }
                infos[function.name] = DeployedFunctionInfo(
                    name: function.name, artifactHash: hash,
                    deployedAt: detail.summary.finishedAt ?? detail.summary.startedAt,
                    url: functionURL(function.name, outputs: detail.outputs, path: paths[function.name]))
            }
        }
        return infos.values.sorted { $0.name < $1.name }
    }

    /// A function's URL from the stack's outputs: its Function URL (`<Function>FunctionUrl`, or `<Function>Url`),
    /// else for an endpoint the HTTP API's `BaseURL` with its `url_path`, else an output whose description names the
    /// function. Only http(s) values count, so a worker's queue URL output is never taken for it.
    static func functionURL(_ function: String, outputs: [StackOutput], path: String? = nil) -> String? {
        let name = alphanumericLowercased(function)
        guard !name.isEmpty else { return nil }
        let candidates = outputs.filter { $0.value.hasPrefix("http://") || $0.value.hasPrefix("https://") }
        if let own = candidates.first(where: { [name + "functionurl", name + "url"].contains(alphanumericLowercased($0.key)) }) {
            return own.value
        }
        if let path, let base = candidates.first(where: { alphanumericLowercased($0.key) == "baseurl" }) {
            var root = base.value
            while root.hasSuffix("/") { root.removeLast() }
            return root + (path.hasPrefix("/") ? path : "/" + path)
        }
        return candidates.first { output in
            guard let description = output.description else { return false }
            return description.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).contains { $0.lowercased() == name }
        }?.value
    }

    private static func alphanumericLowercased(_ text: String) -> String {
        String(text.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init)).lowercased()
    }
}
