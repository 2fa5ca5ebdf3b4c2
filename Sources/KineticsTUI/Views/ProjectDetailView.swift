import KineticsCore

/// The detail pane of the Project screen: everything about the selected function, resource or diagnostic.
enum ProjectDetailView {
    static func draw(_ item: ProjectList.Item?, state: AppState, in rect: Rect, on buffer: inout ScreenBuffer, context: RenderContext) {
        let t = context.theme
        let title: String
        switch item {
        case .function(let f): title = f.name
        case .table(let table): title = table.name
        case .queue(let q): title = q.name
        case .secret(let s): title = s
        case .diagnostic(let d): title = d.severity.rawValue.capitalized
        case nil: title = "Details"
        }
        let inner = Box.draw(in: rect, title: [Span(title, t.title)], on: &buffer, context: context).inset(left: 1, right: 1)
        guard !inner.isEmpty else { return }
        let content = item.map { lines(for: $0, state: state, width: inner.width, context: context) }
            ?? [[Span("Select a function or resource.", t.dim)]]
        ProjectView.drawLines(content, in: inner, on: &buffer)
    }

    private static let labelWidth = 10

    private static func field(_ label: String, _ value: [Span], _ context: RenderContext) -> [Span] {
        [Span(TextFit.pad(label, to: labelWidth), context.theme.dim)] + value
    }

    static func lines(for item: ProjectList.Item, state: AppState, width: Int, context: RenderContext) -> [[Span]] {
        let t = context.theme, g = context.glyphs
        let valueWidth = max(1, width - labelWidth)
        func wrappedField(_ label: String, _ text: String, _ style: Style = .plain) -> [[Span]] {
            TextFit.wrap(text, width: valueWidth, maxLines: 3, ellipsis: g.ellipsis).enumerated().map { i, line in
                field(i == 0 ? label : "", [Span(line, style)], context)
            }
        }
        switch item {
        case .function(let f):
            var lines: [[Span]] = [[Span(f.role.rawValue.capitalized + " function", t.accent.adding(.bold))]]
            switch f.trigger {
            case .endpoint:
                lines.append(field("Route", ProjectView.trigger(f.trigger, context), context))
            case .worker(let w):
                var text = "concurrency \(w.concurrency)" + (w.fifo ? " \(g.separator) fifo" : "")
                if let b = w.batchSize { text += " \(g.separator) batch \(b)" }
                lines += wrappedField("Queue", text)
            case .cron(let c):
                lines.append(field("Schedule", [Span(c.schedule)], context))
            }
            lines.append(field("Source", [Span(f.location.description)], context))
            lines.append(field("Rust fn", [Span((f.modulePath + [f.rustName]).joined(separator: "::"), t.dim)], context))
            let own = f.environment.keys.sorted()
            let shared = (state.project.project?.environment.keys.sorted() ?? []).filter { f.environment[$0] == nil }
            if own.isEmpty, shared.isEmpty {
                lines.append(field("Env", [Span("none", t.dim)], context))
            } else {
                lines += wrappedField("Env", (own + shared).joined(separator: " "))
            }
            if let info = state.project.deployed[f.name] {
                lines.append(field("Deployed", [Span(Format.shortHash(info.artifactHash), t.accent),
                                                Span(" \(g.separator) " + Format.ago(info.deployedAt, now: state.now), t.dim)], context))
                if let url = info.url { lines += wrappedField("URL", url, t.accent.adding(.underline)) }
            } else {
                lines.append(field("Deployed", [Span("not yet to \(state.header.env)", t.dim)], context))
            }
            return lines
        case .table(let table):
            var lines: [[Span]] = [[Span("DynamoDB table (kvdb)", t.accent.adding(.bold))]]
            lines.append(field("Name", [Span(table.name)], context))
            if let l = table.location { lines.append(field("Declared", [Span(l.description)], context)) }
            return lines
        case .queue(let q):
            var lines: [[Span]] = [[Span("SQS queue", t.accent.adding(.bold))]]
            lines.append(field("Name", [Span(q.name)], context))
            if let a = q.alias { lines.append(field("Alias", [Span(a)], context)) }
            if let c = q.concurrency { lines.append(field("Workers", [Span("concurrency \(c)")], context)) }
            if let l = q.location { lines.append(field("Declared", [Span(l.description)], context)) }
            return lines
        case .secret(let name):
            let source = state.project.project?.secretSource == .file ? ".env.secrets" : "KINETICS_SECRET_* variables"
            return [[Span("Secret", t.accent.adding(.bold))], field("Name", [Span(name)], context),
                    field("From", [Span(source)], context), field("Stored", [Span("SSM SecureString")], context)]
                + wrappedField("", "The value is never shown or recorded.", t.dim)
        case .diagnostic(let d):
            var lines: [[Span]] = [[StatusMarks.severity(d.severity, context), Span(" " + d.code, t.bold)]]
            if let l = d.location { lines.append(field("At", [Span(l.description)], context)) }
            lines += TextFit.wrap(d.message, width: width, ellipsis: g.ellipsis).map { [Span($0)] }
            return lines
        }
    }
}
