import KineticsCore

/// The Project screen: functions by role, resources and diagnostics in a list, and the selection in detail.
enum ProjectView {
    struct Layout {
        var list: Rect
        var detail: Rect

        /// The list's rows that fit inside its border.
        var visibleRows: Int { max(1, list.height - 2) }
    }

    /// Wide terminals put the detail pane beside the list; narrow ones below it.
    static func layout(_ size: Size) -> Layout {
        let body = Chrome.body(size)
        if body.width >= 72 {
            let listWidth = body.width >= 110 ? body.width * 58 / 100 : max(40, body.width - 36)
            let (list, detail) = body.splitLeft(listWidth)
            return Layout(list: list, detail: detail)
        }
        let (list, detail) = body.splitBottom(min(8, body.height / 2))
        return Layout(list: list, detail: detail)
    }

    static func draw(_ state: AppState, on buffer: inout ScreenBuffer, context: RenderContext) {
        let layout = layout(state.size)
        let project = state.project
        let rows = ProjectList.rows(project)
        let t = context.theme, g = context.glyphs

        var title = [Span("Functions & resources", t.title)]
        if let p = project.project { title.append(Span(" \(p.functions.count) fn", t.dim)) }
        var note: [Span] = []
        if !project.filter.isEmpty { note = [Span("/", t.key), Span(project.filter, t.accent)] }
        let errors = project.diagnostics.filter { $0.severity == .error }.count
        let warnings = project.diagnostics.filter { $0.severity == .warning }.count
        let notes = project.diagnostics.count - errors - warnings
        if note.isEmpty {
            for (count, glyph, style) in [(errors, g.failed, t.failure), (warnings, g.warning, t.warning), (notes, g.note, t.dim)] where count > 0 {
                note += [Span(note.isEmpty ? "" : "  "), Span(glyph, style), Span(" \(count)", style)]
            }
        }
        let inner = Box.draw(in: layout.list, title: title, note: note, focused: true, on: &buffer, context: context)

        switch project.load {
        case .loading:
            buffer.put("Discovering functions and resources" + g.ellipsis, x: inner.x + 1, y: inner.y, style: t.dim, clip: inner)
        case .failed(let message):
            drawLines(wrapped([Span(message, t.failure)], width: inner.width - 2, context), in: inner.inset(left: 1), on: &buffer)
        case .loaded:
            if rows.isEmpty {
                let text = project.filter.isEmpty
                    ? "No functions found. Add #[endpoint], #[worker] or #[cron] to a function in src/."
                    : "Nothing matches \"\(project.filter)\". Esc clears the filter."
                drawLines(wrapped([Span(text, t.dim)], width: inner.width - 2, context), in: inner.inset(left: 1), on: &buffer)
            } else {
                drawList(rows, state: state, in: inner, on: &buffer, context: context)
            }
        }

        let item = ProjectList.item(at: project.list.selection, in: rows)
        var detailRect = layout.detail
        if layout.detail.height >= 40, layout.detail.width >= 40, !project.diagnostics.isEmpty {
            // Tall terminals show every diagnostic in full under the detail pane, as a compiler prints them.
            let lines = diagnosticLines(project.diagnostics, width: layout.detail.width - 4, context: context)
            let split = layout.detail.splitBottom(min(lines.count + 2, layout.detail.height / 2))
            detailRect = split.rest
            let inner = Box.draw(in: split.bottom, title: [Span("Diagnostics", t.title), Span(" \(project.diagnostics.count)", t.dim)],
                                 on: &buffer, context: context).inset(left: 1, right: 1)
            drawLines(lines, in: inner, on: &buffer)
        }
        ProjectDetailView.draw(item, state: state, in: detailRect, on: &buffer, context: context)
    }

    /// `⚠ src/orders.rs:32:10 unknown-attribute-key`, then the message wrapped, for each diagnostic.
    static func diagnosticLines(_ diagnostics: [Diagnostic], width: Int, context: RenderContext) -> [[Span]] {
        let t = context.theme
        return diagnostics.flatMap { d -> [[Span]] in
            let head = [StatusMarks.severity(d.severity, context), Span(" " + (d.location?.description ?? "project"), t.bold),
                        Span(" " + d.code, t.dim)]
            return [head] + TextFit.wrap(d.message, width: width - 2, maxLines: 4, ellipsis: context.glyphs.ellipsis)
                .map { [Span("  " + $0)] }
        }
    }

    /// The list's columns; TRIGGER asks for the width of its longest route, queue or schedule (14 to 30 cells), so
    /// a narrower list gives up SOURCE (shown in the detail pane too) before it cuts a route short.
    static func columns(triggerWidth: Int = 14) -> [TableColumn] {
        [
            TableColumn("", width: 2),
            TableColumn("NAME", width: 16, flexible: true, maxWidth: 28),
            TableColumn("TRIGGER", width: min(30, max(14, triggerWidth)), flexible: true),
            TableColumn("DEPLOYED", width: 10, priority: 1),
            TableColumn("SOURCE", width: 20, flexible: true, maxWidth: 40, priority: 2),
        ]
    }

