import KineticsCore

/// The stack event table of the Deploy and Session screens: time, logical id, type, status (symbol and colour),
/// per-resource elapsed time and reason. It follows the newest event, or shows a cursor and the full reason of
/// the event under it. Only visible rows are drawn.
enum EventTableView {
    static let columns = [
        TableColumn("TIME", width: 8),
        TableColumn("LOGICAL ID", width: 16, flexible: true, maxWidth: 30),
        TableColumn("TYPE", width: 14, flexible: true, maxWidth: 26, priority: 3),
        TableColumn("STATUS", width: 24, flexible: true, maxWidth: 30),
        TableColumn("ELAPSED", width: 7, alignment: .right, priority: 1),
        TableColumn("REASON", width: 12, flexible: true, priority: 2),
    ]

    /// Event rows that fit in a panel of `rect` (border, header and, when not following, the reason line).
    static func visibleRows(in rect: Rect, follow: Bool) -> Int {
        max(1, rect.height - 3 - (follow ? 0 : 1))
    }

    /// The first row shown: the newest screenful when following, else around the cursor.
    static func top(log: EventLog, scroll: ListScroll, follow: Bool, visible: Int) -> Int {
        follow ? max(0, log.count - visible) : scroll.visibleOffset(count: log.count, visible: visible)
    }

    static func draw(
        log: EventLog,
        scroll: ListScroll,
        follow: Bool,
        title: String,
        emptyText: String,
        in rect: Rect,
        on buffer: inout ScreenBuffer,
        context: RenderContext
    ) {
        let t = context.theme, g = context.glyphs
        let visible = visibleRows(in: rect, follow: follow)
        let top = top(log: log, scroll: scroll, follow: follow, visible: visible)
        var note: [Span]
        if follow {
            note = [Span(g.dot, t.success), Span(" following", t.dim)]
        } else {
            note = [Span("\(scroll.selection + 1)/\(log.count)", t.dim), Span("  f", t.key), Span(" follow", t.dim)]
        }
        if log.isEmpty { note = [] }
        let inner = Box.draw(in: rect, title: [Span(title, t.title), Span(" \(log.count)", t.dim)], note: note,
                             focused: true, on: &buffer, context: context)
        let padded = inner.inset(left: 1, right: 1)
        guard !padded.isEmpty else { return }
        let tableRect = follow ? padded : padded.splitBottom(1).rest
        if log.isEmpty {
            Table.draw(columns: columns, rowCount: 0, top: 0, selected: nil, in: tableRect, on: &buffer, context: context) { _ in .cells([]) }
            buffer.put(emptyText, x: padded.x, y: padded.y + 1, style: t.dim, clip: padded)
            return
        }
        Table.draw(columns: columns, rowCount: log.count, top: top, selected: follow ? nil : scroll.selection,
                   in: tableRect, on: &buffer, context: context) { index in
            .cells(cells(log[index], context: context))
        }
        if !follow, log.count > 0 {
            let row = log[min(scroll.selection, log.count - 1)]
            let reason = row.event.resourceStatusReason.map { TextSanitizer.sanitize($0) } ?? "no reason given"
            let line = [Span(row.event.logicalResourceId + ": ", t.bold), Span(reason, t.dim)]
            let footer = padded.splitBottom(1).bottom
            buffer.put(TextFit.truncate(line, to: footer.width, ellipsis: g.ellipsis), x: footer.x, y: footer.y, clip: footer)
        }
    }

    static func cells(_ row: EventRow, context: RenderContext) -> [[Span]] {
        let t = context.theme
        let e = row.event
        let statusStyle = StatusMarks.resourceStyle(e.resourceStatus, context)
        var status = [StatusMarks.resource(e.resourceStatus, context), Span(" " + e.resourceStatus, statusStyle.removing(.bold))]
        if let detailed = e.detailedStatus { status.append(Span(" " + detailed, t.dim)) }
        return [
            [Span(Format.timeOfDay(e.timestamp, timeZone: context.timeZone), t.dim)],
            [Span(e.logicalResourceId, e.isStackEvent ? t.bold : t.text)],
            [Span(Format.resourceType(e.resourceType), t.dim)],
            status,
            [Span(row.resourceElapsed.map(Format.duration) ?? "", t.dim)],
            [Span(e.resourceStatusReason ?? "", ResourceStatusKind(status: e.resourceStatus) == .failed ? t.failure.removing(.bold) : t.dim)],
        ]
    }
}
