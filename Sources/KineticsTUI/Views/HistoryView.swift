/// The History screen: deploy sessions newest first (filterable, two can be marked for Compare) and the stacks
/// known for this project with their last status. Enter opens a session in ``SessionDetailView``.
enum HistoryView {
    struct Layout {
        var sessions: Rect
        var stacks: Rect

        /// Session rows that fit below the border and column header.
        var visibleRows: Int { max(1, sessions.height - 3) }
    }

    static func layout(_ state: AppState) -> Layout {
        let body = Chrome.body(state.size)
        if body.width >= 120 {
            let (sessions, stacks) = body.splitLeft(body.width - (body.width >= 150 ? 60 : 46))
            return Layout(sessions: sessions, stacks: stacks)
        }
        let stackRows = min(max(1, state.history.stacks.count), body.height >= 40 ? 8 : 3)
        let (sessions, stacks) = body.splitBottom(stackRows + 3)
        return Layout(sessions: sessions, stacks: stacks)
    }

    /// The sessions the filter lets through, newest first as loaded.
    static func filteredSessions(_ history: HistoryState) -> [SessionRow] {
        guard !history.filter.isEmpty else { return history.sessions }
        let needle = history.filter.lowercased()
        return history.sessions.filter { s in
            [s.id, s.env, s.stackName, s.outcome.rawValue, s.gitCommit ?? ""].contains { $0.lowercased().contains(needle) }
        }
    }

    /// The session under the cursor in the filtered list.
    static func selectedSession(_ history: HistoryState) -> SessionRow? {
        let sessions = filteredSessions(history)
        return sessions.indices.contains(history.list.selection) ? sessions[history.list.selection] : nil
    }

    static let sessionColumns = [
        TableColumn("", width: 2),
        TableColumn("WHEN", width: 16),
        TableColumn("", width: 9, priority: 2),
        TableColumn("ENV", width: 8),
        TableColumn("OUTCOME", width: 15),
        TableColumn("DURATION", width: 8, alignment: .right),
        TableColumn("FNS", width: 4, alignment: .right),
        TableColumn("COMMIT", width: 8, priority: 1),
        TableColumn("STACK", width: 12, flexible: true, maxWidth: 30, priority: 3),
    ]

    static func draw(_ state: AppState, on buffer: inout ScreenBuffer, context: RenderContext) {
        if state.history.detail != nil {
            SessionDetailView.draw(state, on: &buffer, context: context)
            return
        }
        let layout = layout(state)
        let history = state.history
        let t = context.theme, g = context.glyphs
        let sessions = filteredSessions(history)
        var note: [Span] = []
        if !history.filter.isEmpty { note += [Span("/", t.key), Span(history.filter, t.accent)] }
        if !history.marked.isEmpty {
            if !note.isEmpty { note.append(Span("  ")) }
            note += [Span(g.marked, t.accent), Span(" \(history.marked.count) marked", t.dim)]
            if history.marked.count == 2 { note += [Span("  c", t.key), Span(" compare", t.dim)] }
        }
        if selectedSession(history)?.reattach != nil {
            if !note.isEmpty { note.append(Span("  ")) }
            note += [Span("a", t.key), Span(" re-attach", t.dim)]
        }
        let inner = Box.draw(in: layout.sessions, title: [Span("Sessions", t.title), Span(" \(sessions.count)", t.dim)],
                             note: note, focused: true, on: &buffer, context: context).inset(left: 1)
        if history.isLoading, !history.isLoaded {
            buffer.put("Loading history" + context.glyphs.ellipsis, x: inner.x, y: inner.y, style: t.dim, clip: inner)
        } else if sessions.isEmpty {
            let text = history.filter.isEmpty ? "No deploys recorded for this project yet. Press d to deploy."
                : "No session matches \"\(history.filter)\". Esc clears the filter."
            buffer.put(text, x: inner.x, y: inner.y, style: t.dim, clip: inner)
        } else {
            let top = history.list.visibleOffset(count: sessions.count, visible: layout.visibleRows)
            Table.draw(columns: sessionColumns, rowCount: sessions.count, top: top, selected: history.list.selection,
                       in: inner, on: &buffer, context: context) { i in
                .cells(sessionCells(sessions[i], selected: i == history.list.selection, state: state, context: context))
            }
        }
        drawStacks(state, in: layout.stacks, on: &buffer, context: context)
    }

    private static func sessionCells(_ s: SessionRow, selected: Bool, state: AppState, context: RenderContext) -> [[Span]] {
        let t = context.theme, g = context.glyphs
        let marked = state.history.marked.contains(s.id)
        let marker = (selected ? g.selection : " ") + (marked ? g.marked : " ")
        return [
            [Span(marker, t.accent)],
            [Span(Format.dateTime(s.startedAt, timeZone: context.timeZone))],
            [Span(Format.ago(s.startedAt, now: state.now), t.dim)],
            [Span(s.env)],
            StatusMarks.outcome(s.outcome, context) + (s.reattach == nil ? [] : [Span(" a", t.key)]),
            [Span(s.duration.map(Format.duration) ?? "", t.dim)],
            [Span("\(s.functionsChanged)", s.functionsChanged == 0 ? t.dim : t.text)],
            [Span(s.gitCommit.map { String($0.prefix(7)) } ?? "", t.dim)],
            [Span(s.stackName, t.dim)],
        ]
    }

    static let stackColumns = [
        TableColumn("STACK", width: 14, flexible: true, maxWidth: 32),
        TableColumn("ENV", width: 8, priority: 2),
        TableColumn("REGION", width: 12, priority: 1),
        TableColumn("STATUS", width: 26, flexible: true, maxWidth: 32),
        TableColumn("UPDATED", width: 9, priority: 3),
    ]

    /// A CloudFormation status with its mark and colour; a stack without one in words, with its newest session's mark.
    private static func statusCell(_ s: StackRow, _ context: RenderContext) -> [Span] {
        guard let status = s.status else {
            let mark = s.lastOutcome.map { StatusMarks.outcome($0, context)[0] } ?? Span(context.glyphs.skipped, context.theme.dim)
            return [mark, Span(" " + s.statusText, context.theme.dim)]
        }
        return [StatusMarks.resource(status, context), Span(" " + status, StatusMarks.resourceStyle(status, context).removing(.bold))]
    }

    private static func drawStacks(_ state: AppState, in rect: Rect, on buffer: inout ScreenBuffer, context: RenderContext) {
        let t = context.theme
        let stacks = state.history.stacks
        let inner = Box.draw(in: rect, title: [Span("Stacks", t.title), Span(" \(stacks.count)", t.dim)],
                             on: &buffer, context: context).inset(left: 1)
        guard !stacks.isEmpty else {
            buffer.put(state.history.isLoaded ? "No stacks yet." : context.glyphs.ellipsis, x: inner.x, y: inner.y, style: t.dim, clip: inner)
            return
        }
        Table.draw(columns: stackColumns, rowCount: stacks.count, top: 0, selected: nil, in: inner, on: &buffer, context: context) { i in
            let s = stacks[i]
            return .cells([
                [Span(s.name, t.bold)], [Span(s.env, t.dim)], [Span(s.region, t.dim)],
                statusCell(s, context),
                [Span(s.updatedAt.map { Format.ago($0, now: state.now) } ?? "", t.dim)],
            ])
        }
    }
}