    /// The widest TRIGGER cell among the functions.
    static func triggerWidth(_ rows: [ProjectList.Row], _ context: RenderContext) -> Int {
        rows.reduce(0) { widest, row in
            guard case .item(.function(let f)) = row else { return widest }
            return max(widest, trigger(f.trigger, context).reduce(0) { $0 + DisplayWidth.of($1.text) })
        }
    }

    private static func drawList(_ rows: [ProjectList.Row], state: AppState, in rect: Rect, on buffer: inout ScreenBuffer, context: RenderContext) {
        let t = context.theme, g = context.glyphs
        let project = state.project
        let visible = rect.height
        let top = project.list.visibleOffset(count: rows.count, visible: visible)
        Table.draw(columns: columns(triggerWidth: triggerWidth(rows, context)), rowCount: rows.count, top: top,
                   selected: project.list.selection, header: false,
                   in: rect, on: &buffer, context: context) { index in
            switch rows[index] {
            case .section(let title, let count):
                return .line([Span(" " + title.uppercased(), t.columnHeader), Span(" \(count)", t.dim)])
            case .item(let item):
                let selected = index == project.list.selection
                var marker = Span(selected ? " " + g.selection : "  ", t.accent)
                if case .function(let f) = item, project.marked.contains(f.name) {
                    marker = Span(selected ? g.selection + g.marked : " " + g.marked, t.accent)
                }
                if case .diagnostic(let d) = item {
                    return .line([marker, Span(" "), StatusMarks.severity(d.severity, context),
                                  Span(" " + (d.location.map { "\($0.file):\($0.line)" } ?? "project"), t.dim), Span(" " + d.message)])
                }
                return .cells([[marker]] + cells(for: item, state: state, context: context))
            }
        }
    }

    /// NAME, TRIGGER, DEPLOYED, SOURCE cells of one item.
    private static func cells(for item: ProjectList.Item, state: AppState, context: RenderContext) -> [[Span]] {
        let t = context.theme
        switch item {
        case .function(let f):
            let deployed: [Span]
            if let info = state.project.deployed[f.name] {
                deployed = [Span(context.glyphs.complete, t.success), Span(" " + Format.ago(info.deployedAt, now: state.now), t.dim)]
            } else {
                deployed = [Span(context.glyphs.dash, t.dim)]
            }
            return [[Span(f.name, t.bold)], trigger(f.trigger, context), deployed,
                    [Span("\(f.location.file):\(f.location.line)", t.dim)]]
        case .table(let table):
            return [[Span(table.name)], [Span("kvdb table", t.dim)], [], [Span(table.location.map { "\($0.file):\($0.line)" } ?? "", t.dim)]]
        case .queue(let queue):
            return [[Span(queue.name)], [Span("queue", t.dim)], [], [Span(queue.location.map { "\($0.file):\($0.line)" } ?? "", t.dim)]]
        case .secret(let name):
            return [[Span(name)], [Span("secret", t.dim)], [], [Span(state.project.project?.secretSource == .file ? ".env.secrets" : "environment", t.dim)]]
        case .diagnostic(let d):
            return [[StatusMarks.severity(d.severity, context), Span(" " + d.message)], [], [],
                    [Span(d.location.map(\.description) ?? "", t.dim)]]
        }
    }

    /// `GET POST /products/{id}`, `queue ×4 fifo`, `rate(1 day)`.
    static func trigger(_ trigger: FunctionTrigger, _ context: RenderContext) -> [Span] {
        let t = context.theme
        switch trigger {
        case .endpoint(let e):
            let methods = e.methods.count == HTTPMethod.allCases.count ? "ANY" : e.methods.map(\.rawValue).joined(separator: ",")
            return [Span(methods, t.accent), Span(" " + e.urlPath)] + (e.isDisabled ? [Span(" (disabled)", t.dim)] : [])
        case .worker(let w):
            var text = "queue x\(w.concurrency)"
            if w.fifo { text += " fifo" }
            if let b = w.batchSize { text += " batch \(b)" }
            return [Span(text)]
        case .cron(let c):
            return [Span(c.schedule)]
        }
    }

    static func wrapped(_ spans: [Span], width: Int, _ context: RenderContext) -> [[Span]] {
        spans.flatMap { span in
            TextFit.wrap(span.text, width: width, ellipsis: context.glyphs.ellipsis).map { [Span($0, span.style)] }
        }
    }

    static func drawLines(_ lines: [[Span]], in rect: Rect, on buffer: inout ScreenBuffer) {
        for (i, line) in lines.enumerated() where i < rect.height {
            buffer.put(line, x: rect.x, y: rect.y + i, clip: rect)
        }
    }
}
