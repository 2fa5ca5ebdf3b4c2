import ArgumentParser
import Foundation
import KineticsCore

/// `kinetics-tui history`: the deploy sessions recorded in the local cache, or one of them in full.
///
/// JSON (`--json`), stable: a list is `{"cache": PATH, "total": N, "sessions": [SessionSummary]}`; one session
/// is `{"cache": PATH, "session": SessionDetail}` with `summary`, `plan`, `functions`, `events` (oldest first,
/// each `{"event": StackEvent, "stackPath": [...], "isRootStackEvent": Bool}`), `eventsTruncated` and
/// `outputs`. Field names are those of the KineticsCore types; times are ISO 8601 UTC with milliseconds; text
/// from AWS (reasons, messages) has control and escape sequences removed, newlines kept.
///
/// Exit status: 0 success (an empty history included), 1 no such session, 2 bad usage.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List deploy sessions recorded in the local cache, or show one.",
        discussion: """
            Without SESSION, lists sessions newest first. With SESSION (a number from the list), shows its plan, \
            per-function results, stack events, root cause and duration.
            Exit status: 0 success, 1 no such session, 2 bad usage.
            """
    )

    @Argument(help: "A session number from the list.")
    var session: Int64?

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @Option(help: ArgumentHelp("Only sessions of the project in this folder.", valueName: "dir"))
    var project: String?

    @Option(help: ArgumentHelp("Only sessions of this environment.", valueName: "name"))
    var env: String?

    @Option(help: ArgumentHelp("Only sessions that ended so: \(SessionOutcome.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "outcome"))
    var outcome: String?

    @Option(help: ArgumentHelp("Only sessions of this stack.", valueName: "name"))
    var stack: String?

    @Option(help: "How many sessions to list.")
    var limit = 20

    @Option(help: "Skip this many of the newest sessions.")
    var offset = 0

    @Option(help: ArgumentHelp("How many events to show for one session (0: all).", valueName: "n"))
    var events = 0

    @Option(help: ArgumentHelp("The cache file (default: $KINETICS_TUI_CACHE, else $XDG_STATE_HOME/kinetics-tui/cache.sqlite).", valueName: "path"))
    var cache: String?

    func validate() throws {
        if let session, session <= 0 { throw ValidationError("SESSION is a positive number, as `kinetics-tui history` lists it.") }
        guard (1...10_000).contains(limit) else { throw ValidationError("--limit must be between 1 and 10000.") }
        guard offset >= 0 else { throw ValidationError("--offset cannot be negative.") }
        guard events >= 0 else { throw ValidationError("--events cannot be negative.") }
        if let outcome, SessionOutcome(rawValue: outcome) == nil {
            throw ValidationError("Unknown --outcome '\(outcome)'; use one of \(SessionOutcome.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        if session != nil, project != nil || env != nil || outcome != nil || stack != nil {
            throw ValidationError("--project, --env, --outcome and --stack filter the list; they do not apply to one SESSION.")
        }
    }

    func run() throws {
        let path = cache.map { CacheLocation.expandTilde($0) } ?? CacheLocation.defaultPath()
        guard FileManager.default.fileExists(atPath: path) else {
            if let session {
                printError("No deploy session \(session): there is no cache at \(path) yet.")
                throw ExitCode(1)
            }
            emitList([], total: 0, path: path)
            return
        }
        let opening: LocalCache.Opening
        do {
            opening = try LocalCache.open(path: path, connection: .single)
        } catch {
            printError(error.description)
            throw ExitCode.failure
        }
        for warning in opening.warnings { printError(warning.description) }
        let cache = opening.cache
        do {
            if let session {
                guard let detail = try cache.session(session, eventLimit: events == 0 ? nil : events) else {
                    printError("No deploy session \(session) in the cache at \(path). Run `kinetics-tui history` to list sessions.")
                    throw ExitCode(1)
                }
                emitDetail(detail, path: path)
            } else {
                let filter = SessionFilter(
                    projectPath: project.map(SessionStart.canonicalProjectPath), env: env,
                    outcome: outcome.flatMap(SessionOutcome.init(rawValue:)), stackName: stack
                )
                let list = try cache.listSessions(filter, limit: limit, offset: offset)
                let total = list.count < limit && offset == 0 ? list.count : try cache.countSessions(filter)
                emitList(list, total: total, path: path)
            }
        } catch let error as CacheError {
            printError(error.description)
            throw ExitCode.failure
        }
    }

    // MARK: - Output

    private func emitList(_ sessions: [SessionSummary], total: Int, path: String) {
        if json {
            printJSON(ListDocument(cache: path, total: total, sessions: sessions.map { $0.displaySafe() }))
            return
        }
        guard !sessions.isEmpty else {
            print(offset > 0 ? "No more deploy sessions." : "No deploy sessions recorded yet.")
            return
        }
        var rows = [["ID", "STARTED", "STACK", "ENV", "OUTCOME", "DURATION", "FUNCS", "EVENTS", "COMMIT", "ROOT CAUSE"]]
        for s in sessions {
            rows.append([
                String(s.id), HistoryFormat.time(s.startedAt), clean(s.stack.name), clean(s.env), s.outcome.rawValue,
                s.duration.map(HistoryFormat.duration) ?? "-", String(s.functionCount), String(s.eventCount),
                s.gitCommit.map { String(clean($0).prefix(7)) + (s.gitDirty == true ? "+" : "") } ?? "-",
                s.rootCause.map { HistoryFormat.truncate("\($0.displayName): \($0.displayReason)", 60) }
                    ?? s.message.map { HistoryFormat.truncate(clean($0), 60) } ?? "",
            ])
        }
        print(HistoryFormat.table(rows))
        if total > offset + sessions.count {
            print("\(sessions.count) of \(total) sessions; --offset \(offset + sessions.count) for more.")
        }
    }

    private func emitDetail(_ detail: SessionDetail, path: String) {
        if json {
            printJSON(DetailDocument(cache: path, session: detail.displaySafe()))
            return
        }
        let s = detail.summary
        print("Session \(s.id): \(clean(s.stack.name)) (\(clean(s.env))) \(s.kind.rawValue), \(s.outcome.rawValue)")
        var facts: [[String]] = []
        if let name = s.projectName { facts.append(["Project", "\(clean(name)) \(s.projectPath.map { "(\(clean($0)))" } ?? "")"]) }
        let who = [s.user.map(clean), s.host.map { "on \(clean($0))" }, s.toolVersion.map { "kinetics-tui \(clean($0))" }]
            .compactMap { $0 }.joined(separator: " ")
        facts.append(["Started", "\(HistoryFormat.time(s.startedAt))  \(who)"])
        facts.append(["Finished", s.finishedAt.map { "\(HistoryFormat.time($0))  (\(s.duration.map(HistoryFormat.duration) ?? "-"))" } ?? "not finished"])
        if let commit = s.gitCommit { facts.append(["Commit", clean(commit) + (s.gitDirty == true ? " (uncommitted changes)" : "")]) }
        let endpoint = s.stack.endpoint.isEmpty ? "" : "  \(clean(s.stack.endpoint))"
        facts.append(["Stack", "\(s.finalStatus.map(clean) ?? "-")  \(clean(s.stack.region))\(endpoint)"])
        if let size = s.changeSetSize { facts.append(["Change set", "\(size) change\(size == 1 ? "" : "s")"]) }
        if let message = s.message { facts.append(["Note", clean(message)]) }
        print(HistoryFormat.table(facts, indent: 2))

        if let cause = s.rootCause {
            print("\nRoot cause")
            print("  \(cause.displayName) (\(clean(cause.resourceType))) \(clean(cause.status)) at \(HistoryFormat.time(cause.timestamp))")
            print("  \(cause.displayReason)")
        }
        if let plan = detail.plan, !plan.functions.isEmpty || !plan.changes.isEmpty {
            print("\nPlan")
            var rows: [[String]] = []
            for f in plan.functions { rows.append([clean(f.action), clean(f.name), f.role.map(clean) ?? "", f.reason.map(clean) ?? ""]) }
            for c in plan.changes {
                rows.append([clean(c.action), clean(c.logicalResourceId), clean(c.resourceType), c.replacement.map { "replacement: \(clean($0))" } ?? ""])
            }
            print(HistoryFormat.table(rows, indent: 2))
        }
        if !detail.functions.isEmpty {
            print("\nFunctions")
            var rows = [["NAME", "STATUS", "BUILD", "UPLOAD", "SIZE", "ARTIFACT"]]
            for f in detail.functions {
                rows.append([
                    clean(f.name), f.status.rawValue + (f.error.map { ": " + HistoryFormat.truncate(clean($0), 50) } ?? ""),
                    f.buildSkipped ? "skipped" : f.buildSeconds.map(HistoryFormat.duration) ?? "-",
                    f.uploadSkipped ? "skipped" : f.uploadSeconds.map(HistoryFormat.duration) ?? "-",
                    f.artifactBytes.map(HistoryFormat.bytes) ?? "-", f.artifactSha256.map { String(clean($0).prefix(12)) } ?? "-",
                ])
            }
            print(HistoryFormat.table(rows, indent: 2))
        }
        print("\nEvents (\(detail.events.count)\(detail.eventsTruncated ? " of \(s.eventCount)" : ""))")
        if detail.events.isEmpty {
            print("  none recorded")
        } else {
            var rows: [[String]] = []
            for e in detail.events {
                rows.append([
                    HistoryFormat.clock(e.event.timestamp), e.displayName, clean(e.event.resourceStatus), clean(e.event.resourceType),
                    [e.event.detailedStatus.map(clean), e.displayReason].compactMap { $0 }.joined(separator: " "),
                ])
            }
            print(HistoryFormat.table(rows, indent: 2))
        }
        if !detail.outputs.isEmpty {
            print("\nOutputs")
            print(HistoryFormat.table(detail.outputs.map { [clean($0.key), clean($0.value)] }, indent: 2))
        }
    }

    private func printJSON<T: Encodable>(_ value: T) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(HistoryFormat.iso8601(date))
        }
        do {
            print(String(decoding: try encoder.encode(value), as: UTF8.self))
        } catch {
            printError("Cannot encode the history as JSON: \(error)")
        }
    }

    private func printError(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    private func clean(_ text: String) -> String { TextSanitizer.sanitize(text) }

    private struct ListDocument: Encodable {
        var cache: String
        var total: Int
        var sessions: [SessionSummary]
    }

    private struct DetailDocument: Encodable {
        var cache: String
        var session: SessionDetail
    }
}

// MARK: - Display-safe copies for JSON

private func safe(_ text: String?) -> String? { text.map { TextSanitizer.sanitize($0, keepNewlines: true) } }

private extension SessionSummary {
    func displaySafe() -> SessionSummary {
        var copy = self
        copy.message = safe(message)
        copy.rootCause = rootCause.map { cause in
            var c = cause
            c.reason = TextSanitizer.sanitize(cause.reason, keepNewlines: true)
            return c
        }
        return copy
    }
}

private extension SessionDetail {
    func displaySafe() -> SessionDetail {
        var copy = self
        copy.summary = summary.displaySafe()
        copy.functions = functions.map { f in
            var c = f
            c.error = safe(f.error)
            return c
        }
        copy.events = events.map { e in
            var c = e
            c.event.resourceStatusReason = safe(e.event.resourceStatusReason)
            return c
        }
        return copy
    }
}
