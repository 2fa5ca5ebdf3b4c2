/// The human-readable listing of `kinetics-tui discover`: per project its functions grouped by role (URL path
/// and methods, queue settings, schedule), resources, environment and secret names, then the diagnostics.
///
/// Columns are aligned; every name, path and message from the project goes through `TextSanitizer`, so a file
/// cannot move the cursor or recolour the terminal. `.env` values whose names look secret are masked.
public enum DiscoveryListing {
    /// Terminal styling; `plain` for pipes, files and `NO_COLOR`.
    public enum Style: Sendable {
        case plain
        case color
    }

    public static func render(_ result: DiscoveryResult, style: Style = .plain) -> String {
        var out = Output(style: style)
        for (index, project) in result.projects.enumerated() {
            if index > 0 { out.line() }
            render(project, into: &out)
        }
        if !result.diagnostics.isEmpty {
            if !result.projects.isEmpty { out.line() }
            out.line(out.bold("Diagnostics"))
            for diagnostic in result.diagnostics {
                let place = diagnostic.location.map { "\(clean($0.description)): " } ?? ""
                out.line("  " + out.dim(place) + out.severity(diagnostic.severity) + ": " + clean(diagnostic.message) + " " + out.dim("[\(diagnostic.code)]"))
            }
        }
        out.line()
        out.line(summary(result))
        return out.text
    }

    // MARK: - Sections

    private static func render(_ project: Project, into out: inout Output) {
        var heading = out.bold(clean(project.name))
        var details: [String] = []
        if project.relativeRoot != "." { details.append(clean(project.relativeRoot)) }
        if project.crateName != project.name { details.append("crate \(clean(project.crateName))") }
        if project.dependsOnKinetics { details.append("kinetics crate") }
        if !details.isEmpty { heading += "  " + out.dim(details.joined(separator: " · ")) }
        out.line(heading)

        let nameWidth = project.functions.map { clean($0.name).count }.max() ?? 0
        let methodsWidth = project.functions.compactMap { function -> Int? in
            guard case .endpoint(let settings) = function.trigger else { return nil }
            return methods(settings).count
        }.max() ?? 0
        let describe = { (function: KineticsFunction) in Self.describe(function, methodsWidth: methodsWidth) }
        let detailWidth = project.functions.map { describe($0).count }.max() ?? 0
        for role in FunctionRole.allCases {
            let functions = project.functions.filter { $0.role == role }
            guard !functions.isEmpty else { continue }
            out.line("  " + out.bold(title(of: role)))
            for function in functions {
                let detail = describe(function)
                let name = pad(clean(function.name), nameWidth)
                let location = "\(function.location.file):\(function.location.line)"
                out.line("    " + name + "  " + pad(detail, detailWidth) + "  " + out.dim(clean(location)))
                if !function.environment.isEmpty {
                    let pairs = function.environment.keys.sorted().map { key in
                        "\(clean(key))=\(shownValue(key: key, value: function.environment[key]!))"
                    }
                    out.line("    " + pad("", nameWidth) + "  " + out.dim("env " + pairs.joined(separator: " ")))
                }
            }
        }
        if project.functions.isEmpty { out.line("  " + out.dim("no functions")) }

        out.line("  " + out.bold("Resources"))
        let tables = project.tables.map { clean($0.name) }
        out.line("    kvdb    " + (tables.isEmpty ? out.dim("none") : tables.joined(separator: ", ")))
        if !project.queues.isEmpty {
            let queues = project.queues.map { queue in
                var text = clean(queue.name)
                if let alias = queue.alias { text += " (alias \(clean(alias)))" }
                if let concurrency = queue.concurrency { text += " ×\(concurrency)" }
                return text
            }
            out.line("    queues  " + queues.joined(separator: ", ") + out.dim("  (Cargo.toml metadata)"))
        }
        out.line("    sqldb   " + out.dim("one Aurora DSQL database per project"))
        if let datadog = project.datadogAPIKeyEnv {
            out.line("    datadog " + "API key from $\(clean(datadog))")
        }

        out.line("  " + out.bold("Environment") + out.dim("  .env, for every function"))
        if project.environment.isEmpty {
            out.line("    " + out.dim("none"))
        } else {
            let keys = project.environment.keys.sorted()
            let width = keys.map { clean($0).count }.max() ?? 0
            for key in keys {
                out.line("    " + pad(clean(key), width) + "  " + shownValue(key: key, value: project.environment[key]!))
            }
        }

        switch project.secretSource {
        case .file:
            out.line("  " + out.bold("Secrets") + out.dim("  names only, from .env.secrets"))
        case .environment:
            out.line("  " + out.bold("Secrets") + out.dim("  names only, from \(SecretsLoader.environmentPrefix)* variables"))
        case .none:
            out.line("  " + out.bold("Secrets") + out.dim("  no .env.secrets and no \(SecretsLoader.environmentPrefix)* variables"))
        }
        out.line("    " + (project.secretNames.isEmpty ? out.dim("none") : project.secretNames.map(clean).joined(separator: ", ")))
    }

    private static func title(of role: FunctionRole) -> String {
        switch role {
        case .endpoint: "Endpoints"
        case .worker: "Workers"
        case .cron: "Crons"
        }
    }

    private static func methods(_ settings: EndpointSettings) -> String {
        settings.methods == HTTPMethod.allCases ? "ANY" : settings.methods.map(\.rawValue).joined(separator: ",")
    }

    private static func describe(_ function: KineticsFunction, methodsWidth: Int) -> String {
        switch function.trigger {
        case .endpoint(let settings):
            return pad(methods(settings), methodsWidth) + "  " + clean(settings.urlPath) + (settings.isDisabled ? "  (disabled)" : "")
        case .worker(let settings):
            var parts = ["concurrency \(settings.concurrency)"]
            parts.append(settings.batchSize.map { "batch \($0)" } ?? "batch default")
            parts.append(settings.fifo ? "FIFO queue" : "standard queue")
            return parts.joined(separator: " · ")
        case .cron(let settings):
            return clean(settings.schedule)
        }
    }

    private static func summary(_ result: DiscoveryResult) -> String {
        let functions = result.projects.reduce(0) { $0 + $1.functions.count }
        let errors = result.diagnostics.count { $0.severity == .error }
        let warnings = result.diagnostics.count { $0.severity == .warning }
        let notes = result.diagnostics.count { $0.severity == .note }
        return [
            plural(result.projects.count, "project"), plural(functions, "function"),
            plural(errors, "error"), plural(warnings, "warning"), plural(notes, "note"),
        ].joined(separator: " · ")
    }

    private static func plural(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }

    private static func shownValue(key: String, value: String) -> String {
        EnvironmentName.looksSecret(key) ? "•••••• (masked: looks like a secret)" : clean(value)
    }

    private static func clean(_ text: String) -> String { TextSanitizer.sanitize(text) }

    private static func pad(_ text: String, _ width: Int) -> String {
        let count = text.count
        return count >= width ? text : text + String(repeating: " ", count: width - count)
    }

    // MARK: - Output

    private struct Output {
        let style: Style
        var text = ""

        mutating func line(_ content: String = "") {
            text += content
            text += "\n"
        }

        func bold(_ text: String) -> String { wrap(text, "1") }
        func dim(_ text: String) -> String { text.isEmpty ? text : wrap(text, "2") }

        func severity(_ severity: Diagnostic.Severity) -> String {
            switch severity {
            case .error: wrap("error", "1;31")
            case .warning: wrap("warning", "1;33")
            case .note: wrap("note", "1;36")
            }
        }

        private func wrap(_ text: String, _ code: String) -> String {
            style == .color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
        }
    }
}
