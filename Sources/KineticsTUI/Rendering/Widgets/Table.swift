/// A table with a header row, columns fitted to the width (dropping low-priority columns on narrow terminals),
/// an optional selected row and a scroll offset. Only the rows that are visible are asked for, so a table of
/// 100,000 rows costs what a table of one screenful costs.
enum Table {
    /// What one row shows: a cell per column, or one line across all columns (a section title).
    enum Row {
        case cells([[Span]])
        case line([Span])
    }

    /// The columns that fit `width` with `spacing` cells between them, left to right.
    static func resolve(_ columns: [TableColumn], width: Int, spacing: Int = 1) -> [ResolvedColumn] {
        var shown = Array(columns.indices)
        func needed(_ set: [Int]) -> Int {
            set.reduce(0) { $0 + columns[$1].width } + max(0, set.count - 1) * spacing
        }
        // Drop optional columns, the highest priority number first and among equals the rightmost.
        while needed(shown) > width,
            let drop = shown.enumerated().filter({ columns[$0.element].priority > 0 }).max(by: { a, b in
                (columns[a.element].priority, a.offset) < (columns[b.element].priority, b.offset)
            })
        {
            shown.remove(at: drop.offset)
        }
        var widths = shown.map { columns[$0].width }
        var spare = width - needed(shown)
        if spare < 0, let last = widths.indices.last {
            widths[last] = max(0, widths[last] + spare)
            spare = 0
        }
        // Share the spare space among flexible columns, respecting their maximum widths.
        var growable = shown.indices.filter { columns[shown[$0]].flexible }
        while spare > 0, !growable.isEmpty {
            let share = max(1, spare / growable.count)
            for k in growable where spare > 0 {
                let limit = columns[shown[k]].maxWidth ?? .max
                let add = min(share, spare, limit - widths[k])
                widths[k] += add
                spare -= add
            }
            growable = growable.filter { widths[$0] < (columns[shown[$0]].maxWidth ?? .max) }
        }
        var x = 0
        return shown.indices.map { k in
            defer { x += widths[k] + spacing }
            return ResolvedColumn(index: shown[k], x: x, width: widths[k])
        }
    }

    /// Draws the header (when `header` is set) and rows `top..<top+visible` into `rect`.
    ///
    /// - Parameters:
    ///   - rowCount: how many rows the table has in all.
    ///   - top: the index of the first row shown.
    ///   - selected: the row drawn in the selection style, if any.
    ///   - row: one row: its cells (one `[Span]` per column, shown or not) or a line across the table.
    static func draw(
        columns: [TableColumn],
        rowCount: Int,
        top: Int,
        selected: Int?,
        header: Bool = true,
        in rect: Rect,
        on buffer: inout ScreenBuffer,
        context: RenderContext,
        row: (Int) -> Row
    ) {
        guard !rect.isEmpty else { return }
        let resolved = resolve(columns, width: rect.width)
        var y = rect.y
        if header {
            for column in resolved {
                let title = TextFit.pad(
                    columns[column.index].title, to: column.width, alignment: columns[column.index].alignment,
                    ellipsis: context.glyphs.ellipsis)
                buffer.put(title, x: rect.x + column.x, y: y, style: context.theme.columnHeader, clip: rect)
            }
            y += 1
        }
        let visible = max(0, rect.maxY - y)
        let first = max(0, min(top, rowCount - visible))
        let last = min(rowCount, first + visible)
        guard first < last else { return }
        for index in first..<last {
            let line = Rect(x: rect.x, y: y, width: rect.width, height: 1)
            switch row(index) {
            case .line(let spans):
                buffer.put(TextFit.truncate(spans, to: rect.width, ellipsis: context.glyphs.ellipsis),
                           x: rect.x, y: y, clip: line)
            case .cells(let cells):
                for column in resolved where column.index < cells.count {
                    let spans = TextFit.truncate(cells[column.index], to: column.width, ellipsis: context.glyphs.ellipsis)
                    let pad = column.width - spans.width
                    let x = rect.x + column.x + (columns[column.index].alignment == .right ? pad : 0)
                    buffer.put(spans, x: x, y: y, clip: line)
                }
            }
            if index == selected {
                buffer.restyle(line) { $0.adding(context.theme.selection.attributes) }
            }
            y += 1
        }
    }
}
