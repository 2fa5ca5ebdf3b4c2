/// The Compare screen: two sessions side by side, then the functions and template resources that differ.
enum CompareView {
    static func bodyRect(_ size: Size) -> Rect { Chrome.body(size) }

    /// Lines that fit in the box.
    static func visibleRows(_ size: Size) -> Int { max(1, bodyRect(size).height - 2) }

    static func draw(_ state: AppState, on buffer: inout ScreenBuffer, context: RenderContext) {
        let t = context.theme
        let rect = bodyRect(state.size)
        guard let compare = state.compare else {
            let inner = Box.draw(in: rect, title: [Span("Compare", t.title)], on: &buffer, context: context).inset(left: 1, right: 1)
            let lines: [[Span]] = [
                [Span("Nothing to compare yet.", t.bold)],
                [],
                [Span("In History, mark two sessions with ", t.dim), Span("space", t.key), Span(", then press ", t.dim),
                 Span("c", t.key), Span(".", t.dim)],
            ]
            ProjectView.drawLines(lines, in: inner.inset(top: 1), on: &buffer)
            return
        }
        let inner = Box.draw(in: rect, title: [Span("Compare", t.title), Span(" \(compare.olderId) \(context.glyphs.bothWays) \(compare.newerId)", t.dim)],
                             note: [Span("Esc", t.key), Span(" back", t.dim)], focused: true, on: &buffer, context: context)
            .inset(left: 1, right: 1)
        guard let comparison = compare.comparison else {
            buffer.put("Loading the two sessions" + context.glyphs.ellipsis, x: inner.x, y: inner.y, style: t.dim, clip: inner)
            return
        }
        let all = lines(comparison, width: inner.width, context: context)
        let offset = max(0, min(compare.offset, all.count - inner.height))
        ProjectView.drawLines(Array(all.dropFirst(offset)), in: inner, on: &buffer)
    }

    /// Every line of a comparison, for drawing and for scrolling.
    static func lines(_ c: SessionComparison, width: Int, context: RenderContext) -> [[Span]] {
        let t = context.theme, g = context.glyphs
        let label = 14
        let column = min(40, max(12, (width - label) / 2))
        func row(_ name: String, _ older: [Span], _ newer: [Span]) -> [Span] {
            [Span(TextFit.pad(name, to: label), t.dim)] + pad(older, column, g) + newer
        }
        let nameWidth = min(30, ((c.hashesChanged.map(\.name) + c.functionsAdded + c.functionsRemoved).map { DisplayWidth.of($0) }.max() ?? 0) + 2)
        let resourceWidth = min(36, ((c.resourcesAdded + c.resourcesRemoved).map { DisplayWidth.of($0.logicalId) }
            + c.resourcesRetyped.map { DisplayWidth.of($0.name) }).max() ?? 0) + 2
        var out: [[Span]] = []
        out.append(row("", [Span("OLDER", t.columnHeader)], [Span("NEWER", t.columnHeader)]))
        out.append(row("Session", [Span(c.older.id, t.bold)], [Span(c.newer.id, t.bold)]))
        out.append(row("Started", [Span(Format.dateTime(c.older.startedAt, timeZone: context.timeZone))],
                       [Span(Format.dateTime(c.newer.startedAt, timeZone: context.timeZone))]))
        out.append(row("Outcome", StatusMarks.outcome(c.older.outcome, context), StatusMarks.outcome(c.newer.outcome, context)))
        var newerDuration = [Span(c.newer.duration.map(Format.duration) ?? g.dash)]
        if let delta = c.durationDelta, abs(delta) >= 1 {
            newerDuration.append(Span("  " + Format.signedDuration(delta), delta > 0 ? t.warning : t.success))
        }
        out.append(row("Duration", [Span(c.older.duration.map(Format.duration) ?? g.dash)], newerDuration))
        out.append(row("Commit", [Span(c.older.gitCommit.map { String($0.prefix(7)) } ?? g.dash, t.accent)],
                       [Span(c.newer.gitCommit.map { String($0.prefix(7)) } ?? g.dash, t.accent)]))
        out.append(row("Env / stack", [Span("\(c.older.env) \(g.separator) \(c.older.stackName)")],
                       [Span("\(c.newer.env) \(g.separator) \(c.newer.stackName)")]))
        out.append(row("Fns changed", [Span("\(c.older.functionsChanged)")], [Span("\(c.newer.functionsChanged)")]))
        out.append([])

        out.append([Span("FUNCTIONS", t.columnHeader),
                    Span("  \(c.functionsAdded.count) added \(g.separator) \(c.functionsRemoved.count) removed \(g.separator) "
                         + "\(c.hashesChanged.count) rebuilt \(g.separator) \(c.functionsUnchanged) unchanged", t.dim)])
        for name in c.functionsAdded {
            out.append([Span("  " + g.add + " ", t.success)] + pad([Span(name, t.bold)], nameWidth, g) + [Span("added", t.dim)])
        }
        for name in c.functionsRemoved {
            out.append([Span("  " + g.remove + " ", t.failure)] + pad([Span(name, t.bold)], nameWidth, g) + [Span("removed", t.dim)])
        }
        for change in c.hashesChanged {
            out.append([Span("  " + g.modify + " ", t.warning)] + pad([Span(change.name, t.bold)], nameWidth, g)
                       + [Span(change.older.map(Format.shortHash) ?? "?", t.dim), Span(" " + g.arrow + " ", t.dim),
                          Span(change.newer.map(Format.shortHash) ?? "?", t.accent)])
        }
        out.append([])
        out.append([Span("RESOURCES", t.columnHeader),
                    Span("  \(c.resourcesAdded.count) added \(g.separator) \(c.resourcesRemoved.count) removed \(g.separator) "
                         + "\(c.resourcesRetyped.count) retyped \(g.separator) \(c.resourcesUnchanged) unchanged", t.dim)])
        for r in c.resourcesAdded {
            out.append([Span("  " + g.add + " ", t.success)] + pad([Span(r.logicalId)], resourceWidth, g) + [Span(Format.resourceType(r.type), t.dim)])
        }
        for r in c.resourcesRemoved {
            out.append([Span("  " + g.remove + " ", t.failure)] + pad([Span(r.logicalId)], resourceWidth, g) + [Span(Format.resourceType(r.type), t.dim)])
        }
        for r in c.resourcesRetyped {
            out.append([Span("  " + g.modify + " ", t.warning)] + pad([Span(r.name)], resourceWidth, g)
                       + [Span(Format.resourceType(r.older ?? ""), t.dim), Span(" " + g.arrow + " ", t.dim), Span(Format.resourceType(r.newer ?? ""))])
        }
        return out
    }

    private static func pad(_ spans: [Span], _ width: Int, _ g: Glyphs) -> [Span] {
        let cut = TextFit.truncate(spans, to: width - 1, ellipsis: g.ellipsis)
        return cut + [Span(String(repeating: " ", count: max(1, width - cut.width)))]
    }
}
