import KineticsCore

/// One session opened from History: its summary, root cause, plan (functions and change set) and its events
/// replayed in the event table.
enum SessionDetailView {
    struct Layout {
        var summary: Rect
        var rootCause: Rect?
        var functions: Rect
        var changes: Rect
        var events: Rect
    }

    static func layout(_ state: AppState) -> Layout {
        let body = Chrome.body(state.size)
        let detail = state.history.detail?.detail
        let tall = body.height >= 40
        var rest = body
        var split = rest.splitTop(tall ? 3 : 1)
        let summary = split.top
        rest = split.rest
        var rootCause: Rect? = nil
        if let cause = detail?.rootCause {
            let lines = 1 + TextFit.wrap(cause.reason, width: body.width - 4, maxLines: tall ? 5 : 2).count
            split = rest.splitTop(lines + 2)
            rootCause = split.top
            rest = split.rest
        } else if let message = detail?.failureMessage {
            let lines = TextFit.wrap(TextSanitizer.sanitize(message), width: body.width - 4, maxLines: tall ? 5 : 2).count
            split = rest.splitTop(lines + 2)
            rootCause = split.top
            rest = split.rest
        }
        let planRows = max(1, max(detail?.functions.count ?? 0, detail?.changeSet.count ?? 0))
        let planHeight = min(planRows, tall ? 12 : 3, max(1, rest.height - 9)) + 3
        split = rest.splitTop(planHeight)
        rest = split.rest
        let halves = KineticsTUI.Layout.columns(split.top, [.flex(), .flex()])
        return Layout(summary: summary, rootCause: rootCause, functions: halves[0], changes: halves[1], events: rest)
    }

    static func eventRows(_ state: AppState) -> Int {
        EventTableView.visibleRows(in: layout(state).events, follow: false)
    }

    static func draw(_ state: AppState, on buffer: inout ScreenBuffer, context: RenderContext) {
        guard let open = state.history.detail else { return }
        let t = context.theme, g = context.glyphs
        let layout = layout(state)
        let title = [Span("Session", t.title), Span(" " + open.id, t.dim)]
        let back = [Span("Esc", t.key), Span(" back", t.dim)]
        let summaryInner: Rect
        if layout.summary.height >= 3 {
            summaryInner = Box.draw(in: layout.summary, title: title, note: back, on: &buffer, context: context)
                .inset(left: 1, right: 1)
        } else {
            // One line on small terminals: "Session s-7  ✗ failed · …        Esc back".
            let line = layout.summary
            buffer.put(back, x: line.maxX - 1 - back.width, y: line.y, clip: line)
            let x = buffer.put([Span(" ")] + title + [Span("  ")], x: line.x, y: line.y, clip: line)
            summaryInner = Rect(x: x, y: line.y, width: line.maxX - x - back.width - 2, height: 1)
        }
        guard let detail = open.detail else {
            buffer.put("Loading the session" + g.ellipsis, x: summaryInner.x, y: summaryInner.y, style: t.dim, clip: summaryInner)
            return
        }
        let s = detail.session
        var summary = StatusMarks.outcome(s.outcome, context)
        let sep = Span(" " + g.separator + " ", t.dim)
        if let d = s.duration { summary += [sep, Span(Format.duration(d))] }
        summary += [sep, Span(Format.dateTime(s.startedAt, timeZone: context.timeZone))]
        if let c = s.gitCommit { summary += [sep, Span(String(c.prefix(7)), t.accent)] }
        summary += [sep, Span(s.stackName, t.bold), sep, Span("\(s.functionsChanged) functions changed", t.dim)]
        buffer.put(TextFit.truncate(summary, to: summaryInner.width, ellipsis: g.ellipsis), x: summaryInner.x,
                   y: summaryInner.y, clip: summaryInner)

        if let rect = layout.rootCause, let cause = detail.rootCause {
            let inner = Box.draw(in: rect, title: [Span(g.failed + " Root cause", t.failure)], borderStyle: t.failure.removing(.bold),
                                 on: &buffer, context: context).inset(left: 1, right: 1)
            let headline = [Span(cause.logicalId, t.bold), Span("  " + Format.resourceType(cause.resourceType), t.dim),
                            Span("  " + cause.status, t.failure)]
            let reason = TextFit.wrap(TextSanitizer.sanitize(cause.reason), width: inner.width, maxLines: inner.height - 1, ellipsis: g.ellipsis)
            ProjectView.drawLines([headline] + reason.map { [Span($0)] }, in: inner, on: &buffer)
        } else if let rect = layout.rootCause, let message = detail.failureMessage {
            let inner = Box.draw(in: rect, title: [Span(g.failed + " Why it ended", t.failure)], borderStyle: t.failure.removing(.bold),
                                 on: &buffer, context: context).inset(left: 1, right: 1)
            let lines = TextFit.wrap(TextSanitizer.sanitize(message), width: inner.width, maxLines: inner.height, ellipsis: g.ellipsis)
            ProjectView.drawLines(lines.map { [Span($0)] }, in: inner, on: &buffer)
        }

        drawFunctions(detail, in: layout.functions, on: &buffer, context: context)
        drawChanges(detail, in: layout.changes, on: &buffer, context: context)
        EventTableView.draw(log: open.events, scroll: open.eventScroll, follow: false, title: "Events",
                            emptyText: "No stack events were recorded.", in: layout.events, on: &buffer, context: context)
    }

    private static func drawFunctions(_ detail: SessionDetailModel, in rect: Rect, on buffer: inout ScreenBuffer, context: RenderContext) {
        let t = context.theme
        let inner = Box.draw(in: rect, title: [Span("Functions", t.title), Span(" \(detail.functions.count)", t.dim)],
                             on: &buffer, context: context).inset(left: 1, right: 1)
        let columns = [
            TableColumn("", width: 1), TableColumn("FUNCTION", width: 12, flexible: true, maxWidth: 30),
            TableColumn("RESULT", width: 9), TableColumn("ARTIFACT", width: 10, priority: 1),
        ]
        let shown = shownRows(detail.functions.count, in: inner)
        Table.draw(columns: columns, rowCount: shown.rows, top: 0, selected: nil, in: inner,
                   on: &buffer, context: context) { i in
            if i == shown.moreRow { return .line([Span("  + \(detail.functions.count - i) more", t.dim)]) }
            let f = detail.functions[i]
            let label: Span
            switch f.stage {
            case .skippedUnchanged: label = Span("unchanged", t.dim)
            case .done: label = f.deployed ? Span("deployed", t.success) : Span("uploaded", t.dim)
            case .failed: label = Span("failed", t.failure)
            default: label = Span("stopped", t.dim)
            }
            return .cells([[StatusMarks.stage(f.stage, spinnerFrame: 0, context)], [Span(f.name)], [label],
                           [Span(f.artifactHash.map(Format.shortHash) ?? "", t.dim)]])
        }
    }

    private static func drawChanges(_ detail: SessionDetailModel, in rect: Rect, on buffer: inout ScreenBuffer, context: RenderContext) {
        let t = context.theme
        let inner = Box.draw(in: rect, title: [Span("Change set", t.title), Span(" \(detail.changeSet.count)", t.dim)],
                             on: &buffer, context: context).inset(left: 1, right: 1)
        let columns = [
            TableColumn("", width: 1), TableColumn("LOGICAL ID", width: 14, flexible: true, maxWidth: 36),
            TableColumn("TYPE", width: 14, flexible: true, maxWidth: 30, priority: 1),
        ]
        if detail.changeSet.isEmpty {
            buffer.put("No changes recorded.", x: inner.x, y: inner.y + 1, style: t.dim, clip: inner)
        }
        let shown = shownRows(detail.changeSet.count, in: inner)
        Table.draw(columns: columns, rowCount: shown.rows, top: 0, selected: nil, in: inner,
                   on: &buffer, context: context) { i in
            if i == shown.moreRow { return .line([Span("  + \(detail.changeSet.count - i) more", t.dim)]) }
            let c = detail.changeSet[i]
            return .cells([[StatusMarks.change(c.action, context)], [Span(c.logicalId)],
                           [Span(Format.resourceType(c.resourceType), t.dim)]])
        }
    }

    /// How many table rows to draw for `count` items under a header in `rect`, the last one saying how many more
    /// there are when not all fit.
    private static func shownRows(_ count: Int, in rect: Rect) -> (rows: Int, moreRow: Int?) {
        let room = max(0, rect.height - 1)
        guard count > room, room > 0 else { return (count, nil) }
        return (room, room - 1)
    }
}
